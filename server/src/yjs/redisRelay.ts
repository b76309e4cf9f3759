import { randomBytes } from 'node:crypto';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { RedisLink } from '../redis.js';
import type { DocLifecycle } from './registry.js';
import { FROM_RELAY, type SharedDoc } from './sharedDoc.js';

const PREFIX = 'tongxin:yjs:';
const ID_BYTES = 8;
const enum Kind {
  Update = 0,
  Awareness = 1,
  /** "I just loaded this document; send me what I miss" — carries the sender's state vector. */
  SyncRequest = 2,
  /** The document is locked for good (published minutes): its connections here become read-only. */
  Lock = 3,
}

/**
 * With several server processes, each keeps its own in-memory copy of a document; this relays
 * Yjs updates and awareness between them over Redis pub/sub so that clients connected to
 * different processes edit one document. Each process stores its own clients' updates; relayed
 * ones are applied, not stored again.
 */
export function redisRelay(redis: RedisLink, log: Logger, lock: (doc: SharedDoc) => void = () => {}): DocLifecycle {
  const instance = randomBytes(ID_BYTES);
  const docs = new Map<string, SharedDoc>();

  const publish = (name: string, kind: Kind, payload: Uint8Array) => {
    const frame = Buffer.concat([Buffer.from([kind]), instance, payload]);
    redis.pub
      .publish(PREFIX + name, frame)
      .catch((err: Error) => log.warn({ err: err.message }, 'yjs relay publish failed'));
  };

  redis.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString();
    if (!name.startsWith(PREFIX) || message.length < 1 + ID_BYTES) return;
    const doc = docs.get(name.slice(PREFIX.length));
    if (!doc || message.subarray(1, 1 + ID_BYTES).equals(instance)) return;
    const payload = new Uint8Array(message.subarray(1 + ID_BYTES));
    try {
      switch (message[0]) {
        case Kind.Update:
          doc.applyRelayed(payload);
          break;
        case Kind.Awareness:
          awarenessProtocol.applyAwarenessUpdate(doc.awareness, payload, FROM_RELAY);
          break;
        case Kind.SyncRequest:
          publish(doc.name, Kind.Update, Y.encodeStateAsUpdate(doc.ydoc, payload));
          break;
        case Kind.Lock:
          lock(doc);
          break;
      }
    } catch (err) {
      log.warn({ err: (err as Error).message, doc: doc.name }, 'bad yjs relay message ignored');
    }
  });

  return {
    async loaded(doc) {
      docs.set(doc.name, doc);
      doc.onLocalUpdate = (update) => publish(doc.name, Kind.Update, update);
      doc.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
        if (origin === FROM_RELAY) return;
        const changed = [...added!, ...updated!, ...removed!];
        publish(doc.name, Kind.Awareness, awarenessProtocol.encodeAwarenessUpdate(doc.awareness, changed));
      });
      await redis.sub.subscribe(PREFIX + doc.name);
      // Another process may hold edits it has not stored yet: ask for them.
      publish(doc.name, Kind.SyncRequest, Y.encodeStateVector(doc.ydoc));
    },
    async released(doc) {
      docs.delete(doc.name);
      await redis.sub.unsubscribe(PREFIX + doc.name).catch(() => {});
    },
    // Only processes that have the document loaded can have connections on it; the others
    // decide access for new connections from the database, where the lock is already stored.
    locked(name) {
      publish(name, Kind.Lock, new Uint8Array());
    },
  };
}
