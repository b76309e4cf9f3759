import type { RoomSocket } from './socket.js';

/** What a screen should tell the person about its connection. */
export interface Link {
  /** The socket is connected, the browser is online, and the server has been heard from lately. */
  live: boolean;
  /** When the server was last heard from (ms since epoch), for "最后同步 hh:mm:ss"; null: never. */
  lastContactAt: number | null;
}

/** A heartbeat twice a second keeps word from the server coming while nothing else happens. */
const HEARTBEAT_EVERY_MS = 500;
/** No word from the server this long: the connection is said to be down (within 3 s of the drop). */
const SILENT_AFTER_MS = 2_000;
/**
 * Silent this long: give the socket up and open a new one. A moment's silence may be a busy
 * server, and the socket still holds what was sent on it; this long is a network gone without a
 * word (Wi-Fi lost on a phone), which Socket.IO itself would notice only after its ~45 s ping timeout.
 */
const RECONNECT_AFTER_MS = 6_000;
const CHECK_EVERY_MS = 250;

/**
 * Follows whether the tab's connection really works, for a screen that must say so within
 * seconds: the socket's own connect and disconnect, the browser's offline/online events, and
 * silence — any message from the server counts as word from it, and a heartbeat
 * (`connection:heartbeat`, answered at once) keeps messages coming. Calls `onChange` whenever
 * `live` changes; returns the stop function.
 */
export function followLink(socket: RoomSocket, onChange: (link: Link) => void): () => void {
  let lastContactAt: number | null = socket.connected ? Date.now() : null;
  /** Silence is measured from here at the earliest: the last contact, connect, or a wake-up. */
  let listeningSince = Date.now();
  let lastCheckAt = Date.now();
  let silent = false;
  const compute = () => socket.connected && navigator.onLine && !silent;
  let live = compute();

  const update = () => {
    const now = compute();
    if (now === live) return;
    live = now;
    onChange({ live, lastContactAt });
  };
  const contact = () => {
    lastContactAt = Date.now();
    listeningSince = lastContactAt;
    silent = false;
    update();
  };
  const beat = () => {
    if (socket.connected && navigator.onLine) socket.emit('connection:heartbeat', {}, () => undefined);
  };
  const check = () => {
    const now = Date.now();
    // Timers held back (a background tab, a phone asleep) say nothing about the connection:
    // listen afresh instead of counting the pause as silence.
    if (now - lastCheckAt > 4 * CHECK_EVERY_MS) {
      listeningSince = now;
      beat();
    }
    lastCheckAt = now;
    if (!socket.connected || !navigator.onLine) return;
    const quiet = now - Math.max(listeningSince, lastContactAt ?? 0);
    if (quiet >= RECONNECT_AFTER_MS) {
      listeningSince = now;
      socket.disconnect();
      socket.connect();
      return;
    }
    if (quiet >= SILENT_AFTER_MS && !silent) {
      silent = true;
      update();
    }
  };
  const onConnect = () => contact();
  const onDisconnect = () => {
    silent = false;
    update();
  };
  const onVisible = () => {
    // A phone waking up: its connection may have died while it slept; find out now.
    if (document.visibilityState === 'visible') {
      listeningSince = Date.now();
      beat();
    }
  };

  const beats = setInterval(beat, HEARTBEAT_EVERY_MS);
  const checks = setInterval(check, CHECK_EVERY_MS);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.io.on('packet', contact);
  window.addEventListener('offline', update);
  window.addEventListener('online', update);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(beats);
    clearInterval(checks);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.io.off('packet', contact);
    window.removeEventListener('offline', update);
    window.removeEventListener('online', update);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
