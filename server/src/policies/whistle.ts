import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representedUnits, representsUnit, type AllianceFacts } from './alliance.js';

/**
 * 吹哨报到: the whistling unit speaks through its representatives, each summoned department
 * through its own; the alliance's secretaries may act for any member (they often type in what a
 * unit phoned in).
 */
const actsFor = (actor: Actor, a: AllianceFacts, unitId: string) => isSecretary(actor, a) || representsUnit(actor, a, unitId);

export interface WhistleFacts {
  unit: { toString(): string };
  status: string;
  departments: { unit: { toString(): string } }[];
}

export const whistlePolicy = {
  /** Blowing the whistle for a unit. */
  canRaiseFor: actsFor,
  /** The summoned departments the actor may 签收 / 联系 / 报到 for. */
  respondUnits: (actor: Actor, a: AllianceFacts, w: WhistleFacts): string[] =>
    w.departments.map((d) => String(d.unit)).filter((u) => actsFor(actor, a, u)),
  canRespondFor: (actor: Actor, a: AllianceFacts, w: WhistleFacts, unitId: string) =>
    w.departments.some((d) => String(d.unit) === unitId) && actsFor(actor, a, unitId),
  /** 办结评价 and reopening: the whistler. */
  canClose: (actor: Actor, a: AllianceFacts, w: WhistleFacts) => actsFor(actor, a, String(w.unit)),
  /** 佐证材料: the whistler shows the problem, the summoned departments what they did (whatever the status). */
  canAddEvidence: (actor: Actor, a: AllianceFacts, w: WhistleFacts) =>
    actsFor(actor, a, String(w.unit)) || w.departments.some((d) => actsFor(actor, a, String(d.unit))),
  /** 列入会议议程: whoever co-edits agendas. */
  canPutOnAgenda: (actor: Actor, a: AllianceFacts) => alliancePolicy.canEdit(actor, a),
  /** 转为共建项目: the lead department (it leads the project) or a secretary. */
  canMakeProject: (actor: Actor, a: AllianceFacts, leadUnit: string) => actsFor(actor, a, leadUnit),
  /** The clocks: secretaries. */
  canSetClocks: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
  /** 本单位: the units whose whistles the actor follows. */
  ownUnits: (actor: Actor, a: AllianceFacts) => representedUnits(actor, a),
};
