import { useQueryClient } from '@tanstack/react-query';
import type { Meeting } from '@tongxin/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMeetingSeq } from '../meeting/meetingSeq.js';
import { ChairConsole } from './ChairConsole.js';
import { useRoomContext } from './roomContext.js';
import { ScreenLink } from './screen/ScreenLink.js';

/** The meeting, its state, the chair's console, and after 散会 the way to the minutes. */
export function RoomHeader() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  const { meeting, flow } = snapshot;
  const status = flow.status;
  const seqLabel = useMeetingSeq();
  const queryClient = useQueryClient();
  // The meeting screen and the lists read the status from their own cache: tell them what the
  // room knows, so going back shows "adjourned" and the minutes link at once, not a stale state.
  useEffect(() => {
    queryClient.setQueryData<Meeting>(['meeting', meeting.id], (m) =>
      m && m.status !== status ? { ...m, status } : m,
    );
    void queryClient.invalidateQueries({ queryKey: ['meeting', meeting.id], exact: true });
    void queryClient.invalidateQueries({ queryKey: ['alliance', meeting.alliance, 'meetings'] });
  }, [queryClient, meeting.id, meeting.alliance, status]);

  const closed = status === 'adjourned' || status === 'minutes_published';

  return (
    <>
      <section className="card room-head" aria-labelledby="room-title">
        <div className="room-head-main">
          <p className="muted room-head-seq dot-list">
            <Link to={`/meetings/${meeting.id}`}>{t('room.back')}</Link>
            <span>{seqLabel(meeting.seq)}</span>
          </p>
          <h1 id="room-title">{meeting.title}</h1>
          <p className="room-head-meta">
            <span className={`status status-${status}`} data-testid="meeting-status">
              {t(`meetingStatus.${status}`)}
            </span>
            <span>{t('room.convener', { unit: meeting.convenerUnit.name })}</span>
            {viewer.unitName && <span>{t('room.myUnit', { unit: viewer.unitName })}</span>}
            {viewer.isChair && <span className="tag role-secretary">{t('room.youChair')}</span>}
            {viewer.isChair && <ScreenLink meetingId={meeting.id} />}
          </p>
          {flow.startedWithoutQuorum && (
            <p className="room-note warn">
              {t('room.flow.withoutQuorum', {
                reason: flow.startedWithoutQuorum.reason,
                name: flow.startedWithoutQuorum.by.name,
              })}
            </p>
          )}
          {status === 'scheduled' && !viewer.isChair && <p className="muted">{t('room.flow.waitingChair')}</p>}
          {status === 'scheduled' && viewer.isChair && <p className="muted">{t('room.flow.notStarted')}</p>}
        </div>
        {viewer.isChair && !closed && <ChairConsole />}
      </section>
      {closed && <ClosedPanel />}
    </>
  );
}

/**
 * 会议已散会: nothing runs any more; the secretary is led to the minutes, everyone else to the
 * meeting (and the minutes, which each unit confirms).
 */
function ClosedPanel() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  const { meeting, flow } = snapshot;
  const published = flow.status === 'minutes_published';
  const writes = viewer.isChair && !published;
  const minutesLink = (
    <Link className={writes || published ? 'button' : 'button secondary'} to={`/meetings/${meeting.id}/minutes`}>
      {t('room.closed.toMinutes')}
    </Link>
  );
  return (
    <section className="card room-closed" aria-labelledby="room-closed-title" data-testid="room-closed">
      <h2 id="room-closed-title">{t('room.closed.title')}</h2>
      <p>{published ? t('room.closed.published') : writes ? t('room.closed.secretary') : t('room.closed.member')}</p>
      <div className="room-actions">
        {writes || published ? (
          <>
            {minutesLink}
            <Link to={`/meetings/${meeting.id}`}>{t('room.closed.toMeeting')}</Link>
          </>
        ) : (
          <>
            <Link className="button" to={`/meetings/${meeting.id}`}>
              {t('room.closed.toMeeting')}
            </Link>
            {minutesLink}
          </>
        )}
      </div>
    </section>
  );
}
