import type { MeetingRescheduled } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './meeting.css';
import { Link } from 'react-router-dom';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { formatDateTime } from '../../lib/format.js';

/**
 * "会议时间已改为 …": a notice when a meeting of this alliance is rescheduled while the screen is
 * open (the lists and the meeting itself re-read on `meeting:changed`). On a meeting's own page
 * only that meeting's changes are announced.
 */
export function RescheduleNotice({ allianceId, meetingId }: { allianceId: string; meetingId?: string }) {
  const { t, i18n } = useTranslation();
  const [notices, setNotices] = useState<MeetingRescheduled[]>([]);
  useAllianceChannel([allianceId], 'meeting:rescheduled', (p) => {
    if (!p || (meetingId && p.meetingId !== meetingId)) return;
    setNotices((list) => [...list.filter((n) => n.meetingId !== p.meetingId), p]);
  });
  // The live region is always there, so that a notice added to it is announced.
  return (
    <div role="status" className="reschedule-notices">
      {notices.map((n) => {
        const time = formatDateTime(n.scheduledAt, i18n.language);
        const previous = formatDateTime(n.previousAt, i18n.language);
        return (
          <p key={n.meetingId} className="notice" data-testid="reschedule-notice">
            <span>
              {meetingId ? (
                t('meeting.reschedule.notice', { time, previous })
              ) : (
                <Link to={`/meetings/${n.meetingId}`}>
                  {t('meeting.reschedule.noticeOther', { title: n.title, time, previous })}
                </Link>
              )}
            </span>
            <button
              type="button"
              className="ghost"
              onClick={() => setNotices((list) => list.filter((x) => x.meetingId !== n.meetingId))}
            >
              {t('meeting.reschedule.dismiss')}
            </button>
          </p>
        );
      })}
    </div>
  );
}
