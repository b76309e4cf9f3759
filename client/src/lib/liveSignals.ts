/**
 * What the server says about this viewer's rights while screens are open. Whoever learns it
 * first — a socket, a document connection — says so here, and the app reacts once:
 * - the session ended (logout in another tab, a password change or reset): back to login;
 * - access changed (the unit made observer, a decision put to the vote …): screens re-read
 *   what they show, so that buttons follow the new rights.
 */
type Listener = () => void;
const ended = new Set<Listener>();
const changed = new Set<Listener>();

export function onSessionEnded(listener: Listener): () => void {
  ended.add(listener);
  return () => ended.delete(listener);
}

export function sessionEnded(): void {
  for (const listener of ended) listener();
}

export function onAccessChanged(listener: Listener): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

export function accessChanged(): void {
  for (const listener of changed) listener();
}
