import { meetingPhase } from '@tongxin/shared';
import type { DocAccessMessage, DocRef } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { alliancePolicy, isSecretary } from '../policies/alliance.js';
import { appraisalPolicy } from '../policies/appraisal.js';
import { meetingPolicy } from '../policies/meeting.js';

/**
 * What a connection may do with a document, and where the document belongs: its alliance, and
 * its meeting when it has one (a 述职评议 report belongs to no meeting).
 */
export type DocAccess =
  | { result: 'granted'; mode: DocAccessMessage; meetingId: string | null; allianceId: string }
  | { result: 'forbidden' | 'not_found' };


const write: DocAccessMessage = { mode: 'write' };
const read = (reason: Extract<DocAccessMessage, { mode: 'read' }>['reason']): DocAccessMessage => ({
  mode: 'read',
  reason,
});

/**
 * Who may open a collaborative document and whether their edits count. Read-only participants
 * (observer units, anyone once a document is closed or locked) still receive updates and
 * awareness. Asked at connect and again whenever an access change concerns the connection.
 */
export async function docAccess(models: Models, actor: Actor, ref: DocRef): Promise<DocAccess> {
  return (await docAccessFor(models, ref))(actor);
}

/**
 * The records a document's access depends on, read before knowing who asks (so that a connection
 * reads them while its session is looked up); the answer is then a function of the person.
 */
export async function docAccessFor(models: Models, ref: DocRef): Promise<(actor: Actor) => DocAccess> {
  if (ref.kind === 'appraisalReport') return appraisalReportAccess(models, ref);
  const records = await meetingDocRecords(models, ref);
  if (!records) return () => ({ result: 'not_found' });
  const { decision, meeting, alliance } = records;
  const meetingId = String(meeting._id);

  return (actor) => {
    if (!meetingPolicy.canRead(actor, alliance, meeting)) return { result: 'forbidden' };
    const granted = (mode: DocAccessMessage): DocAccess => ({
      result: 'granted',
      mode,
      meetingId,
      allianceId: String(alliance._id),
    });
    switch (ref.kind) {
      case 'agenda':
        if (!alliancePolicy.canEdit(actor, alliance)) return granted(read('not_editor'));
        return granted(meetingPhase.openForDrafting(meeting.status) ? write : read('meeting_closed'));
      case 'decision':
        if (!alliancePolicy.canEdit(actor, alliance)) return granted(read('not_editor'));
        if (decision?.status === 'withdrawn') return granted(read('decision_withdrawn'));
        return granted(decision?.status === 'drafting' ? write : read('decision_closed'));
      case 'minutes':
        // Secretaries write the minutes once the meeting is adjourned; publishing locks them.
        if (!isSecretary(actor, alliance) && !actor.isAdmin) return granted(read('not_editor'));
        return granted(meeting.status === 'adjourned' ? write : read('minutes_locked'));
    }
  };
}

/**
 * A reporting unit's 述职报告: members of the alliance read it; the unit's representatives and the
 * secretaries write it while the session is a draft. Scoring locks it (the evaluators score the
 * text they read).
 */
async function appraisalReportAccess(
  models: Models,
  ref: Extract<DocRef, { kind: 'appraisalReport' }>,
): Promise<(actor: Actor) => DocAccess> {
  const allianceOf = (id: unknown) => models.Alliance.findById(id, { memberships: 1, secretaries: 1 }).lean();
  const known = parentOf(ref.appraisalId);
  const [appraisal, guessed] = await Promise.all([
    models.Appraisal.findById(ref.appraisalId, { alliance: 1, status: 1, reporters: 1 }).lean(),
    known ? allianceOf(known) : null,
  ]);
  if (!appraisal || !appraisal.reporters.some((r) => String(r) === ref.unitId)) return () => ({ result: 'not_found' });
  const alliance = sameId(guessed, appraisal.alliance) ? guessed : await allianceOf(appraisal.alliance);
  if (!alliance) return () => ({ result: 'not_found' });
  remember(ref.appraisalId, alliance._id);
  return (actor) => {
    if (!appraisalPolicy.canRead(actor, alliance)) return { result: 'forbidden' };
    const granted = (mode: DocAccessMessage): DocAccess => ({ result: 'granted', mode, meetingId: null, allianceId: String(alliance._id) });
    if (!appraisalPolicy.canWriteReport(actor, alliance, ref.unitId)) return granted(read('not_editor'));
    return granted(appraisal.status === 'draft' ? write : read('appraisal_locked'));
  };
}

/**
 * The decision (for its document), meeting and alliance a meeting document depends on. Parent
 * links never change — a decision stays in its meeting, a meeting in its alliance — so the ids
 * seen once are remembered and the three records are then read side by side rather than one
 * after another. Only ids are remembered: every record is read as it is now, and a link that no
 * longer holds is followed again.
 */
async function meetingDocRecords(models: Models, ref: Exclude<DocRef, { kind: 'appraisalReport' }>) {
  const decisionId = ref.kind === 'decision' ? ref.decisionId : null;
  const meetingOf = (id: unknown) =>
    models.Meeting.findById(id, { alliance: 1, status: 1, convenerUnit: 1, observers: 1 }).lean();
  const allianceOf = (id: unknown) => models.Alliance.findById(id, { memberships: 1, secretaries: 1 }).lean();
  const refMeeting = ref.kind === 'decision' ? null : ref.meetingId;
  const knownMeeting = refMeeting ?? (decisionId && parentOf(decisionId));
  const knownAlliance = knownMeeting && parentOf(knownMeeting);
  const [decision, guessedMeeting, guessedAlliance] = await Promise.all([
    decisionId ? models.Decision.findById(decisionId).select('meeting status').lean() : null,
    knownMeeting ? meetingOf(knownMeeting) : null,
    knownAlliance ? allianceOf(knownAlliance) : null,
  ]);
  if (decisionId && !decision) return null;
  const meetingId = decision ? decision.meeting : refMeeting;
  if (!meetingId) return null;
  const meeting = sameId(guessedMeeting, meetingId) ? guessedMeeting : await meetingOf(meetingId);
  if (!meeting) return null;
  const alliance = sameId(guessedAlliance, meeting.alliance) ? guessedAlliance : await allianceOf(meeting.alliance);
  if (!alliance) return null;
  if (decisionId) remember(decisionId, meeting._id);
  remember(String(meeting._id), alliance._id);
  return { decision, meeting, alliance };
}

/** Child id → parent id, for the links that never change; bounded, oldest forgotten first. */
const parents = new Map<string, string>();
const PARENTS_KEPT = 20_000;

function parentOf(id: string): string | undefined {
  return parents.get(id);
}

function remember(child: string, parent: unknown): void {
  if (parents.has(child)) return;
  if (parents.size >= PARENTS_KEPT) parents.delete(parents.keys().next().value!);
  parents.set(child, String(parent));
}

function sameId<T extends { _id: unknown }>(record: T | null, id: unknown): record is T {
  return record !== null && String(record._id) === String(id);
}
