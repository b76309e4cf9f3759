import type { Meeting } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format.js';
import { useMeetingSeq } from './meetingSeq.js';

/** One meeting in a list: number and title, when, who convenes, where, and its status. */
export function MeetingCard({
  meeting,
  allianceName,
  myRole,
}: {
  meeting: Meeting;
  allianceName?: string;
  /** My unit's part in this meeting, already in words (the workbench shows it). */
  myRole?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const seqLabel = useMeetingSeq();
  return (
    <li className="meeting-card">
      <div className="meeting-card-head">
        <Link to={`/meetings/${meeting.id}`} className="meeting-title">
          {meeting.title}
        </Link>
        <span className={`status status-${meeting.status}`}>{t(`meetingStatus.${meeting.status}`)}</span>
      </div>
      <p className="meeting-meta">
        <span>{seqLabel(meeting.seq)}</span>
        {allianceName && <span>{allianceName}</span>}
        <time dateTime={meeting.scheduledAt}>{formatDateTime(meeting.scheduledAt, i18n.language)}</time>
        <span>{t('meeting.convenerIs', { unit: meeting.convenerUnit.name })}</span>
        {meeting.place && <span>{t('meeting.placeIs', { place: meeting.place })}</span>}
        {myRole && <span className="tag">{t('meeting.myRole', { role: myRole })}</span>}
      </p>
      {meeting.status === 'in_session' && (
        <p className="meeting-card-links">
          <Link to={`/meetings/${meeting.id}/live`}>{t('room.enter')}</Link>
        </p>
      )}
      {(meeting.status === 'adjourned' || meeting.status === 'minutes_published') && (
        <p className="meeting-card-links">
          <Link to={`/meetings/${meeting.id}/minutes`}>{t('minutes.open')}</Link>
        </p>
      )}
    </li>
  );
}
