import type { AuditAction, DomainEvent } from '@tongxin/shared';
import { Types } from 'mongoose';
import { evidenceBucket, evidenceFiles, type EvidenceFileDoc } from '../db/evidence.js';
import type { Actor } from '../auth/actor.js';
import { isSecretary } from '../policies/alliance.js';
import { listPolicy } from '../policies/lists.js';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { storeEvidence, type IncomingFile, type StoredEvidence } from './evidenceUploader.js';
import { readableDemand } from './listLoaders.js';
import { readableWhistle } from './whistleLoaders.js';

interface Carrier {
  owner: 'demand' | 'whistle';
  record: { _id: Types.ObjectId };
  alliance: { _id: Types.ObjectId } & Parameters<typeof isSecretary>[1];
  action: AuditAction;
  event: DomainEvent;
}

/**
 * Files checked and stored, attached to the record at once (no report takes them up later), and
 * the audit says which. If the audit cannot be written the files go again: nothing half-done.
 */
async function attachToRecord(ctx: CommandContext, c: Carrier, receive: () => Promise<IncomingFile[]>): Promise<StoredEvidence[]> {
  const incoming = await receive();
  const stored = await storeEvidence(ctx, incoming, { owner: c.owner, id: c.record._id, alliance: c.alliance._id }, c.record._id);
  try {
    await inTransaction(ctx, (session) =>
      recordAudit(ctx, session, {
        action: c.action,
        targetType: c.owner,
        targetId: c.record._id,
        alliance: c.alliance._id,
        event: c.event,
        after: { attachments: stored.length, files: stored.map((s) => s.filename).join('、') },
      }),
    );
  } catch (err) {
    const bucket = evidenceBucket(ctx.connection);
    for (const s of stored) await bucket.delete(s._id).catch(() => undefined);
    throw err;
  }
  return stored;
}

/**
 * 需求附件: the raising unit (or a secretary) adds photos and documents that show what it needs.
 * The uploader is checked before a byte of the files is read.
 */
export async function demandEvidenceAdder(ctx: CommandContext, demandId: string, receive: () => Promise<IncomingFile[]>) {
  const { demand, alliance } = await readableDemand(ctx, demandId);
  if (!listPolicy.canEditDemand(ctx.actor, alliance, demand)) throw forbidden('only the raising unit adds files to a demand');
  return attachToRecord(
    ctx,
    {
      owner: 'demand',
      record: demand,
      alliance,
      action: 'demand.attachEvidence',
      event: { type: 'demand.evidenceAdded', allianceId: String(alliance._id), demandId: String(demand._id) },
    },
    receive,
  );
}

/**
 * 吹哨佐证: the whistling unit shows the problem (a photo from the site), and the summoned
 * departments show what they did — each through its own people, or a secretary for them.
 */
export async function whistleEvidenceAdder(ctx: CommandContext, whistleId: string, receive: () => Promise<IncomingFile[]>) {
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  if (!whistlePolicy.canAddEvidence(ctx.actor, alliance, whistle)) throw forbidden('only the whistling unit and the summoned departments add evidence to a whistle');
  return attachToRecord(
    ctx,
    {
      owner: 'whistle',
      record: whistle,
      alliance,
      action: 'whistle.attachEvidence',
      event: { type: 'whistle.evidenceAdded', allianceId: String(alliance._id), whistleId: String(whistle._id) },
    },
    receive,
  );
}

/**
 * Which of a record's files this person may take off it: while they may add files, their own
 * uploads; a secretary (or an administrator) any.
 */
export function removableEvidence(
  actor: Actor,
  alliance: Parameters<typeof isSecretary>[1],
  canAdd: boolean,
  files: Pick<EvidenceFileDoc, '_id' | 'metadata'>[],
): string[] {
  if (!canAdd) return [];
  const any = actor.isAdmin || isSecretary(actor, alliance);
  return files.filter((f) => any || String(f.metadata.uploader) === actor.id).map((f) => String(f._id));
}

/**
 * A file taken off its record (a wrong photo): no longer listed, and no longer readable but by
 * its uploader; the sweep of unattached uploads deletes its bytes later. The audit says which
 * file, in the same transaction as the change.
 */
async function detachFromRecord(ctx: CommandContext, c: Carrier, canAdd: boolean, fileId: string): Promise<void> {
  if (!/^[0-9a-f]{24}$/i.test(fileId)) throw notFound('file');
  const files = evidenceFiles(ctx.connection);
  const file = await files.findOne({ _id: new Types.ObjectId(fileId), 'metadata.owner': c.owner, 'metadata.item': c.record._id, 'metadata.attachedTo': { $ne: null } });
  if (!file) throw notFound('file');
  if (removableEvidence(ctx.actor, c.alliance, canAdd, [file]).length === 0) {
    throw forbidden('only its uploader or a secretary removes a file, while files may be added');
  }
  await inTransaction(ctx, async (session) => {
    const detached = await files.updateOne({ _id: file._id, 'metadata.attachedTo': { $ne: null } }, { $set: { 'metadata.attachedTo': null } }, { session });
    if (detached.modifiedCount !== 1) throw notFound('file');
    await recordAudit(ctx, session, {
      action: c.action,
      targetType: c.owner,
      targetId: c.record._id,
      alliance: c.alliance._id,
      event: c.event,
      // "从吹哨《…》移除了佐证材料 — 文件：现场照片.png": the action says it went, the field which.
      after: { files: file.filename },
    });
  });
}

/** 需求附件: the uploader (or a secretary) takes a file off the demand. */
export async function demandEvidenceRemover(ctx: CommandContext, demandId: string, fileId: string): Promise<void> {
  const { demand, alliance } = await readableDemand(ctx, demandId);
  const c: Carrier = {
    owner: 'demand',
    record: demand,
    alliance,
    action: 'demand.removeEvidence',
    event: { type: 'demand.evidenceRemoved', allianceId: String(alliance._id), demandId: String(demand._id) },
  };
  await detachFromRecord(ctx, c, listPolicy.canEditDemand(ctx.actor, alliance, demand), fileId);
}

/** 吹哨佐证: the uploader (or a secretary) takes a file off the whistle. */
export async function whistleEvidenceRemover(ctx: CommandContext, whistleId: string, fileId: string): Promise<void> {
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  const c: Carrier = {
    owner: 'whistle',
    record: whistle,
    alliance,
    action: 'whistle.removeEvidence',
    event: { type: 'whistle.evidenceRemoved', allianceId: String(alliance._id), whistleId: String(whistle._id) },
  };
  await detachFromRecord(ctx, c, whistlePolicy.canAddEvidence(ctx.actor, alliance, whistle), fileId);
}
