import { describeAggregation, docName, type Appraisal, type AppraisalLink, type PublicAppraisal, type Ref } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { AppraisalDoc } from '../db/models/appraisal.js';
import type { Models } from '../db/models/index.js';
import { appraisalPolicy, evaluatorUnits } from '../policies/appraisal.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { reportText } from '../yjs/appraisalReport.js';
import type { DocRegistry } from '../yjs/registry.js';

type StoredAppraisal = AppraisalDoc & { _id: Types.ObjectId };
type AllianceOf = AllianceFacts & { _id: Types.ObjectId; name: string };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Names of units by id, one query. */
async function unitNames(models: Models, ids: string[]): Promise<Map<string, string>> {
  const units = await models.Unit.find({ _id: { $in: [...new Set(ids)] } }, { name: 1 }).lean();
  return new Map(units.map((u) => [String(u._id), u.name]));
}

/** A link as the secretaries see it; the token never (it is stored hashed). */
export function linkView(l: { _id: Types.ObjectId; label: string; expiresAt: Date; usedAt?: Date | null; revokedAt?: Date | null }, url?: string): AppraisalLink {
  return { id: String(l._id), label: l.label, expiresAt: l.expiresAt.toISOString(), usedAt: iso(l.usedAt), revokedAt: iso(l.revokedAt), ...(url ? { url } : {}) };
}

/**
 * A session as a member of its alliance sees it. Results appear once it is closed; a secret
 * session never names an evaluator (its results carry no `named` list), and links with their
 * labels are shown to the secretaries only.
 */
export async function appraisalView(models: Models, appraisal: StoredAppraisal, alliance: AllianceOf, actor: Actor): Promise<Appraisal> {
  const id = String(appraisal._id);
  const manage = appraisalPolicy.canManage(actor, alliance);
  const evaluators = evaluatorUnits(alliance);
  const [scoredUnits, links, meeting] = await Promise.all([
    models.AppraisalScore.distinct('evaluator.unit', { appraisal: appraisal._id, 'evaluator.group': 'units' }),
    manage ? models.AppraisalLink.find({ appraisal: appraisal._id }).sort({ createdAt: 1, _id: 1 }).lean() : [],
    appraisal.meeting ? models.Meeting.findById(appraisal.meeting, { title: 1 }).lean() : null,
  ]);
  const scored = new Set(scoredUnits.map(String));
  const reporters = appraisal.reporters.map(String);
  const resultUnits = (appraisal.results ?? []).map((r) => String(r.reporter));
  const names = await unitNames(models, [...reporters, ...evaluators, ...scored, ...resultUnits]);
  const unitRef = (u: string): Ref => ({ id: u, name: names.get(u) ?? '—' });
  const mayScore = appraisal.status === 'scoring' ? appraisalPolicy.scoreUnits(actor, alliance).filter((u) => !scored.has(u)) : [];
  const named = appraisal.secrecy === 'named';
  return {
    id,
    alliance: { id: String(alliance._id), name: alliance.name },
    title: appraisal.title,
    period: appraisal.period,
    meeting: meeting ? { id: String(meeting._id), name: meeting.title } : null,
    scale: appraisal.scale as Appraisal['scale'],
    secrecy: appraisal.secrecy as Appraisal['secrecy'],
    criteria: appraisal.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
    aggregation: {
      method: appraisal.aggregation!.method as 'mean' | 'trimmedMean',
      trim: appraisal.aggregation!.trim,
      weights: { units: appraisal.aggregation!.weights!.units, public: appraisal.aggregation!.weights!.public },
    },
    aggregationText: describeAggregation(appraisal.aggregation as Appraisal['aggregation'], appraisal.scale as Appraisal['scale'], 'zh-CN'),
    status: appraisal.status as Appraisal['status'],
    reporters: reporters.map((u) => ({ unit: unitRef(u), docName: docName({ kind: 'appraisalReport', appraisalId: id, unitId: u }) })),
    evaluators: {
      scored: evaluators.filter((u) => scored.has(u)).map(unitRef),
      pending: evaluators.filter((u) => !scored.has(u)).map(unitRef),
    },
    links: links.map((l) => linkView(l)),
    results:
      appraisal.status === 'closed' && appraisal.results
        ? appraisal.results.map((r) => ({
            reporter: unitRef(String(r.reporter)),
            score: r.score ?? null,
            byGroup: { units: r.byGroup?.units ?? null, public: r.byGroup?.public ?? null },
            byCriterion: (r.byCriterion ?? {}) as Record<string, number | null>,
            counts: { units: r.counts?.units ?? 0, public: r.counts?.public ?? 0 },
            named: named && r.named ? r.named.map((n) => ({ evaluator: n.evaluator ?? '', group: n.group as 'units' | 'public', score: n.score ?? 0, comment: n.comment ?? '' })) : null,
          }))
        : null,
    can: {
      manage,
      score: mayScore.length > 0,
      scoreAs: mayScore.map(unitRef),
      editReportOf: appraisalPolicy.reportsToWrite(actor, alliance, appraisal),
    },
  };
}

/**
 * The alliance's sessions, newest first, with how many member units have scored each out of
 * `evaluators`, the member units that may score (observers and public links are not counted,
 * as in the session's own `evaluators`).
 */
export async function appraisalList(models: Models, alliance: AllianceOf, actor: Actor) {
  const sessions = await models.Appraisal.find({ alliance: alliance._id }).sort({ createdAt: -1, _id: -1 }).lean();
  const ids = sessions.map((s) => s._id);
  const evaluators = new Set(evaluatorUnits(alliance));
  const [scores, meetings] = await Promise.all([
    models.AppraisalScore.find({ appraisal: { $in: ids }, 'evaluator.group': 'units' }, { appraisal: 1, evaluator: 1 }).lean(),
    models.Meeting.find({ _id: { $in: sessions.flatMap((s) => (s.meeting ? [s.meeting] : [])) } }, { title: 1 }).lean(),
  ]);
  // Member units that scored each session, whatever the number of reports.
  const scored = new Map<string, Set<string>>();
  for (const s of scores) {
    const unit = String(s.evaluator?.unit);
    if (!evaluators.has(unit)) continue;
    const key = String(s.appraisal);
    if (!scored.has(key)) scored.set(key, new Set());
    scored.get(key)!.add(unit);
  }
  return {
    items: sessions.map((s) => {
      const m = s.meeting ? meetings.find((x) => String(x._id) === String(s.meeting)) : null;
      return {
        id: String(s._id),
        title: s.title,
        period: s.period,
        status: s.status,
        meeting: m ? { id: String(m._id), name: m.title } : null,
        reporters: s.reporters.length,
        scored: scored.get(String(s._id))?.size ?? 0,
        evaluators: evaluators.size,
      };
    }),
    can: { manage: appraisalPolicy.canManage(actor, alliance) },
  };
}

/** What a public representative sees: what to score, the reports' texts, until when. No ids of people. */
export async function publicAppraisalView(
  models: Models,
  registry: DocRegistry,
  found: { link: { expiresAt: Date }; appraisal: StoredAppraisal; alliance: { name: string } },
): Promise<PublicAppraisal> {
  const { appraisal } = found;
  const reporters = appraisal.reporters.map(String);
  const names = await unitNames(models, reporters);
  const reports = await Promise.all(reporters.map((u) => reportText(registry, String(appraisal._id), u)));
  return {
    title: appraisal.title,
    alliance: found.alliance.name,
    scale: appraisal.scale as PublicAppraisal['scale'],
    criteria: appraisal.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
    reporters: reporters.map((u, i) => ({ unit: { id: u, name: names.get(u) ?? '—' }, report: reports[i]! })),
    expiresAt: found.link.expiresAt.toISOString(),
  };
}
