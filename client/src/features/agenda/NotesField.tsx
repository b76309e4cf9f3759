import { useEffect, useRef } from 'react';
import * as Y from 'yjs';

/**
 * A plain textarea bound to a Y.Text. The textarea is updated the moment a remote change arrives
 * (not on React's next render), with the caret kept in place, so that what the person edits is
 * always the document's current text and each keystroke becomes exactly the change they made.
 */
export function NotesField({ text, label, placeholder }: { text: Y.Text; label: string; placeholder: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.value = text.toString();
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.local && tr.origin === el) return; // our own keystroke: already in the textarea
      let [start, end] = [el.selectionStart, el.selectionEnd];
      let index = 0;
      for (const d of event.delta) {
        if (d.retain) index += d.retain;
        else if (typeof d.insert === 'string') {
          const n = d.insert.length;
          if (index < start || (index === start && start !== end)) start += n;
          if (index < end) end += n;
          index += n;
        } else if (d.delete) {
          if (index < start) start = Math.max(index, start - d.delete);
          if (index < end) end = Math.max(index, end - d.delete);
        }
      }
      el.value = text.toString();
      if (document.activeElement === el) el.setSelectionRange(start, end);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const onInput = () => {
    const el = ref.current;
    if (!el) return;
    const before = text.toString();
    const after = el.value;
    // The change ends at the caret; look for the common prefix no further than that.
    const caret = el.selectionEnd;
    let prefix = 0;
    const maxPrefix = Math.min(before.length, after.length, caret);
    while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (
      suffix < before.length - prefix &&
      suffix < after.length - prefix &&
      before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
    )
      suffix++;
    text.doc?.transact(() => {
      const removed = before.length - prefix - suffix;
      if (removed > 0) text.delete(prefix, removed);
      const inserted = after.slice(prefix, after.length - suffix);
      if (inserted) text.insert(prefix, inserted);
    }, el);
  };

  return (
    <textarea ref={ref} aria-label={label} rows={3} maxLength={5000} placeholder={placeholder} onInput={onInput} />
  );
}
