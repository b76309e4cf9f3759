import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representsUnit, type AllianceFacts } from './alliance.js';

/** The parts of a 述职评议 session the policy looks at. */
export interface AppraisalFacts {
  status: string;
  reporters: { toString(): string }[];
}

/** Member units that score: every member of the alliance except observers (列席). */
export function evaluatorUnits(a: AllianceFacts): string[] {
  return a.memberships.filter((m) => m.role !== 'observer').map((m) => String(m.unit));
}

/**
 * 述职评议: secretaries (and admins) run the session; a member unit scores through its
 * representatives, once, on every report but its own; observer units (列席) attend and read but
 * do not score; a reporting unit's report is written by its representatives and the secretaries
 * until scoring opens.
 */
export const appraisalPolicy = {
  canRead: (actor: Actor, a: AllianceFacts) => alliancePolicy.canRead(actor, a),
  /** Creating, editing, opening, closing, links: secretaries and admins. */
  canManage: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
  /** The member units the actor may score for (as their representative). */
  scoreUnits: (actor: Actor, a: AllianceFacts): string[] => evaluatorUnits(a).filter((u) => representsUnit(actor, a, u)),
  /** A unit never scores its own report. */
  canScoreReport: (unitId: string, reporterId: string) => unitId !== reporterId,
  /** Writing a reporting unit's report: its representatives and the secretaries, while a draft. */
  canWriteReport: (actor: Actor, a: AllianceFacts, unitId: string) =>
    actor.isAdmin || isSecretary(actor, a) || representsUnit(actor, a, unitId),
  /** The reports the actor may write now. */
  reportsToWrite: (actor: Actor, a: AllianceFacts, s: AppraisalFacts): string[] =>
    s.status === 'draft' ? s.reporters.map(String).filter((u) => appraisalPolicy.canWriteReport(actor, a, u)) : [],
};
