import type { AuditAction, DomainEvent } from '@tongxin/shared';
import type { Types } from 'mongoose';
import { evidenceBucket } from '../db/evidence.js';
import { listPolicy } from '../policies/lists.js';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { storeEvidence, type IncomingFile, type StoredEvidence } from './evidenceUploader.js';
import { readableDemand } from './listLoaders.js';
import { readableWhistle } from './whistleLoaders.js';

interface Carrier {
  owner: 'demand' | 'whistle';
  record: { _id: Types.ObjectId };
  alliance: { _id: Types.ObjectId };
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
