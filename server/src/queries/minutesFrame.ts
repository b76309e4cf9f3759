import { formatDocNumber } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { chinaYear, type MinutesFrame } from '../minutes/minutesFrame.js';

/** The stored minutes' fields the frame is read from. */
export interface FrameSource {
  alliance: Types.ObjectId;
  status: string;
  publishedAt?: Date | null;
  docNumber?: { year?: number | null; seq?: number | null } | null;
  letterhead?: { issuer?: string | null; red?: boolean | null } | null;
  distribution?: string[] | null;
}

/** The 版头 and 分送 as the alliance's settings and members say now. */
export async function currentLetterhead(models: Models, allianceId: Types.ObjectId) {
  const alliance = await models.Alliance.findById(allianceId, { name: 1, minutesLetterhead: 1, memberships: 1 }).lean();
  const unitIds = (alliance?.memberships ?? []).map((m) => m.unit);
  const units = await models.Unit.find({ _id: { $in: unitIds } }, { name: 1 }).lean();
  const names = new Map(units.map((u) => [String(u._id), u.name]));
  return {
    issuer: alliance?.minutesLetterhead?.issuer?.trim() || alliance?.name || '',
    red: alliance?.minutesLetterhead?.red ?? true,
    distribution: unitIds.map((u) => names.get(String(u))).filter((n): n is string => !!n),
  };
}

export async function minutesFrame(models: Models, m: FrameSource, now = new Date()): Promise<MinutesFrame> {
  const published = m.status === 'published';
  const fixed = published && m.letterhead && m.distribution;
  const current = fixed ? null : await currentLetterhead(models, m.alliance);
  const number = published && m.docNumber?.year && m.docNumber.seq ? m.docNumber : null;
  return {
    issuer: fixed ? (m.letterhead!.issuer ?? '') : current!.issuer,
    red: fixed ? (m.letterhead!.red ?? true) : current!.red,
    docNumber: number ? formatDocNumber(number.year!, number.seq!) : null,
    year: number ? number.year! : chinaYear(published && m.publishedAt ? m.publishedAt : now),
    distribution: fixed ? m.distribution! : current!.distribution,
    printedOn: published ? (m.publishedAt ?? null) : null,
  };
}

/** A closed vote of the meeting as the 核验信息 page lists it. */
export interface VerificationVote {
  title: string;
  version: number | null;
  outcome: string | null;
  /** The head of the vote's ballot hash chain (hex), where the vote has one. */
  chainHead: string | null;
}

const HEX = /^[0-9a-f]{16,128}$/i;

/** The meeting's closed votes in the order held, with their chain heads where they have them. */
export async function verificationVotes(models: Models, meeting: Types.ObjectId): Promise<VerificationVote[]> {
  const votes = await models.Vote.find({ meeting, status: 'closed' }).sort({ openedAt: 1 }).lean();
  return votes.map((v) => {
    const head = (v as { chainHead?: unknown }).chainHead;
    return {
      title: v.title,
      version: v.decisionVersion ?? null,
      outcome: v.result?.outcome ?? null,
      chainHead: typeof head === 'string' && HEX.test(head) ? head.toLowerCase() : null,
    };
  });
}
