import type { Types } from 'mongoose';
import { docName, type Decision, type DecisionStatus, type DecisionVersion } from '@tongxin/shared';

type Id = Types.ObjectId;

type Linked = { _id: Id; title: string } | Id | null | undefined;
type Named = { _id: Id; name: string } | Id | null | undefined;

/** A reference as populated (`title` / `name` read along), or a bare id when it was not. */
const linkOf = (l: Linked) => (l && typeof l === 'object' && 'title' in l ? { id: String(l._id), title: l.title } : null);
const refOf = (r: Named) => (r && typeof r === 'object' && 'name' in r ? { id: String(r._id), name: r.name } : null);

/** Populate `revises`, `revisedBy` (title) and `withdrawal.by` (name) before presenting: see DECISION_LINKS. */
export function presentDecision(d: {
  _id: Id;
  meeting: Id;
  alliance: Id;
  agendaItem?: string | null;
  title: string;
  status: string;
  versionCount: number;
  createdAt: Date;
  revises?: Linked;
  revisedBy?: Linked;
  withdrawal?: { reason: string; by?: Named; at: Date } | null;
}): Decision {
  return {
    id: String(d._id),
    meeting: String(d.meeting),
    alliance: String(d.alliance),
    ...(d.agendaItem ? { agendaItem: d.agendaItem } : {}),
    title: d.title,
    status: d.status as DecisionStatus,
    docName: docName({ kind: 'decision', decisionId: String(d._id) }),
    versionCount: d.versionCount,
    createdAt: d.createdAt.toISOString(),
    revises: linkOf(d.revises),
    revisedBy: linkOf(d.revisedBy),
    withdrawal: d.withdrawal
      ? { reason: d.withdrawal.reason, by: refOf(d.withdrawal.by), at: d.withdrawal.at.toISOString() }
      : null,
  };
}

/** What presentDecision reads along with a decision (mongoose `populate` paths). */
export const DECISION_LINKS = [
  { path: 'revises', select: 'title' },
  { path: 'revisedBy', select: 'title' },
  { path: 'withdrawal.by', select: 'name' },
];

export function presentVersion(v: {
  _id: Id;
  decision: Id;
  number: number;
  text: string;
  docJson: string;
  sha256: string;
  frozenBy?: { _id: Id; name: string } | Id | null;
  frozenAt: Date;
}): DecisionVersion {
  const by = v.frozenBy && typeof v.frozenBy === 'object' && 'name' in v.frozenBy ? v.frozenBy : null;
  return {
    id: String(v._id),
    decision: String(v.decision),
    number: v.number,
    text: v.text,
    doc: JSON.parse(v.docJson) as unknown,
    sha256: v.sha256,
    frozenBy: by ? { id: String(by._id), name: by.name } : null,
    frozenAt: v.frozenAt.toISOString(),
  };
}
