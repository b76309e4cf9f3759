// Durability: an append-only journal of length-prefixed, CRC-checked BSON records.
// Each acknowledged command (or committed transaction) is one logical record, written with
// writeSync before the reply leaves. On start the snapshot and journal are replayed, a torn
// tail is ignored, and the result is compacted into a new snapshot.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { BSON } from 'bson';
import type { JournalOp, Store } from './store.js';
import type { Doc } from './types.js';

const JOURNAL = 'journal.bin';
const SNAPSHOT = 'snapshot.bin';
const HEADER = 8; // u32 payload length, u32 crc32(payload)
// Keep each BSON payload well under the 16 MiB BSON document limit; larger logical records are
// split into chunks flagged `more`, which replay only applies once the last chunk is present.
const CHUNK_BYTES = 4 * 1024 * 1024;

function encodeRecords(ops: JournalOp[]): Buffer[] {
  const out: Buffer[] = [];
  let chunk: JournalOp[] = [];
  let size = 0;
  const flush = (more: boolean) => {
    const payload = BSON.serialize({ ops: chunk, more }, { ignoreUndefined: true });
    const head = Buffer.alloc(HEADER);
    head.writeUInt32LE(payload.length, 0);
    head.writeUInt32LE(crc32(payload), 4);
    out.push(head, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    chunk = [];
    size = 0;
  };
  for (const op of ops) {
    const opSize = BSON.calculateObjectSize(op as unknown as Doc, { ignoreUndefined: true });
    if (chunk.length > 0 && size + opSize > CHUNK_BYTES) flush(true);
    chunk.push(op);
    size += opSize;
  }
  flush(false);
  return out;
}

/** Reads complete logical records; returns the valid byte length (a torn tail is excluded). */
function readRecords(file: string, onOps: (ops: JournalOp[]) => void): number {
  if (!fs.existsSync(file)) return 0;
  const buf = fs.readFileSync(file);
  let off = 0;
  let validEnd = 0;
  let group: JournalOp[] = [];
  while (off + HEADER <= buf.length) {
    const len = buf.readUInt32LE(off);
    const crc = buf.readUInt32LE(off + 4);
    if (off + HEADER + len > buf.length) break;
    const payload = buf.subarray(off + HEADER, off + HEADER + len);
    if (crc32(payload) !== crc) break;
    let rec: { ops: JournalOp[]; more: boolean };
    try {
      rec = BSON.deserialize(payload) as { ops: JournalOp[]; more: boolean };
    } catch {
      break;
    }
    off += HEADER + len;
    group.push(...rec.ops);
    if (!rec.more) {
      onOps(group);
      group = [];
      validEnd = off;
    }
  }
  return validEnd;
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

export interface JournalOptions {
  /** fsync after every record: survives power loss, not just process death. Default false. */
  fsync?: boolean;
}

export class Journal {
  private fd: number;

  private constructor(
    private readonly dir: string,
    private readonly opts: JournalOptions,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL), 'a');
  }

  /** Replays snapshot + journal into `store`, compacts, and opens the journal for appends. */
  static open(dir: string, store: Store, opts: JournalOptions = {}, logger?: (m: string) => void): Journal {
    fs.mkdirSync(dir, { recursive: true });
    store.logging = false;
    let records = 0;
    try {
      readRecords(path.join(dir, SNAPSHOT), (ops) => ops.forEach((op) => store.apply(op)));
      const journalFile = path.join(dir, JOURNAL);
      const valid = readRecords(journalFile, (ops) => {
        records++;
        ops.forEach((op) => store.apply(op));
      });
      if (fs.existsSync(journalFile) && fs.statSync(journalFile).size > valid) {
        logger?.(`journal: ignoring torn tail after ${valid} bytes`);
      }
    } finally {
      store.logging = true;
    }
    Journal.compact(dir, store);
    logger?.(`journal: replayed ${records} records from ${dir}`);
    return new Journal(dir, opts);
  }

  /** Writes the whole state to a new snapshot, then empties the journal. */
  private static compact(dir: string, store: Store): void {
    const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      // One logical record per collection keeps memory bounded for large stores.
      let batch: JournalOp[] = [];
      for (const op of store.snapshotOps()) {
        if (op.op === 'createColl' && batch.length > 0) {
          for (const b of encodeRecords(batch)) fs.writeSync(fd, b);
          batch = [];
        }
        batch.push(op);
      }
      if (batch.length > 0) for (const b of encodeRecords(batch)) fs.writeSync(fd, b);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(dir, SNAPSHOT));
    fsyncDir(dir);
    // Only now is the old journal redundant; replaying it over the new snapshot would be harmless
    // anyway because every operation is state-based.
    fs.writeFileSync(path.join(dir, JOURNAL), '');
  }

  append(ops: JournalOp[]): void {
    if (ops.length === 0) return;
    const bufs = encodeRecords(ops);
    const all = bufs.length === 1 ? (bufs[0] as Buffer) : Buffer.concat(bufs);
    let off = 0;
    while (off < all.length) off += fs.writeSync(this.fd, all, off);
    if (this.opts.fsync) fs.fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd < 0) return;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  get directory(): string {
    return this.dir;
  }
}
