import { useQueryClient } from '@tanstack/react-query';
import { MeetingStartSchema, type Meeting } from '@tongxin/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../lib/errors.js';
import { useRoomContext } from './roomContext.js';
import { useAction } from './useAction.js';

/** The meeting, its state, and the chair's start / adjourn controls. */
export function RoomHeader() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  const { meeting, flow } = snapshot;
  const status = flow.status;
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

  return (
    <section className="card room-head" aria-labelledby="room-title">
      <div className="room-head-main">
        <p className="muted room-head-seq dot-list">
          <Link to={`/meetings/${meeting.id}`}>{t('room.back')}</Link>
          <span>{t('meeting.seq', { seq: meeting.seq })}</span>
        </p>
        <h1 id="room-title">{meeting.title}</h1>
        <p className="room-head-meta">
          <span className={`status status-${status}`} data-testid="meeting-status">
            {t(`meetingStatus.${status}`)}
          </span>
          <span>{t('room.convener', { unit: meeting.convenerUnit.name })}</span>
          {viewer.unitName && <span>{t('room.myUnit', { unit: viewer.unitName })}</span>}
          {viewer.isChair && <span className="tag role-secretary">{t('room.youChair')}</span>}
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
        {(status === 'adjourned' || status === 'minutes_published') && (
          <p className="room-note">{t('room.flow.adjourned')}</p>
        )}
      </div>
      {viewer.isChair && <FlowControls />}
    </section>
  );
}

function FlowControls() {
  const { t } = useTranslation();
  const { snapshot, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const status = snapshot.flow.status;
  const quorumReached = snapshot.attendance.quorum.reached;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [confirmAdjourn, setConfirmAdjourn] = useState(false);
  const start = useAction((override?: { reason: string }) => emit('meeting:start', { meetingId, override }));
  const adjourn = useAction(() => emit('meeting:adjourn', { meetingId }));

  if (status === 'scheduled') {
    const onStart = (e: FormEvent) => {
      e.preventDefault();
      if (quorumReached) return void start.run();
      const parsed = MeetingStartSchema.safeParse({ meetingId, override: { reason } });
      setReasonError(!parsed.success);
      if (parsed.success) void start.run(parsed.data.override);
    };
    return (
      <form className="room-flow" onSubmit={onStart} noValidate>
        {!quorumReached && (
          <>
            <p className="room-note warn">{t('room.flow.overrideIntro')}</p>
            <label className="room-field" htmlFor="override-reason">
              {t('room.flow.overrideLabel')}
            </label>
            <textarea
              id="override-reason"
              rows={2}
              maxLength={500}
              value={reason}
              aria-invalid={reasonError}
              aria-describedby={reasonError ? 'override-error' : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {reasonError && (
              <p id="override-error" className="field-error">
                {t('room.flow.overrideRequired')}
              </p>
            )}
          </>
        )}
        <button type="submit" disabled={start.pending}>
          {start.pending ? t('room.flow.starting') : quorumReached ? t('room.flow.start') : t('room.flow.startAnyway')}
        </button>
        {start.error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, start.error)}
          </p>
        )}
      </form>
    );
  }

  if (status === 'in_session') {
    return (
      <div className="room-flow">
        {confirmAdjourn && <p className="room-note warn">{t('room.flow.adjournHint')}</p>}
        <div className="room-actions">
          <button
            type="button"
            className={confirmAdjourn ? undefined : 'ghost'}
            disabled={adjourn.pending}
            onClick={() =>
              confirmAdjourn ? void adjourn.run().then(() => setConfirmAdjourn(false)) : setConfirmAdjourn(true)
            }
          >
            {adjourn.pending
              ? t('room.flow.adjourning')
              : confirmAdjourn
                ? t('room.flow.confirmAdjourn')
                : t('room.flow.adjourn')}
          </button>
          {confirmAdjourn && !adjourn.pending && (
            <button type="button" className="ghost" onClick={() => setConfirmAdjourn(false)}>
              {t('room.flow.cancelAdjourn')}
            </button>
          )}
        </div>
        {adjourn.error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, adjourn.error)}
          </p>
        )}
      </div>
    );
  }
  return null;
}
