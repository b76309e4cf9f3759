import { docName, type AgendaEntry } from '@tongxin/shared';
import * as Y from 'yjs';
import type { DocRegistry } from './registry.js';

// The agenda is one Yjs document (`meeting:<id>:agenda`): a Y.Array `items` of Y.Map with id,
// title, presenterUnit, minutes, status and notes (Y.Text). The live room reads it here, so the
// room's current item and the agenda the secretaries edit are one source of truth.

const items = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items');
const STATUSES = new Set<AgendaEntry['status']>(['pending', 'current', 'done', 'deferred']);

/** The agenda as plain data, in order. */
export function readAgenda(doc: Y.Doc): AgendaEntry[] {
  return items(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map((m) => {
      const status = m.get('status') as AgendaEntry['status'];
      const notes = m.get('notes');
      return {
        id: String(m.get('id') ?? ''),
        title: String(m.get('title') ?? ''),
        presenterUnit: String(m.get('presenterUnit') ?? ''),
        minutes: Number(m.get('minutes') ?? 0) || 0,
        status: STATUSES.has(status) ? status : 'pending',
        notes: notes instanceof Y.Text ? notes.toString() : typeof notes === 'string' ? notes : '',
      };
    })
    .filter((e) => e.id !== '');
}

/** The meeting's agenda, loading the document if no one has it open. */
export function agendaOf(registry: DocRegistry, meetingId: string): Promise<AgendaEntry[]> {
  return registry.with(docName({ kind: 'agenda', meetingId }), (d) => readAgenda(d.ydoc));
}

/**
 * Makes `itemId` the current item in the document (or none): the item that was current becomes
 * done. One transaction, so every editor sees a single change. Returns the new current item.
 */
export function markCurrent(doc: Y.Doc, itemId: string | null): AgendaEntry | null {
  doc.transact(() => {
    for (const m of items(doc).toArray()) {
      if (!(m instanceof Y.Map)) continue;
      const id = String(m.get('id') ?? '');
      if (id === itemId) {
        if (m.get('status') !== 'current') m.set('status', 'current');
      } else if (m.get('status') === 'current') {
        m.set('status', 'done');
      }
    }
  });
  return readAgenda(doc).find((e) => e.id === itemId) ?? null;
}

/**
 * Appends one item at the end of a meeting's agenda, as the agenda editor writes one (pending,
 * with its notes as Y.Text): what 列入会议议程 of a joint project or a whistle does. Everyone
 * editing the agenda sees it at once.
 */
export function appendAgendaItem(
  registry: DocRegistry,
  meetingId: string,
  entry: { id: string; title: string; presenterUnit: string; minutes: number; notes: string },
): Promise<void> {
  return registry.with(docName({ kind: 'agenda', meetingId }), (shared) => {
    const item = new Y.Map<unknown>();
    shared.ydoc.transact(() => {
      item.set('id', entry.id);
      item.set('title', entry.title);
      item.set('presenterUnit', entry.presenterUnit);
      item.set('minutes', entry.minutes);
      item.set('status', 'pending');
      item.set('notes', new Y.Text(entry.notes.slice(0, 2000)));
      items(shared.ydoc).push([item]);
    });
  });
}
