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
  /**
   * "I was cut off from Redis": like SyncRequest, and the receivers ask back with their own state
   * vector, since during the outage both sides may have made edits the other misses.
   */
  Resync = 4,
}

/**
 * With several server processes, each keeps its own in-memory copy of a document; this relays
 * Yjs updates and awareness between them over Redis pub/sub so that clients connected to
 * different processes edit one document. Each process stores its own clients' updates; relayed
 * ones are applied, not stored again.
 *
 * While Redis is away each process keeps serving its own copy (nothing is published, nothing
 * waits); when it is back, every loaded document is subscribed again and exchanges what the other
 * processes miss (Resync), so edits made on either side during the outage meet.
 */
export function redisRelay(redis: RedisLink, log: Logger, lock: (doc: SharedDoc) => void = () => {}): DocLifecycle {
  const instance = randomBytes(ID_BYTES);
  const docs = new Map<string, SharedDoc>();

  const publish = (name: string, kind: Kind, payload: Uint8Array) => {
    // Away: the Resync on recovery carries what this would have.
    if (redis.pub.status !== 'ready') return;
    const frame = Buffer.concat([Buffer.from([kind]), instance, payload]);
    redis.pub
      .publish(PREFIX + name, frame)
      .catch((err: Error) => log.debug({ err: err.message, doc: name }, 'yjs relay publish failed'));
  };

  const subscribe = async (names: string[]): Promise<boolean> => {
    if (names.length === 0 || redis.sub.status !== 'ready') return false;
    try {
      await redis.sub.subscribe(...names.map((n) => PREFIX + n));
      return true;
    } catch (err) {
      log.debug({ err: (err as Error).message }, 'yjs relay subscribe failed; retried when Redis is back');
      return false;
    }
  };

  redis.onRecovered(() => {
    // ioredis re-subscribes what was subscribed before the outage; documents loaded during it
    // were not. Subscribing again is harmless, and must be done before asking for updates.
    void subscribe([...docs.keys()]).then((subscribed) => {
      if (!subscribed) return;
      for (const doc of docs.values()) publish(doc.name, Kind.Resync, doc.vector());
    });
  });

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
        case Kind.Resync:
          publish(doc.name, Kind.Update, Y.encodeStateAsUpdate(doc.ydoc, payload));
          publish(doc.name, Kind.SyncRequest, doc.vector());
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
      // Another process may hold edits it has not stored yet: ask for them (once subscribed to
      // hear the answer; with Redis away, the Resync on recovery asks instead).
      if (await subscribe([doc.name])) publish(doc.name, Kind.SyncRequest, doc.vector());
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
