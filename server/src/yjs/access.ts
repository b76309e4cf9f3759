import type { DocRef } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { alliancePolicy, isSecretary } from '../policies/alliance.js';
import { meetingPolicy } from '../policies/meeting.js';

export type DocAccess = 'write' | 'read' | 'forbidden' | 'not_found';

/** Agendas can be edited until the meeting ends; after that they are the record. */
const AGENDA_EDITABLE = ['draft', 'scheduled', 'in_session'];

/**
 * Who may open a collaborative document and whether their edits count. Read-only participants
 * (observer units, anyone once a document is locked) still receive updates and awareness.
 */
export async function docAccess(models: Models, actor: Actor, ref: DocRef): Promise<DocAccess> {
  const meetingId = ref.kind === 'decision' ? await meetingOfDecision(models, ref.decisionId) : ref.meetingId;
  if (!meetingId) return 'not_found';
  const meeting = await models.Meeting.findById(meetingId).lean();
  if (!meeting) return 'not_found';
  const alliance = await models.Alliance.findById(meeting.alliance).lean();
  if (!alliance) return 'not_found';
  if (!meetingPolicy.canRead(actor, alliance, meeting)) return 'forbidden';

  switch (ref.kind) {
    case 'agenda':
      return alliancePolicy.canEdit(actor, alliance) && AGENDA_EDITABLE.includes(meeting.status) ? 'write' : 'read';
    case 'decision': {
      const decision = await models.Decision.findById(ref.decisionId).select('status').lean();
      return alliancePolicy.canEdit(actor, alliance) && decision?.status === 'drafting' ? 'write' : 'read';
    }
    case 'minutes':
      // Secretaries write the minutes once the meeting is adjourned; publishing locks them.
      return (isSecretary(actor, alliance) || actor.isAdmin) && meeting.status === 'adjourned' ? 'write' : 'read';
  }
}

async function meetingOfDecision(models: Models, decisionId: string): Promise<string | null> {
  const d = await models.Decision.findById(decisionId).select('meeting').lean();
  return d ? String(d.meeting) : null;
}
