import { VOTE_THRESHOLDS, VoteOpenSchema, type TallyVisibility, type VoteThreshold } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import type { EventPayload } from '../../lib/socket.js';
import { useDecisions, VersionListSchema } from '../decision/queries.js';
import { useRoomContext } from './roomContext.js';
import { useAction } from './useAction.js';
import { RuleText } from './VoteCard.js';

/**
 * The chair puts a frozen version of a decision to the vote: threshold and basis start from the
 * alliance's defaults, the rule is spelled out before anyone commits to it.
 */
export function VoteOpenForm() {
  const { t } = useTranslation();
  const { snapshot, alliance, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const inSession = snapshot.flow.status === 'in_session';
  const decisions = useDecisions(meetingId);
  const candidates = (decisions.data?.items ?? []).filter((d) => d.status === 'drafting' && d.versionCount > 0);
  const defaults = alliance.votingDefaults;

  const [open, setOpen] = useState(false);
  const [decisionId, setDecisionId] = useState('');
  const [version, setVersion] = useState<number | null>(null);
  const [title, setTitle] = useState<string | null>(null);
  const [threshold, setThreshold] = useState<VoteThreshold>(defaults.threshold);
  const [basis, setBasis] = useState<'unit' | 'member'>(defaults.basis);
  // Prefilled from the alliance's voting defaults; the chair may change them for this vote.
  const [secret, setSecret] = useState(defaults.secret);
  const [tallyVisibility, setTallyVisibility] = useState<TallyVisibility>(defaults.tallyVisibility);
  const [allowBallotChange, setAllowBallotChange] = useState(defaults.allowBallotChange && !defaults.secret);
  const [changeError, setChangeError] = useState(false);
  const [duration, setDuration] = useState('');
  const [invalid, setInvalid] = useState(false);
  const openVote = useAction((payload: EventPayload<'vote:open'>) => emit('vote:open', payload));

  const decision = candidates.find((d) => d.id === decisionId) ?? candidates[0];
  // The same cache entry as the decision screen's version list.
  const versions = useQuery({
    queryKey: ['decision', decision?.id ?? '', 'versions'],
    queryFn: () => getJson(`/api/decisions/${decision!.id}/versions`, VersionListSchema),
    enabled: decision !== undefined && open,
  });
  const versionList = decision ? (versions.data?.items ?? []) : [];
  const chosenVersion = versionList.find((v) => v.number === version) ?? versionList.at(-1);
  const shownTitle = title ?? decision?.title ?? '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const minutes = duration.trim() === '' ? undefined : Number(duration);
    const parsed = VoteOpenSchema.safeParse({
      meetingId,
      title: shownTitle,
      decisionId: decision?.id,
      version: chosenVersion?.number,
      threshold,
      basis,
      secret,
      tallyVisibility,
      allowBallotChange,
      durationSeconds: minutes === undefined ? undefined : Math.round(minutes * 60),
    });
    setInvalid(!parsed.success);
    setChangeError(!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'allowBallotChange'));
    if (!parsed.success) return;
    if (await openVote.run(parsed.data)) {
      setOpen(false);
      setTitle(null);
      setDecisionId('');
      setVersion(null);
      setDuration('');
    }
  };

  return (
    <details className="room-disclosure room-open-vote" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('room.voteOpen.title')}</summary>
      {!inSession ? (
        <p className="muted small">{t('room.voteOpen.inSessionOnly')}</p>
      ) : decisions.isPending ? (
        <p className="muted small">{t('common.loading')}</p>
      ) : !decision ? (
        <p className="muted small">{t('room.voteOpen.noDecision')}</p>
      ) : (
        <form className="room-form" onSubmit={onSubmit} noValidate>
          <label className="room-field">
            <span>{t('room.voteOpen.decision')}</span>
            <select
              value={decision.id}
              onChange={(e) => {
                setDecisionId(e.target.value);
                setVersion(null);
                setTitle(null);
              }}
            >
              {candidates.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
          <label className="room-field">
            <span>{t('room.voteOpen.version')}</span>
            <select
              value={chosenVersion?.number ?? ''}
              onChange={(e) => setVersion(Number(e.target.value))}
              aria-invalid={invalid && !chosenVersion}
            >
              {[...versionList].reverse().map((v) => (
                <option key={v.number} value={v.number}>
                  {t('room.voteOpen.versionOption', { number: v.number, hash: v.sha256.slice(0, 12) })}
                </option>
              ))}
            </select>
          </label>
          <label className="room-field">
            <span>{t('room.voteOpen.voteTitle')}</span>
            <input
              value={shownTitle}
              maxLength={200}
              aria-invalid={invalid && shownTitle.trim() === ''}
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <div className="room-form-row">
            <label className="room-field">
              <span>{t('room.voteOpen.threshold')}</span>
              <select value={threshold} onChange={(e) => setThreshold(e.target.value as VoteThreshold)}>
                {VOTE_THRESHOLDS.map((th) => (
                  <option key={th} value={th}>
                    {t(`room.vote.thresholds.${th}`)}
                    {th === defaults.threshold ? t('room.voteOpen.defaultTag') : ''}
                  </option>
                ))}
              </select>
            </label>
            <label className="room-field">
              <span>{t('room.voteOpen.basis')}</span>
              <select value={basis} onChange={(e) => setBasis(e.target.value as 'unit' | 'member')}>
                {(['unit', 'member'] as const).map((b) => (
                  <option key={b} value={b}>
                    {t(`room.vote.basis.${b}`)}
                    {b === defaults.basis ? t('room.voteOpen.defaultTag') : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="room-rule" data-testid="open-rule">
            <RuleText threshold={threshold} />
          </p>
          <label className="room-check">
            <input
              type="checkbox"
              checked={secret}
              onChange={(e) => {
                setSecret(e.target.checked);
                // A secret vote keeps no choice to change: the option goes with it.
                if (e.target.checked) setAllowBallotChange(false);
                setChangeError(false);
              }}
            />
            <span>{t('room.voteOpen.secret')}</span>
          </label>
          <label className="room-field">
            <span>{t('room.voteOpen.tallyVisibility')}</span>
            <select
              value={secret ? 'at_close' : tallyVisibility}
              disabled={secret}
              onChange={(e) => setTallyVisibility(e.target.value as TallyVisibility)}
            >
              {(['live', 'at_close'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`room.voteOpen.tally.${v}`)}
                  {v === defaults.tallyVisibility ? t('room.voteOpen.defaultTag') : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="room-check">
            <input
              type="checkbox"
              checked={allowBallotChange}
              disabled={secret}
              aria-invalid={changeError ? true : undefined}
              aria-describedby={changeError ? 'vote-open-change-error' : undefined}
              onChange={(e) => {
                setAllowBallotChange(e.target.checked);
                setChangeError(false);
              }}
            />
            <span>{t('room.voteOpen.allowBallotChange')}</span>
          </label>
          {changeError && (
            <p id="vote-open-change-error" className="field-error" role="alert">
              {t('room.voteOpen.changeNamedOnly')}
            </p>
          )}
          <label className="room-field room-field-short">
            <span>{t('room.voteOpen.duration')}</span>
            <input
              type="number"
              min={1}
              max={1440}
              inputMode="numeric"
              value={duration}
              aria-invalid={invalid && duration !== '' && !(Number(duration) > 0)}
              onChange={(e) => setDuration(e.target.value)}
            />
          </label>
          {!snapshot.attendance.quorum.reached && <p className="room-note warn">{t('room.voteOpen.quorumNeeded')}</p>}
          {invalid && <p className="field-error">{t('room.voteOpen.invalid')}</p>}
          <div className="room-actions">
            <button type="submit" disabled={openVote.pending}>
              {openVote.pending ? t('room.voteOpen.submitting') : t('room.voteOpen.submit')}
            </button>
          </div>
          {openVote.error !== null && (
            <p role="alert" className="field-error">
              {errorMessage(t, openVote.error)}
            </p>
          )}
        </form>
      )}
    </details>
  );
}
