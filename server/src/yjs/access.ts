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
  const decision =
    ref.kind === 'decision' ? await models.Decision.findById(ref.decisionId).select('meeting status').lean() : null;
  const meetingId = ref.kind === 'decision' ? decision && String(decision.meeting) : ref.meetingId;
  if (!meetingId) return () => ({ result: 'not_found' });
  const meeting = await models.Meeting.findById(meetingId).lean();
  if (!meeting) return () => ({ result: 'not_found' });
  const alliance = await models.Alliance.findById(meeting.alliance).lean();
  if (!alliance) return () => ({ result: 'not_found' });

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
  const appraisal = await models.Appraisal.findById(ref.appraisalId, { alliance: 1, status: 1, reporters: 1 }).lean();
  if (!appraisal || !appraisal.reporters.some((r) => String(r) === ref.unitId)) return () => ({ result: 'not_found' });
  const alliance = await models.Alliance.findById(appraisal.alliance, { memberships: 1, secretaries: 1 }).lean();
  if (!alliance) return () => ({ result: 'not_found' });
  return (actor) => {
    if (!appraisalPolicy.canRead(actor, alliance)) return { result: 'forbidden' };
    const granted = (mode: DocAccessMessage): DocAccess => ({ result: 'granted', mode, meetingId: null, allianceId: String(alliance._id) });
    if (!appraisalPolicy.canWriteReport(actor, alliance, ref.unitId)) return granted(read('not_editor'));
    return granted(appraisal.status === 'draft' ? write : read('appraisal_locked'));
  };
}
