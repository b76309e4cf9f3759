import { CHOICES, type Attendance, type Choice, type Tally, type VoteView } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';

/**
 * The vote the wall shows: the open one (the latest opened, if several); otherwise the latest
 * result, as long as the chair has not moved to another item since it closed.
 */
export function shownVote(votes: VoteView[], itemSince: string | null): VoteView | null {
  const latest = (list: VoteView[], key: 'openedAt' | 'closedAt') =>
    list.reduce<VoteView | null>((a, v) => (!a || (v[key] ?? '') > (a[key] ?? '') ? v : a), null);
  const open = latest(
    votes.filter((v) => v.status === 'open'),
    'openedAt',
  );
  if (open) return open;
  const closed = latest(
    votes.filter((v) => v.status === 'closed' && v.result),
    'closedAt',
  );
  if (!closed) return null;
  return !itemSince || (closed.closedAt ?? '') >= itemSince ? closed : null;
}

/**
 * Units (or members) present for this vote: the count the tally gives when it has one, else the
 * room's attendance when it counts on the same basis, else those entitled.
 */
function presentFor(vote: VoteView, attendance: Attendance): number {
  const tally: Tally & { present?: unknown } = vote.tally;
  if (typeof tally.present === 'number') return tally.present;
  if (vote.result) return vote.result.quorum.present;
  return attendance.quorum.basis === vote.basis ? attendance.quorum.present : vote.tally.eligible;
}

/** One vote on the wall: the question, the turnout, the count when it may be seen, the result and the adopted text. */
export function ScreenVote({ vote, attendance }: { vote: VoteView; attendance: Attendance }) {
  const { t } = useTranslation();
  const open = vote.status === 'open';
  const present = presentFor(vote, attendance);
  // Secret votes and votes counted at close show the turnout only until they close (the server
  // sends no counts then either).
  const counts = open ? vote.tally.counts : vote.result?.counts;
  const outcome = vote.result?.outcome;
  return (
    <section
      className={`screen-block screen-vote${open ? ' is-open' : ' is-closed'}`}
      aria-labelledby="screen-vote"
      data-testid="screen-vote"
    >
      <h2 id="screen-vote" className="screen-label">
        {open ? t('screen.vote.open') : t('screen.vote.closed')}
      </h2>
      <p className="screen-vote-title">{vote.title}</p>
      <div className="screen-vote-row">
        <p className="screen-turnout" data-testid="screen-turnout">
          {t('screen.vote.turnout', { turnout: vote.tally.turnout, present })}
        </p>
        {!open && outcome && (
          <p className={`screen-outcome outcome-${outcome}`} data-testid="screen-outcome">
            {t(`screen.vote.outcome.${outcome}`)}
          </p>
        )}
      </div>
      {open && (
        <div className="screen-bar" aria-hidden="true">
          <span style={{ width: `${present > 0 ? Math.min(100, (vote.tally.turnout / present) * 100) : 0}%` }} />
        </div>
      )}
      {counts ? (
        <Counts counts={counts} of={Math.max(present, vote.tally.turnout)} />
      ) : (
        <p className="screen-none" data-testid="screen-hidden">
          {vote.secret ? t('screen.vote.secret') : t('screen.vote.hidden')}
        </p>
      )}
      {outcome === 'adopted' && (
        <div className="screen-adopted" data-testid="screen-adopted">
          <p className="screen-sub">{t('screen.adopted')}</p>
          <blockquote className="screen-adopted-text">{vote.text}</blockquote>
        </div>
      )}
    </section>
  );
}

function Counts({ counts, of }: { counts: Record<Choice, number>; of: number }) {
  const { t } = useTranslation();
  return (
    <ul className="screen-counts" data-testid="screen-counts">
      {CHOICES.map((c) => (
        <li key={c} className={`choice-${c}`}>
          <span className="screen-count-label">{t(`screen.vote.choices.${c}`)}</span>
          <span className="screen-count-n">{counts[c]}</span>
          <span className="screen-count-track" aria-hidden="true">
            <span style={{ width: `${of > 0 ? Math.min(100, (counts[c] / of) * 100) : 0}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
