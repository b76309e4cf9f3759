import type { MeetingFlow, QuorumView, SpeakerQueue } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatClock, useNow } from '../time.js';

/** How many of the queue the wall shows by name; the rest are counted. */
const QUEUE_SHOWN = 5;

/** 出席 M / 应到 K and whether the quorum is there: the first thing a chair is asked. */
export function QuorumBlock({ quorum }: { quorum: QuorumView }) {
  const { t } = useTranslation();
  const pct = (n: number) => `${quorum.eligible > 0 ? Math.min(100, (n / quorum.eligible) * 100) : 0}%`;
  return (
    <section className={`screen-block screen-quorum${quorum.reached ? ' reached' : ''}`} aria-labelledby="screen-quorum">
      <h2 id="screen-quorum" className="screen-label">
        {t('screen.quorum.title')}
      </h2>
      <p className="screen-quorum-line" data-testid="screen-quorum">
        {t('screen.quorum.line', { present: quorum.present, eligible: quorum.eligible })}
      </p>
      <div className="screen-bar" aria-hidden="true">
        <span style={{ width: pct(quorum.present) }} />
        <i style={{ left: pct(quorum.required) }} />
      </div>
      <p className="screen-quorum-state" data-testid="screen-quorum-state">
        <strong>
          {quorum.reached
            ? t('screen.quorum.reached')
            : t('screen.quorum.notReached', { missing: Math.max(0, quorum.required - quorum.present) })}
        </strong>
        <span>{t('screen.quorum.required', { required: quorum.required })}</span>
      </p>
    </section>
  );
}

/** The item under discussion and its time box as a big clock: time left, or how far over. */
export function ItemBlock({ flow, since, compact }: { flow: MeetingFlow; since: string | null; compact: boolean }) {
  const { t } = useTranslation();
  const item = flow.currentItem;
  return (
    <section className={`screen-block screen-item${compact ? ' compact' : ''}`} aria-labelledby="screen-item">
      <h2 id="screen-item" className="screen-label">
        {t('screen.item.title')}
      </h2>
      {item ? (
        <div className="screen-item-body" data-testid="screen-item">
          <p className="screen-item-title">{item.title}</p>
          {since && <ItemTimer since={since} minutes={item.minutes} />}
        </div>
      ) : (
        <p className="screen-none" data-testid="screen-item">
          {t('screen.item.none')}
        </p>
      )}
    </section>
  );
}

function ItemTimer({ since, minutes }: { since: string; minutes: number }) {
  const { t } = useTranslation();
  const now = useNow();
  const elapsed = Math.max(0, now - Date.parse(since));
  const allotted = minutes * 60_000;
  if (allotted <= 0) {
    return (
      <div className="screen-timer" data-testid="screen-timer">
        <span className="screen-timer-label">{t('screen.item.elapsed')}</span>
        <span className="screen-timer-value">{formatClock(elapsed)}</span>
        <span className="screen-timer-note">{t('screen.item.noBox')}</span>
      </div>
    );
  }
  const left = allotted - elapsed;
  const over = left < 0;
  return (
    <div className={`screen-timer${over ? ' over' : ''}`} data-testid="screen-timer" data-over={over}>
      <span className="screen-timer-label">{over ? t('screen.item.over') : t('screen.item.left')}</span>
      <span className="screen-timer-value">
        {over ? '+' : ''}
        {formatClock(Math.abs(left))}
      </span>
      <span className="screen-timer-note">{t('screen.item.planned', { minutes })}</span>
      <div className="screen-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, (elapsed / allotted) * 100)}%` }} />
      </div>
    </div>
  );
}

/** Who has the floor and for how long more, and who is waiting. */
export function SpeakerBlock({ speakers }: { speakers: SpeakerQueue }) {
  const { t } = useTranslation();
  const person = (p: { user: { name: string }; unit: { name: string } | null }) =>
    p.unit ? t('screen.speaker.person', { name: p.user.name, unit: p.unit.name }) : p.user.name;
  const shown = speakers.queue.slice(0, QUEUE_SHOWN);
  const more = speakers.queue.length - shown.length;
  return (
    <section className="screen-block screen-speakers" aria-labelledby="screen-speakers">
      <h2 id="screen-speakers" className="screen-label">
        {t('screen.speaker.title')}
      </h2>
      <div data-testid="screen-speaker">
        {speakers.current ? (
          <>
            <p className="screen-sub">{t('screen.speaker.current')}</p>
            <p className="screen-speaker-name">{person(speakers.current)}</p>
            <SpeakerTimer startedAt={speakers.current.startedAt} seconds={speakers.current.timeBoxSeconds} />
          </>
        ) : (
          <p className="screen-none">{t('screen.speaker.none')}</p>
        )}
      </div>
      <p className="screen-sub">{t('screen.speaker.queue')}</p>
      {shown.length === 0 ? (
        <p className="screen-none">{t('screen.speaker.queueEmpty')}</p>
      ) : (
        <ol className="screen-queue" data-testid="screen-queue">
          {shown.map((q) => (
            <li key={q.user.id}>{person(q)}</li>
          ))}
        </ol>
      )}
      {more > 0 && <p className="screen-sub">{t('screen.speaker.more', { n: more })}</p>}
    </section>
  );
}

function SpeakerTimer({ startedAt, seconds }: { startedAt: string; seconds: number }) {
  const { t } = useTranslation();
  const now = useNow();
  const left = Date.parse(startedAt) + seconds * 1000 - now;
  return (
    <p className={`screen-speaker-time${left < 0 ? ' over' : ''}`} data-testid="screen-speaker-time">
      {left >= 0
        ? t('screen.speaker.left', { time: formatClock(left) })
        : t('screen.speaker.over', { time: formatClock(-left) })}
    </p>
  );
}
