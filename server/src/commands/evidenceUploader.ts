import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { acceptsProgress, evidenceTypeOf, type ActionItemStatus, type EvidenceOwner, type EvidenceRefusal } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { evidenceBucket, sweepUnattachedEvidence, type EvidenceMetadata } from '../db/evidence.js';
import { partPolicy } from '../policies/actionItemPart.js';
import { readableActionItem } from './actionItemLoader.js';
import type { CommandContext } from './context.js';
import { forbidden } from './errors.js';

/** One file as it arrived, whole (at most 10 MB: the transport enforces the limit while it streams in). */
export interface IncomingFile {
  name: string;
  data: Buffer;
}

/** A refused file, named, with the reason the screen puts under it. */
export function refusal(file: string, reason: EvidenceRefusal['reason'], message: string): AppError {
  return new AppError('VALIDATION', message, { file, reason } satisfies EvidenceRefusal);
}

/** A stored upload: its GridFS id, name, size and what it is. */
export interface StoredEvidence {
  _id: Types.ObjectId;
  filename: string;
  length: number;
  metadata: EvidenceMetadata;
}

/**
 * 佐证材料 for a report about to be sent: checked by their bytes (magic numbers, never the name or
 * the browser's word) and stored in GridFS, not yet attached to anything. The report names them
 * (`attachments`); those no report takes up are swept after a day. `receive` reads the files only
 * once the uploader is known to be allowed, so a stranger's upload is refused before it is read.
 */
export async function evidenceUploader(
  ctx: CommandContext,
  itemId: string,
  receive: () => Promise<IncomingFile[]>,
): Promise<StoredEvidence[]> {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!partPolicy.canAttachEvidence(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit, cooperatingUnits: item.cooperatingUnits })) {
    throw forbidden('only the lead unit and the cooperating units attach evidence to their reports');
  }
  const status = item.status as ActionItemStatus;
  if (!acceptsProgress(status)) throw new AppError('INVALID_STATE', `no report is taken on an item that is ${status}`);
  const incoming = await receive();
  return storeEvidence(ctx, incoming, { owner: 'actionItem', id: item._id, alliance: alliance._id }, null);
}

/** Where stored files belong: the kind and id of the record, and its alliance (the readers' check). */
export interface EvidenceOwnerRef {
  owner: EvidenceOwner;
  id: Types.ObjectId;
  alliance: Types.ObjectId;
}

/**
 * Checks each file by its bytes, then stores them all or none. `attachedTo` is the record that
 * carries them at once (a demand, a whistle), or null for uploads a report takes up later.
 */
export async function storeEvidence(
  ctx: CommandContext,
  incoming: IncomingFile[],
  owner: EvidenceOwnerRef,
  attachedTo: Types.ObjectId | null,
): Promise<StoredEvidence[]> {
  const typed = [];
  for (const file of incoming) {
    // Loaded on the first upload, not at start.
    const { fileTypeFromBuffer } = await import('file-type');
    const detected = await fileTypeFromBuffer(file.data);
    const type = evidenceTypeOf(file.name, detected?.ext ?? null);
    if (!type) {
      throw refusal(file.name, 'type', `“${file.name}” is not an image, PDF or Office file, or its content does not match its name`);
    }
    typed.push({ file, type });
  }

  const now = ctx.clock.now();
  await sweepUnattachedEvidence(ctx.connection, now);
  const bucket = evidenceBucket(ctx.connection);
  const stored: StoredEvidence[] = [];
  try {
    for (const { file, type } of typed) {
      const metadata: EvidenceMetadata = {
        item: owner.id,
        ...(owner.owner === 'actionItem' ? {} : { owner: owner.owner }),
        alliance: owner.alliance,
        uploader: new Types.ObjectId(ctx.actor.id),
        unit: ctx.actor.unit ? new Types.ObjectId(ctx.actor.unit) : null,
        contentType: type.mime,
        kind: type.kind,
        attachedTo,
        uploadedAt: now,
      };
      const upload = bucket.openUploadStream(file.name, { metadata });
      await pipeline(Readable.from([file.data]), upload);
      stored.push({ _id: upload.id as Types.ObjectId, filename: file.name, length: file.data.length, metadata });
    }
  } catch (err) {
    // All or nothing: the files of a refused request do not linger.
    for (const s of stored) await bucket.delete(s._id).catch(() => undefined);
    throw err;
  }
  return stored;
}
