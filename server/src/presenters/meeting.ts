import type { Meeting, MeetingStatus } from '@tongxin/shared';
import { refOrGone, type Id, type Named } from './refs.js';

export function presentMeeting(m: {
  _id: Id;
  alliance: Id;
  seq: number;
  title: string;
  scheduledAt: Date;
  durationMinutes: number;
  place?: string | null;
  onlineLink?: string | null;
  convenerUnit: Named | Id;
  status: string;
  observers: Id[];
}): Meeting {
  return {
    id: String(m._id),
    alliance: String(m.alliance),
    seq: m.seq,
    title: m.title,
    scheduledAt: m.scheduledAt.toISOString(),
    durationMinutes: m.durationMinutes,
    place: m.place ?? '',
    ...(m.onlineLink ? { onlineLink: m.onlineLink } : {}),
    convenerUnit: refOrGone(m.convenerUnit),
    status: m.status as MeetingStatus,
    observers: m.observers.map(String),
  };
}
