/**
 * The life of a joint meeting (联席会议). A meeting is drafted, scheduled (announced to members),
 * held, adjourned, and ends when its minutes are published; it may be cancelled before it starts.
 */
export const MEETING_STATUSES = [
  'draft',
  'scheduled',
  'in_session',
  'adjourned',
  'minutes_published',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export type MeetingTransition = 'schedule' | 'start' | 'adjourn' | 'publishMinutes' | 'cancel';

const TRANSITIONS: Record<MeetingTransition, { from: readonly MeetingStatus[]; to: MeetingStatus }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'in_session' },
  adjourn: { from: ['in_session'], to: 'adjourned' },
  publishMinutes: { from: ['adjourned'], to: 'minutes_published' },
  // A meeting that has begun cannot be cancelled: what was said and decided stays on record.
  cancel: { from: ['draft', 'scheduled'], to: 'cancelled' },
};

/** The status a transition leads to, or `null` when it is not allowed from `status`. */
export function nextMeetingStatus(status: MeetingStatus, transition: MeetingTransition): MeetingStatus | null {
  const rule = TRANSITIONS[transition];
  return rule.from.includes(status) ? rule.to : null;
}

/** The transitions allowed from a status, in the order the UI offers them. */
export function allowedMeetingTransitions(status: MeetingStatus): MeetingTransition[] {
  return (Object.keys(TRANSITIONS) as MeetingTransition[]).filter((t) => nextMeetingStatus(status, t) !== null);
}

/**
 * What a meeting's phase allows, decided here once for the server's commands and policies and
 * the client's screens alike.
 */
export const meetingPhase = {
  /** Agenda and decision drafts are written until the meeting ends; after that they are the record. */
  openForDrafting: (status: string) => status === 'draft' || status === 'scheduled' || status === 'in_session',
  /** Units check in (签到) and give proxies (委托) once the meeting is announced and while it runs. */
  openForCheckIn: (status: string) => status === 'scheduled' || status === 'in_session',
  /** Action items (督办事项) are assigned while the meeting runs and from its record afterwards. */
  openForActionItems: (status: string) => status === 'scheduled' || status === 'in_session' || status === 'adjourned',
  /**
   * The live room does business (votes, action items, the agenda, speakers) until 散会; after that
   * it is a record, and action items from it are assigned on the meeting's page (REST).
   */
  liveRoomOpen: (status: string) => status === 'scheduled' || status === 'in_session',
  /** 改期: an announced meeting may move until it starts (a draft is simply edited). */
  reschedulable: (status: string) => status === 'scheduled',
  /** A check-in can be undone, or a leave recorded, while check-in is open. */
  openForAttendanceCorrections: (status: string) => status === 'scheduled' || status === 'in_session',
};
