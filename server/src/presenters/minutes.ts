import { docName, type Minutes, type MinutesConfirmation } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { MinutesFrame } from '../minutes/minutesFrame.js';

type Id = Types.ObjectId;

export interface MinutesLean {
  meeting: Id;
  alliance: Id;
  status: string;
  generatedAt: Date;
  publishedAt?: Date | null;
  publishedBy?: Id | null;
  sha256?: string | null;
  confirmations: { unit: Id; state: string; user: Id; comment?: string | null; at: Date }[];
  docNumber?: { year?: number | null; seq?: number | null } | null;
  letterhead?: { issuer?: string | null; red?: boolean | null } | null;
  distribution?: string[] | null;
}

export interface MinutesViewer {
  edit: boolean;
  publish: boolean;
  confirmFor: string[];
}

/**
 * The minutes as a client sees them: one confirmation row per voting member unit (pending until
 * it answers), what the viewer may do, never the stored text or Yjs state.
 */
export function presentMinutes(
  m: MinutesLean,
  askedUnits: string[],
  names: { units: Map<string, string>; users: Map<string, string> },
  can: MinutesViewer,
  frame: MinutesFrame,
): Minutes {
  const unitRef = (id: string) => ({ id, name: names.units.get(id) ?? '—' });
  const userRef = (id: Id | null | undefined) =>
    id ? { id: String(id), name: names.users.get(String(id)) ?? '—' } : null;
  const answers = new Map(m.confirmations.map((c) => [String(c.unit), c]));
  const confirmations: MinutesConfirmation[] = askedUnits.map((unit) => {
    const c = answers.get(unit);
    return c
      ? {
          unit: unitRef(unit),
          state: c.state as 'confirmed' | 'commented',
          user: userRef(c.user),
          comment: c.comment ?? null,
          at: c.at.toISOString(),
        }
      : { unit: unitRef(unit), state: 'pending', user: null, comment: null, at: null };
  });
  return {
    meeting: String(m.meeting),
    alliance: String(m.alliance),
    status: m.status as Minutes['status'],
    docName: docName({ kind: 'minutes', meetingId: String(m.meeting) }),
    generatedAt: m.generatedAt.toISOString(),
    publishedAt: m.publishedAt ? m.publishedAt.toISOString() : null,
    publishedBy: userRef(m.publishedBy),
    publishedSha256: m.status === 'published' ? (m.sha256 ?? null) : null,
    docNumber: frame.docNumber,
    letterhead: { issuer: frame.issuer, red: frame.red },
    distribution: frame.distribution,
    confirmations,
    can,
  };
}
