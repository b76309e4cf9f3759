import * as Y from 'yjs';

/** One agenda item as the UI reads it; in the document it is a Y.Map in the `items` Y.Array. */
export interface AgendaItem {
  id: string;
  title: string;
  presenterUnit: string;
  minutes: number;
  status: 'pending' | 'current' | 'done' | 'deferred';
  /** 议题说明: background and the question put to the meeting (plain text, co-edited). */
  notes: string;
  /** The earlier action item whose progress this entry reports (上次会议督办事项), if any. */
  actionItem: string | null;
}

export const itemsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items');

/** The field that remembers which action item an entry reports on, so it is not put on twice. */
const ACTION_ITEM = 'actionItem';

export function readItems(doc: Y.Doc): AgendaItem[] {
  return itemsOf(doc)
    .toArray()
    .map((m) => ({
      id: String(m.get('id') ?? ''),
      title: String(m.get('title') ?? ''),
      presenterUnit: String(m.get('presenterUnit') ?? ''),
      minutes: Number(m.get('minutes') ?? 0),
      status: (m.get('status') as AgendaItem['status'] | undefined) ?? 'pending',
      notes: String(m.get('notes') ?? ''),
      actionItem: typeof m.get(ACTION_ITEM) === 'string' ? (m.get(ACTION_ITEM) as string) : null,
    }));
}

export function addItem(
  doc: Y.Doc,
  title: string,
  minutes: number,
  more: { presenterUnit?: string; actionItem?: string } = {},
): void {
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    m.set('id', crypto.randomUUID());
    m.set('title', title);
    m.set('presenterUnit', more.presenterUnit ?? '');
    m.set('minutes', minutes);
    m.set('status', 'pending');
    m.set('notes', new Y.Text());
    if (more.actionItem !== undefined) m.set(ACTION_ITEM, more.actionItem);
    itemsOf(doc).push([m]);
  });
}

export function updateItem(
  doc: Y.Doc,
  index: number,
  field: 'title' | 'presenterUnit' | 'minutes',
  value: unknown,
): void {
  itemsOf(doc).get(index)?.set(field, value);
}

export function removeItem(doc: Y.Doc, index: number): void {
  itemsOf(doc).delete(index, 1);
}

/**
 * Moves an item. A Y.Array has no move, so the item is re-created at its new place inside one
 * transaction: every client sees a single change, and the id stays the same.
 */
export function moveItem(doc: Y.Doc, from: number, to: number): void {
  const items = itemsOf(doc);
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return;
  doc.transact(() => {
    const old = items.get(from);
    const copy = new Y.Map<unknown>();
    for (const [k, v] of old.entries()) {
      copy.set(k, v instanceof Y.Text ? new Y.Text(v.toString()) : v);
    }
    items.delete(from, 1);
    items.insert(to, [copy]);
  });
}

/** The item's notes as a Y.Text, creating it for items written before notes existed. */
export function notesOf(doc: Y.Doc, index: number): Y.Text {
  const item = itemsOf(doc).get(index);
  const notes = item?.get('notes');
  if (notes instanceof Y.Text) return notes;
  const text = new Y.Text(typeof notes === 'string' ? notes : '');
  item?.set('notes', text);
  return text;
}
