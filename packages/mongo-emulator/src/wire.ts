// Framing for the MongoDB wire protocol:
// https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/
import { BSON } from 'bson';
import type { Doc } from './types.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const MSG_CHECKSUM_PRESENT = 1;
export const MSG_MORE_TO_COME = 2;

/** Same limit a real server advertises as maxMessageSizeBytes. */
export const MAX_MESSAGE_SIZE = 48_000_000;

/** Anything that makes the byte stream unusable: the connection is closed, the server lives on. */
export class ProtocolError extends Error {}

export interface RawMessage {
  requestId: number;
  responseTo: number;
  opCode: number;
  body: Buffer;
}

export interface ParsedOpMsg {
  flagBits: number;
  command: Doc;
}

export interface ParsedOpQuery {
  fullCollectionName: string;
  query: Doc;
}

// promoteLongs stays on: Int64 values that fit in 53 bits (all cursor ids this server hands out)
// arrive as exact JS numbers; larger ones stay `Long`.
const DESERIALIZE_OPTS = { promoteLongs: true, promoteValues: true, validation: { utf8: false } } as const;

function decodeDoc(buf: Buffer, off: number, limit: number): [Doc, number] {
  if (off + 5 > limit) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(off);
  if (size < 5 || off + size > limit) throw new ProtocolError('invalid BSON document length');
  try {
    return [BSON.deserialize(buf.subarray(off, off + size), DESERIALIZE_OPTS) as Doc, off + size];
  } catch (err) {
    throw new ProtocolError(`invalid BSON: ${(err as Error).message}`);
  }
}

function readCString(buf: Buffer, off: number, limit: number): [string, number] {
  const end = buf.indexOf(0, off);
  if (end < 0 || end >= limit) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', off, end), end + 1];
}

/** Accumulates socket chunks and cuts them into whole messages. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): RawMessage[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: RawMessage[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const len = head.readInt32LE(0);
      if (len < 16 || len > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${len}`);
      if (this.buffered < len) break;
      const msg = this.take(len);
      out.push({
        requestId: msg.readInt32LE(4),
        responseTo: msg.readInt32LE(8),
        opCode: msg.readInt32LE(12),
        body: msg.subarray(16),
      });
    }
    return out;
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) return first;
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all;
  }

  private take(n: number): Buffer {
    const all = this.peek(n);
    const msg = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= n;
    return msg;
  }
}

export function parseOpMsg(body: Buffer): ParsedOpMsg {
  if (body.length < 5) throw new ProtocolError('OP_MSG too short');
  const flagBits = body.readUInt32LE(0);
  const end = flagBits & MSG_CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let off = 4;
  let command: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (off < end) {
    const kind = body[off];
    off += 1;
    if (kind === 0) {
      if (command) throw new ProtocolError('OP_MSG with two body sections');
      [command, off] = decodeDoc(body, off, end);
    } else if (kind === 1) {
      if (off + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = body.readInt32LE(off);
      const secEnd = off + size;
      if (size < 5 || secEnd > end) throw new ProtocolError('invalid document sequence length');
      const [id, idEnd] = readCString(body, off + 4, secEnd);
      let p = idEnd;
      const docs: Doc[] = [];
      while (p < secEnd) {
        let d: Doc;
        [d, p] = decodeDoc(body, p, secEnd);
        docs.push(d);
      }
      sequences.push([id, docs]);
      off = secEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${String(kind)}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without body section');
  // Kind-1 sequences are the command's array argument sent out of line (e.g. `documents`).
  for (const [id, docs] of sequences) {
    const existing = command[id];
    command[id] = Array.isArray(existing) ? [...(existing as Doc[]), ...docs] : docs;
  }
  return { flagBits, command };
}

export function parseOpQuery(body: Buffer): ParsedOpQuery {
  if (body.length < 4) throw new ProtocolError('OP_QUERY too short');
  const [fullCollectionName, nameEnd] = readCString(body, 4, body.length); // after flags
  const [query] = decodeDoc(body, nameEnd + 8, body.length); // skip numberToSkip, numberToReturn
  return { fullCollectionName, query };
}

let nextRequestId = 1;

function header(len: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(len, 0);
  h.writeInt32LE(nextRequestId, 4);
  nextRequestId = (nextRequestId % 0x7fffffff) + 1;
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

const SERIALIZE_OPTS = { ignoreUndefined: true } as const;

export function encodeOpMsg(responseTo: number, doc: Doc): Buffer {
  const bson = BSON.serialize(doc, SERIALIZE_OPTS);
  const prefix = Buffer.alloc(5); // flagBits 0 + section kind 0
  return Buffer.concat([header(16 + 5 + bson.length, responseTo, OP_MSG), prefix, bson]);
}

export function encodeOpReply(responseTo: number, doc: Doc): Buffer {
  const bson = BSON.serialize(doc, SERIALIZE_OPTS);
  // responseFlags(4) cursorID(8) startingFrom(4) numberReturned(4)
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + bson.length, responseTo, OP_REPLY), fields, bson]);
}
