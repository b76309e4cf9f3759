import { meetingOrdinal, type RoomSnapshot } from '@tongxin/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConnectionBanner } from '../../../app/ConnectionBanner.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatTime, useNow } from '../time.js';
import { useRoom } from '../useRoom.js';
import { FullscreenButton } from './FullscreenButton.js';
import { ItemBlock, QuorumBlock, SpeakerBlock } from './ScreenBlocks.js';
import { ScreenVote, shownVote } from './ScreenVote.js';
import './screen.css';

/**
 * 投屏: the meeting on the wall of the room, for everyone to read from their seat. It follows the
 * same live room as the participants' screens, read-only: any reader of the meeting (列席 too)
 * may open it. Nothing here is a control except going full screen.
 */
export default function ScreenPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const room = useRoom(id);

  if (room.joinError) {
    return (
      <main className="screen screen-message">
        <div role="alert" className="alert">
          <p>{t('screen.joinFailed', { message: errorMessage(t, room.joinError) })}</p>
          <Link to={`/meetings/${id}`}>← {t('screen.back')}</Link>
        </div>
      </main>
    );
  }
  if (!room.snapshot) {
    return (
      <main className="screen screen-message">
        <p role="status">{t('screen.joining')}</p>
      </main>
    );
  }
  const current = room.snapshot.flow.currentItem;
  // The server says since when; what this screen saw itself is the fallback, as in the room.
  const since = current?.since ?? (current && room.currentSeenAt?.id === current.id ? room.currentSeenAt.at : null);
  return (
    <>
      <Screen snapshot={room.snapshot} since={since} />
      <div className="screen-conn">
        <ConnectionBanner status={room.status} connecting={t('screen.reconnecting')} offline={t('screen.offline')} />
      </div>
    </>
  );
}

const ENDED = new Set(['adjourned', 'minutes_published', 'cancelled']);

function Screen({ snapshot, since }: { snapshot: RoomSnapshot; since: string | null }) {
  const { t, i18n } = useTranslation();
  const { meeting, flow } = snapshot;
  const status = flow.status;
  const seq = t('screen.seq', { seq: meetingOrdinal(meeting.seq, i18n.language) });
  // Titles already read "第二次联席会议：…" by custom; the number is not said twice.
  const showSeq = !meeting.title.includes(seq);

  useEffect(() => {
    document.title = t('screen.documentTitle', { title: meeting.title });
    return () => {
      document.title = t('app.documentTitle');
    };
  }, [t, meeting.title]);

  const ended = ENDED.has(status);
  const vote = ended ? null : shownVote(snapshot.votes, flow.currentItem ? since : null);
  return (
    <main className={`screen${vote ? ' has-vote' : ''}`} data-testid="screen" data-status={status}>
      <header className="screen-head">
        <div className="screen-head-main">
          {showSeq && <p className="screen-seq">{seq}</p>}
          <h1 className="screen-title">{meeting.title}</h1>
        </div>
        <div className="screen-head-side">
          {!ended && (
            <p className={`screen-status screen-status-${status}`} data-testid="screen-status">
              {t(`screen.status.${status}`)}
            </p>
          )}
          <Clock lang={i18n.language} />
          <FullscreenButton />
        </div>
      </header>
      {ended ? (
        <Ended snapshot={snapshot} />
      ) : (
        <div className="screen-grid">
          <div className="screen-main">
            <ItemBlock flow={flow} since={since} compact={vote !== null} />
            {vote && <ScreenVote vote={vote} attendance={snapshot.attendance} />}
          </div>
          <div className="screen-side">
            <QuorumBlock quorum={snapshot.attendance.quorum} />
            {status === 'in_session' && <SpeakerBlock speakers={snapshot.speakers} />}
          </div>
        </div>
      )}
    </main>
  );
}

function Clock({ lang }: { lang: string }) {
  const now = useNow();
  return (
    <p className="screen-clock" aria-hidden="true">
      {formatTime(new Date(now).toISOString(), lang)}
    </p>
  );
}

/** After 散会: the meeting is over, with what it decided. */
function Ended({ snapshot }: { snapshot: RoomSnapshot }) {
  const { t } = useTranslation();
  const results = snapshot.votes.filter((v) => v.status === 'closed' && v.result);
  return (
    <section className="screen-ended" aria-labelledby="screen-ended">
      <p id="screen-ended" className="screen-ended-title" data-testid="screen-ended">
        {t(`screen.status.${snapshot.flow.status}`)}
      </p>
      {snapshot.flow.status !== 'cancelled' && <p className="screen-ended-note">{t('screen.adjournedNote')}</p>}
      {results.length > 0 && (
        <ul className="screen-results">
          {results.map((v) => (
            <li key={v.id}>
              <span className="screen-results-title">{v.title}</span>
              <span className={`screen-outcome outcome-${v.result!.outcome}`}>
                {t(`screen.vote.outcome.${v.result!.outcome}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
