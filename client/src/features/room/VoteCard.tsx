import { CHOICES, type Choice, type VoteThreshold, type VoteView } from '@tongxin/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useRoomContext } from './roomContext.js';
import { formatClock, formatTime, useNow } from './time.js';
import { useAction } from './useAction.js';
import { VoteChair } from './VoteChair.js';
import { useTurnout } from './voteTurnout.js';
import { VoteVerify } from './VoteVerify.js';

/** The rule in words: what adopts a motion under this threshold, and what an abstention does. */
export function RuleText({ threshold, decided = false }: { threshold: VoteThreshold; decided?: boolean }) {
  const { t } = useTranslation();
  const parts = {
    name: t(`room.vote.thresholds.${threshold}`),
    rule: t(`room.vote.rules.${threshold}`),
    abstentions: t(`room.vote.abstentions.${threshold}`),
  };
  return <>{decided ? t('room.vote.decidedBy', parts) : t('room.vote.rule', parts)}</>;
}

/**
 * One vote: what is voted on, the rule, the turnout and (when it may be seen) the count, then the
 * viewer's ballot and — apart, labelled — the chair's controls; the fingerprint and receipts for
 * checking the record sit behind 核验.
 */
export function VoteCard({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const { viewer } = useRoomContext();
  const open = vote.status === 'open';
  const headingId = `vote-title-${vote.id}`;
  const ballotHeadingId = `vote-ballot-${vote.id}`;
  const voters = useMyVoters(vote);
  // A chair without a vote of their own needs no "no vote" block above the chair's controls.
  const showBallot = open && (voters.length > 0 || !viewer.isChair);
  return (
    <article className={`room-vote ${open ? 'is-open' : 'is-closed'}`} aria-labelledby={headingId} data-testid="vote">
      <div className="section-head">
        <h3 id={headingId} className="room-vote-title">
          {vote.title}
        </h3>
        <span className={`status vote-${vote.status}`}>{t(`room.vote.status.${vote.status}`)}</span>
      </div>
      <p className="tags">
        {vote.decisionVersion !== null && (
          <span className="tag">{t('room.vote.version', { number: vote.decisionVersion })}</span>
        )}
        <span className="tag">{vote.secret ? t('room.vote.secret') : t('room.vote.recorded')}</span>
        <span className="tag">{t(`room.vote.basis.${vote.basis}`)}</span>
        {!vote.secret && vote.tallyVisibility === 'at_close' && <span className="tag">{t('room.vote.atClose')}</span>}
        {vote.allowBallotChange && <span className="tag">{t('room.vote.changeAllowed')}</span>}
      </p>
      {open && (
        <p className="room-rule">
          <RuleText threshold={vote.threshold} />
        </p>
      )}
      <details className="room-vote-text">
        <summary>{t('room.vote.showText')}</summary>
        <blockquote className="version-text">{vote.text}</blockquote>
      </details>
      {open ? <LiveCount vote={vote} /> : vote.status === 'cancelled' ? <Cancelled vote={vote} /> : <Result vote={vote} />}
      {showBallot && (
        <section className="room-vote-mine" aria-labelledby={ballotHeadingId}>
          <h4 id={ballotHeadingId}>{t('room.vote.myBallot')}</h4>
          <Ballots vote={vote} voters={voters} />
        </section>
      )}
      {open && viewer.isChair && <VoteChair vote={vote} />}
      <VoteVerify vote={vote} />
    </article>
  );
}

function CountBars({ counts, of }: { counts: Record<Choice, number>; of: number }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list room-bars">
      {CHOICES.map((c) => (
        <li key={c} className={`room-bar choice-${c}`}>
          <span className="room-bar-label">{t(`room.vote.choices.${c}`)}</span>
          <span className="room-bar-track" aria-hidden="true">
            <span style={{ width: `${of > 0 ? Math.min(100, (counts[c] / of) * 100) : 0}%` }} />
          </span>
          <span className="room-bar-n">{counts[c]}</span>
        </li>
      ))}
    </ul>
  );
}

function LiveCount({ vote }: { vote: VoteView }) {
  const { t, i18n } = useTranslation();
  const { tally } = vote;
  // Turnout against those present: the vote is taken among them, not among all members.
  const { present } = useTurnout(vote);
  const of = Math.max(present, tally.turnout);
  return (
    <div className="room-live" data-testid="vote-live">
      <div className="room-turnout">
        <span className="room-bar-track" aria-hidden="true">
          <span style={{ width: `${of > 0 ? (tally.turnout / of) * 100 : 0}%` }} />
        </span>
        <span data-testid="turnout">
          {t('room.vote.turnout', { turnout: tally.turnout, present: of, eligible: tally.eligible })}
        </span>
      </div>
      {tally.counts ? (
        <CountBars counts={tally.counts} of={of} />
      ) : (
        <p className="room-hidden-count" data-testid="count-hidden">
          {vote.secret ? t('room.vote.secretNote') : t('room.vote.atCloseNote')}
        </p>
      )}
      {vote.closesAt && <ClosesIn at={vote.closesAt} lang={i18n.language} />}
    </div>
  );
}

function ClosesIn({ at, lang }: { at: string; lang: string }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <p className="small muted">
      {t('room.vote.closesAt', { time: formatTime(at, lang), remaining: formatClock(Date.parse(at) - now) })}
    </p>
  );
}

/** A cancelled vote: who cancelled it, when and why; its ballots count for nothing. */
function Cancelled({ vote }: { vote: VoteView }) {
  const { t, i18n } = useTranslation();
  const c = vote.cancellation;
  if (!c) return null;
  return (
    <p className="room-cancelled" data-testid="vote-cancelled" role="status">
      {t('room.vote.cancelledNote', {
        name: c.by?.name ?? '—',
        time: formatShortDateTime(c.at, i18n.language),
        reason: c.reason.replace(/[。．.！!；;，,]+$/u, ''),
      })}
    </p>
  );
}

function Result({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const { unitName } = useRoomContext();
  const result = vote.result;
  if (!result) return null;
  const q = result.quorum;
  return (
    <div className={`room-result outcome-${result.outcome}`} data-testid="vote-result" role="status">
      <p className="room-outcome">
        <span className="visually-hidden">{t('room.vote.result')}</span>
        {t(`room.vote.outcome.${result.outcome}`)}
      </p>
      <p>{t('room.vote.counts', result.counts)}</p>
      <CountBars counts={result.counts} of={vote.tally.eligible} />
      <p className="room-rule" data-testid="result-rule">
        <RuleText threshold={vote.threshold} decided />
      </p>
      <p className="small">
        {t('room.vote.quorumAtClose', { present: q.present, eligible: q.eligible, required: q.required })}{' '}
        {t(`room.vote.closedBy.${result.closedBy}`)}
      </p>
      {result.enteredByChair > 0 && (
        <p className="small" data-testid="entered-by-chair">
          {t('room.vote.enteredByChair', { count: result.enteredByChair })}
        </p>
      )}
      {vote.ballots && vote.ballots.length > 0 && (
        <details>
          <summary>{t('room.vote.ballots')}</summary>
          <ul className="plain-list small">
            {vote.ballots.map((b) => (
              <li key={b.voter}>
                {t(b.enteredByChair ? 'room.vote.ballotByChair' : 'room.vote.ballot', {
                  voter: b.voterName || unitName(b.voter),
                  choice: t(`room.vote.choices.${b.choice}`),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** The viewer's ballot(s): one per unit they may vote for (own units, proxies held), or their own. */
function useMyVoters(vote: VoteView): { id: string; name: string }[] {
  const { snapshot, viewer, votingUnits, unitName } = useRoomContext();
  if (vote.basis === 'unit') {
    const held = snapshot.attendance.proxies.filter((p) => p.to.id === viewer.userId).map((p) => p.fromUnit.id);
    return [...new Set([...snapshot.myVoterUnits, ...held])].map((id) => ({ id, name: unitName(id) }));
  }
  const member = votingUnits.some((m) => m.representatives.some((r) => r.id === viewer.userId));
  return member ? [{ id: viewer.userId, name: viewer.name }] : [];
}

function Ballots({ vote, voters }: { vote: VoteView; voters: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  if (voters.length === 0) return <p className="muted small">{t('room.vote.noVote')}</p>;
  return (
    <div className="room-ballots">
      {voters.map((v) => (
        <Ballot key={v.id} vote={vote} voter={v} />
      ))}
    </div>
  );
}

function Ballot({ vote, voter }: { vote: VoteView; voter: { id: string; name: string } }) {
  const { t } = useTranslation();
  const { emit, receipts } = useRoomContext();
  const [choice, setChoice] = useState<Choice | null>(null);
  // 改投: choosing again after voting, when the vote allows it.
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const receiptRef = useRef<HTMLParagraphElement>(null);
  const changeRef = useRef<HTMLParagraphElement>(null);
  const justCast = useRef(false);
  const payload = (c: Choice) => ({ voteId: vote.id, choice: c, ...(vote.basis === 'unit' ? { unitId: voter.id } : {}) });
  const cast = useAction((c: Choice) => (changing ? emit('vote:changeBallot', payload(c)) : emit('vote:cast', payload(c))));
  const receipt = receipts[vote.id]?.find((r) => r.voter === voter.id);
  const voted = vote.castByMe.includes(voter.id);

  // The confirmation takes the focus, so a keyboard or screen-reader user lands on what they confirm.
  useEffect(() => {
    if (choice) confirmRef.current?.focus();
  }, [choice]);
  // …and, once the ballot is stored, on its receipt (the confirmation it replaces is gone).
  useEffect(() => {
    if (receipt && justCast.current) receiptRef.current?.focus();
  }, [receipt]);
  useEffect(() => {
    if (changing) changeRef.current?.focus();
  }, [changing]);

  const confirmChoice = async (c: Choice) => {
    justCast.current = true;
    const stored = await cast.run(c);
    if (stored) {
      setChanged(changing);
      setChanging(false);
      setChoice(null);
    }
  };
  const heading = <p className="room-ballot-for">{t('room.vote.castAs', { voter: voter.name })}</p>;
  const canChange = vote.allowBallotChange && vote.status === 'open';
  const changeButton = canChange && (
    <div className="room-actions">
      <button
        type="button"
        className="ghost"
        onClick={() => {
          cast.reset();
          setChoice(null);
          setChanging(true);
        }}
      >
        {t('room.vote.change')}
      </button>
      <span className="muted small">{t('room.vote.changeHint')}</span>
    </div>
  );
  if ((receipt || voted) && !changing) {
    return (
      <div className="room-ballot done" data-testid="ballot">
        {heading}
        {receipt ? (
          <p className="room-receipt" role="status" data-testid="receipt" ref={receiptRef} tabIndex={-1}>
            {t(changed ? 'room.vote.changed' : 'room.vote.receipt', {
              choice: t(`room.vote.choices.${receipt.choice}`),
            })}
          </p>
        ) : (
          <p className="room-receipt">{t('room.vote.voted')}</p>
        )}
        {changeButton}
      </div>
    );
  }
  const back = () => {
    cast.reset();
    if (choice) setChoice(null);
    else setChanging(false);
  };
  if (choice) {
    const version =
      vote.decisionVersion !== null
        ? t('room.vote.version', { number: vote.decisionVersion })
        : vote.textSha256.slice(0, 8);
    const label = t(`room.vote.choices.${choice}`);
    return (
      <div
        className="room-ballot room-confirm"
        role="group"
        aria-labelledby={`confirm-${vote.id}-${voter.id}`}
        data-testid="ballot"
      >
        <h4 id={`confirm-${vote.id}-${voter.id}`} ref={confirmRef} tabIndex={-1}>
          {t('room.vote.confirmTitle')}
        </h4>
        <p>{t('room.vote.confirmText', { voter: voter.name, title: vote.title, version })}</p>
        <p className={`room-choice choice-${choice}`} data-testid="confirm-choice">
          {label}
        </p>
        <div className="room-actions">
          <button type="button" disabled={cast.pending} onClick={() => void confirmChoice(choice)}>
            {cast.pending
              ? t('room.vote.casting')
              : t(changing ? 'room.vote.changeConfirm' : 'room.vote.confirm', { choice: label })}
          </button>
          <button type="button" className="ghost" disabled={cast.pending} onClick={back}>
            {t('room.vote.back')}
          </button>
        </div>
        {cast.error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, cast.error)}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="room-ballot" data-testid="ballot">
      {heading}
      {changing && (
        <p className="room-change-title" ref={changeRef} tabIndex={-1}>
          {t('room.vote.changeTitle')}
        </p>
      )}
      <div className="room-choices">
        {CHOICES.map((c) => (
          <button
            key={c}
            type="button"
            className={`room-choice-btn choice-${c}`}
            aria-label={t('room.vote.chooseLabel', { choice: t(`room.vote.choices.${c}`) })}
            onClick={() => {
              cast.reset();
              setChoice(c);
            }}
          >
            {t(`room.vote.choices.${c}`)}
          </button>
        ))}
      </div>
      {changing && (
        <div className="room-actions">
          <button type="button" className="ghost" onClick={back}>
            {t('room.vote.keepBallot')}
          </button>
        </div>
      )}
    </div>
  );
}
