import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { itemsOf, readItems, type AgendaItem } from './agendaDoc.js';

/** The items of an agenda document, read again whenever anyone changes it. */
export function useAgendaItems(doc: Y.Doc): AgendaItem[] {
  const [items, setItems] = useState<AgendaItem[]>([]);
  useEffect(() => {
    const array = itemsOf(doc);
    const refresh = () => setItems(readItems(doc));
    refresh();
    array.observeDeep(refresh);
    return () => array.unobserveDeep(refresh);
  }, [doc]);
  return items;
}
