import { meetingPhase } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useRoomContext } from './roomContext.js';
import { formatClock, useNow } from './time.js';
import { useAction } from './useAction.js';

const TIME_BOXES = [1, 2, 3, 5, 10];

/** 发言: the person who has the floor with their time box, the queue, and the chair calling the next. */
export function SpeakerPanel() {
  const { t } = useTranslation();
  const { snapshot, viewer, emit } = useRoomContext();
  const { speakers } = snapshot;
  const meetingId = snapshot.meeting.id;
  const inSession = snapshot.flow.status === 'in_session';
  // After 散会 nobody has the floor and nobody waits for it.
  const closed = !meetingPhase.liveRoomOpen(snapshot.flow.status);
  const [minutes, setMinutes] = useState(3);
  const request = useAction(() => emit('speaker:request', { meetingId }));
  const withdraw = useAction(() => emit('speaker:withdraw', { meetingId }));
  const next = useAction(() => emit('speaker:next', { meetingId, timeBoxSeconds: minutes * 60 }));
  const position = speakers.queue.findIndex((q) => q.user.id === viewer.userId);
  const error = request.error ?? withdraw.error ?? next.error;
  const person = (p: { user: { name: string }; unit: { name: string } | null }) =>
    p.unit ? t('room.presence.person', { name: p.user.name, unit: p.unit.name }) : p.user.name;

  return (
    <section className="card room-panel room-speakers" aria-labelledby="room-speakers">
      <h2 id="room-speakers">{t('room.speakers.title')}</h2>
      <div className="room-current" data-testid="current-speaker">
        <p className="room-current-label">{t('room.speakers.current')}</p>
        {speakers.current && !closed ? (
          <>
            <p className="room-current-title">{person(speakers.current)}</p>
            <SpeakerClock startedAt={speakers.current.startedAt} seconds={speakers.current.timeBoxSeconds} />
          </>
        ) : (
          <p className="muted">{t('room.speakers.nobody')}</p>
        )}
      </div>
      <h3 className="room-sub">{t('room.speakers.queue')}</h3>
      {speakers.queue.length === 0 || closed ? (
        <p className="muted">{t('room.speakers.empty')}</p>
      ) : (
        <ol className="room-queue" data-testid="speaker-queue">
          {speakers.queue.map((q) => (
            <li key={q.user.id} className={q.user.id === viewer.userId ? 'is-me' : undefined}>
              {person(q)}
            </li>
          ))}
        </ol>
      )}
      {!inSession && !closed && <p className="muted small">{t('room.speakers.inSessionOnly')}</p>}
      {inSession && viewer.canDraft && (
        <div className="room-actions">
          {position >= 0 ? (
            <>
              <span className="small">{t('room.speakers.position', { n: position + 1 })}</span>
              <button type="button" className="ghost" disabled={withdraw.pending} onClick={() => void withdraw.run()}>
                {t('room.speakers.withdraw')}
                {withdraw.queued && <span className="tag room-queued">{t('room.link.queuedTag')}</span>}
              </button>
            </>
          ) : (
            <button type="button" disabled={request.pending} onClick={() => void request.run()}>
              {t('room.speakers.request')}
              {request.queued && <span className="tag room-queued">{t('room.link.queuedTag')}</span>}
            </button>
          )}
        </div>
      )}
      {inSession && viewer.isChair && (speakers.queue.length > 0 || speakers.current) && (
        <div className="room-actions room-chair-row">
          {speakers.queue.length > 0 && (
            <label className="room-inline-field">
              <span>{t('room.speakers.timeBox')}</span>
              <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
                {TIME_BOXES.map((m) => (
                  <option key={m} value={m}>
                    {t('room.speakers.timeBoxOption', { count: m })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" disabled={next.pending} onClick={() => void next.run()}>
            {speakers.queue.length > 0 ? t('room.speakers.next') : t('room.speakers.end')}
          </button>
        </div>
      )}
      {error !== null && (
        <p role="alert" className="field-error">
          {errorMessage(t, error)}
        </p>
      )}
    </section>
  );
}

function SpeakerClock({ startedAt, seconds }: { startedAt: string; seconds: number }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = Date.parse(startedAt) + seconds * 1000 - now;
  const used = Math.min(1, Math.max(0, 1 - left / (seconds * 1000)));
  return (
    <div className={left < 0 ? 'room-timer over' : 'room-timer'} data-testid="speaker-timer">
      <p className="room-timer-big">
        {/* Over time is said in words and marked, not only turned red. */}
        {left < 0 && (
          <span className="room-timer-flag" aria-hidden="true">
            !
          </span>
        )}
        {left >= 0
          ? t('room.speakers.remaining', { time: formatClock(left) })
          : t('room.speakers.overtime', { time: formatClock(-left) })}
      </p>
      <div className="room-timebar" aria-hidden="true">
        <span style={{ width: `${used * 100}%` }} />
      </div>
    </div>
  );
}
