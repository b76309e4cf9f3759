import mongoose, { type Connection, type Types } from 'mongoose';
import { EVIDENCE_UNATTACHED_TTL_MS, type EvidenceKind, type EvidenceOwner } from '@tongxin/shared';

// The driver mongoose runs on (one copy of it, one BSON), rather than a second `mongodb` package.
const { GridFSBucket } = mongoose.mongo;
type Db = mongoose.mongo.Db;

/** 佐证材料 live in GridFS, bucket `evidence`: `evidence.files` (with the metadata below) and `evidence.chunks`. */
export const EVIDENCE_BUCKET = 'evidence';

/** What each stored file carries besides its bytes: where it belongs and whether a report refers to it. */
export interface EvidenceMetadata {
  /** The record it belongs to: an action item, or the demand or whistle `owner` names. */
  item: Types.ObjectId;
  /** Absent (files stored before demands and whistles had any): an action item. */
  owner?: EvidenceOwner;
  alliance: Types.ObjectId;
  uploader: Types.ObjectId;
  unit: Types.ObjectId | null;
  contentType: string;
  kind: EvidenceKind;
  /** The progress report that carries it (for a demand or a whistle: the record itself); null while it is only uploaded. */
  attachedTo: Types.ObjectId | null;
  /** The app's clock at upload (the sweep reckons from it, as tests move time). */
  uploadedAt: Date;
}

export interface EvidenceFileDoc {
  _id: Types.ObjectId;
  filename: string;
  length: number;
  uploadDate: Date;
  metadata: EvidenceMetadata;
}

/** mongoose's native Db: GridFS is the driver's, not a model. */
export function nativeDb(connection: Connection): Db {
  const db = connection.db;
  if (!db) throw new Error('the database connection is not open');
  return db;
}

export const evidenceBucket = (connection: Connection) => new GridFSBucket(nativeDb(connection), { bucketName: EVIDENCE_BUCKET });
export const evidenceFiles = (connection: Connection) => nativeDb(connection).collection<EvidenceFileDoc>(`${EVIDENCE_BUCKET}.files`);

/**
 * Uploads no report took up within a day (the report was abandoned) are removed with their
 * chunks. Runs on every upload, so the bucket never keeps more than a day of leftovers.
 */
export async function sweepUnattachedEvidence(connection: Connection, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - EVIDENCE_UNATTACHED_TTL_MS);
  const stale = await evidenceFiles(connection)
    .find({ 'metadata.attachedTo': null, 'metadata.uploadedAt': { $lt: cutoff } }, { projection: { _id: 1 } })
    .toArray();
  const bucket = evidenceBucket(connection);
  for (const f of stale) await bucket.delete(f._id).catch(() => undefined);
  return stale.length;
}

/** What a stored file belongs to. */
export const ownerOf = (meta: EvidenceMetadata): EvidenceOwner => meta.owner ?? 'actionItem';

/** The files attached to a demand or a whistle, oldest first. */
export function recordEvidence(connection: Connection, owner: Exclude<EvidenceOwner, 'actionItem'>, id: Types.ObjectId) {
  return evidenceFiles(connection)
    .find({ 'metadata.owner': owner, 'metadata.item': id, 'metadata.attachedTo': { $ne: null } })
    .sort({ 'metadata.uploadedAt': 1, _id: 1 })
    .toArray();
}
