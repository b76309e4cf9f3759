import type { DemandStatus, DemandTransition, ProjectStatus } from '@tongxin/shared';
import { allowedDemandTransitions, nextProjectStatuses } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representedUnits, representsUnit, type AllianceFacts } from './alliance.js';

/**
 * The three lists: a unit speaks for itself through its representatives (单位代表); the alliance's
 * secretaries may act for any member (they often type in what a unit phoned in).
 */
const actsFor = (actor: Actor, a: AllianceFacts, unitId: string) => isSecretary(actor, a) || representsUnit(actor, a, unitId);

export interface DemandFacts {
  unit: { toString(): string };
  claimedBy?: { toString(): string } | null | undefined;
  status: string;
}

export interface ProjectFacts {
  leadUnit: { toString(): string };
  participants: { unit: { toString(): string } }[];
  status: string;
}

export const listPolicy = {
  /** Publishing a demand or a resource for a unit. */
  canWriteFor: actsFor,
  /** The categories of the lists: secretaries. */
  canSetCategories: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
  /** The units this actor may claim or offer for: their own, or every member for a secretary. */
  offerUnits: (actor: Actor, a: AllianceFacts): string[] =>
    isSecretary(actor, a) ? a.memberships.map((m) => String(m.unit)) : representedUnits(actor, a),
  /** The raiser corrects its demand and accepts an offer. */
  canEditDemand: (actor: Actor, a: AllianceFacts, d: DemandFacts) => actsFor(actor, a, String(d.unit)),
  canAccept: (actor: Actor, a: AllianceFacts, d: DemandFacts) => actsFor(actor, a, String(d.unit)),
  /**
   * 开始办理 / 已解决: the unit that claimed it; 不予受理 / 重新开放: a secretary, or the raiser for
   * its own demand.
   */
  demandTransitions: (actor: Actor, a: AllianceFacts, d: DemandFacts): DemandTransition[] =>
    allowedDemandTransitions(d.status as DemandStatus).filter((t) =>
      t === 'start' || t === 'resolve'
        ? d.claimedBy != null && actsFor(actor, a, String(d.claimedBy))
        : actsFor(actor, a, String(d.unit)),
    ),
  /** A project: its lead unit (and secretaries) edit it, set milestones and its status. */
  canEditProject: (actor: Actor, a: AllianceFacts, p: ProjectFacts) => actsFor(actor, a, String(p.leadUnit)),
  /** Progress: the lead unit or a participating one. */
  canReportProject: (actor: Actor, a: AllianceFacts, p: ProjectFacts) =>
    actsFor(actor, a, String(p.leadUnit)) || p.participants.some((x) => representsUnit(actor, a, String(x.unit))),
  projectStatuses: (actor: Actor, a: AllianceFacts, p: ProjectFacts): ProjectStatus[] =>
    listPolicy.canEditProject(actor, a, p) ? [...nextProjectStatuses(p.status as ProjectStatus)] : [],
  /** 列入会议议程: whoever co-edits agendas (secretaries, representatives of voting units). */
  canPutOnAgenda: (actor: Actor, a: AllianceFacts) => alliancePolicy.canEdit(actor, a),
};
