import { meetingPhase, type VoteView } from '@tongxin/shared';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useRoomContext, type Room } from './roomContext.js';
import { useAction } from './useAction.js';
import './PhoneBar.css';

/** Voter keys (unit or user ids) the viewer may cast a ballot for in this vote, as the ballot form reckons them. */
function myVoters(room: Room, vote: VoteView): string[] {
  const { snapshot, viewer, votingUnits } = room;
  if (vote.basis === 'unit') {
    const held = snapshot.attendance.proxies.filter((p) => p.to.id === viewer.userId).map((p) => p.fromUnit.id);
    return [...new Set([...snapshot.myVoterUnits, ...held])];
  }
  return votingUnits.some((m) => m.representatives.some((r) => r.id === viewer.userId)) ? [viewer.userId] : [];
}

/** Brings the vote's card into view and puts the focus on its first choice, as a person would reach for it. */
function goToVote(voteId: string): void {
  const card = document.getElementById(`vote-title-${voteId}`)?.closest('article') ?? document.getElementById('room-votes');
  if (!card) return;
  card.scrollIntoView({ block: 'start', behavior: 'smooth' });
  // The first choice when there is one to make; else the card's first disclosure; else the card.
  const target =
    card.querySelector<HTMLElement>('button:not([disabled])') ?? card.querySelector<HTMLElement>('summary') ?? card;
  if (target === card && !card.hasAttribute('tabindex')) card.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

/** Publishes the bar's height as --phone-bar-h, so the page leaves that much room below its end. */
function useBarHeight(shown: boolean) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!shown || !el) return;
    const root = document.documentElement;
    const measure = () => root.style.setProperty('--phone-bar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--phone-bar-h');
    };
  }, [shown]);
  return ref;
}

/**
 * On a phone, what a representative does in the room sits at the bottom of the screen, under the
 * thumb: 签到, 申请发言, 投票 (the open vote first). Only what the person can do now is shown;
 * with nothing to do there is no bar. Wider screens never show it: the panels are in view.
 */
export function PhoneBar() {
  const { t } = useTranslation();
  const room = useRoomContext();
  const { snapshot, alliance, viewer, emit } = room;
  const meetingId = snapshot.meeting.id;
  const status = snapshot.flow.status;
  const checkIn = useAction((unitId: string) => emit('meeting:checkIn', { meetingId, unitId }));
  const request = useAction(() => emit('speaker:request', { meetingId }));
  const withdraw = useAction(() => emit('speaker:withdraw', { meetingId }));

  const present = new Set(snapshot.attendance.present.map((p) => p.unit.id));
  const toCheckIn = meetingPhase.openForCheckIn(status)
    ? alliance.memberships.filter((m) => viewer.represents.includes(m.unit.id) && !present.has(m.unit.id))
    : [];
  const speaks = status === 'in_session' && viewer.canDraft;
  const position = snapshot.speakers.queue.findIndex((q) => q.user.id === viewer.userId);
  // The open vote this person still has to answer comes first; then any open vote they may vote in.
  const openVotes = snapshot.votes
    .filter((v) => v.status === 'open')
    .map((v) => ({ vote: v, voters: myVoters(room, v) }))
    .filter((v) => v.voters.length > 0);
  // Ballots this viewer cast, and any the chair entered for their unit (举手/代投), count as answered.
  const answered = (v: VoteView) => new Set<string>([...v.castByMe, ...((v.tally as { voted?: string[] }).voted ?? [])]);
  const pending = openVotes.find((v) => {
    const done = answered(v.vote);
    return v.voters.some((id) => !done.has(id));
  });
  const voteTarget = pending ?? openVotes[0];

  const error = checkIn.error ?? request.error ?? withdraw.error;
  const shown = toCheckIn.length > 0 || speaks || voteTarget !== undefined;
  const barRef = useBarHeight(shown);
  if (!shown) return null;

  const onCheckIn = () => {
    // One unit: check it in from here. Several (rare): the attendance list says which is which.
    if (toCheckIn.length === 1) return void checkIn.run(toCheckIn[0]!.unit.id);
    document.getElementById('room-attendance')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <nav ref={barRef} className="phone-bar" aria-label={t('screen.bar.label')} data-testid="phone-bar">
      {error !== null && (
        <p role="alert" className="phone-bar-error">
          {errorMessage(t, error)}
        </p>
      )}
      <div className="phone-bar-row">
        {toCheckIn.length > 0 && (
          <button
            type="button"
            className="phone-bar-btn primary"
            disabled={checkIn.pending}
            aria-label={toCheckIn.length === 1 ? t('screen.bar.checkInFor', { unit: toCheckIn[0]!.unit.name }) : undefined}
            onClick={onCheckIn}
          >
            {checkIn.queued
              ? t('room.link.queuedTag')
              : checkIn.pending
                ? t('screen.bar.checkingIn')
                : t('screen.bar.checkIn')}
          </button>
        )}
        {speaks &&
          (position >= 0 ? (
            <button
              type="button"
              className="phone-bar-btn"
              disabled={withdraw.pending}
              onClick={() => void withdraw.run()}
            >
              <span className="phone-bar-sub">{t('screen.bar.queued', { n: position + 1 })}</span>
              {t('screen.bar.withdraw')}
              {withdraw.queued && <span className="phone-bar-sub">{t('room.link.queuedTag')}</span>}
            </button>
          ) : (
            <button
              type="button"
              className="phone-bar-btn"
              disabled={request.pending}
              onClick={() => void request.run()}
            >
              {t('screen.bar.request')}
              {request.queued && <span className="phone-bar-sub">{t('room.link.queuedTag')}</span>}
            </button>
          ))}
        {voteTarget && (
          <button
            type="button"
            className={`phone-bar-btn${pending ? ' primary' : ''}`}
            aria-label={pending ? t('screen.bar.votePending') : t('screen.bar.voteDone')}
            onClick={() => goToVote(voteTarget.vote.id)}
          >
            {t('screen.bar.vote')}
            {pending && <span className="phone-bar-dot" aria-hidden="true" data-testid="vote-dot" />}
          </button>
        )}
      </div>
    </nav>
  );
}
