import type { Types } from 'mongoose';
import { docName, type Decision, type DecisionStatus, type DecisionVersion } from '@tongxin/shared';

type Id = Types.ObjectId;

export function presentDecision(d: {
  _id: Id;
  meeting: Id;
  alliance: Id;
  agendaItem?: string | null;
  title: string;
  status: string;
  versionCount: number;
  createdAt: Date;
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
  };
}

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
