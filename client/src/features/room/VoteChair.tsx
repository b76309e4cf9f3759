import { CHOICES, type Choice, type VoteView } from '@tongxin/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { ReasonForm } from '../decision/ReasonForm.js';
import { useRoomContext } from './roomContext.js';
import { useAction } from './useAction.js';
import { useTurnout, type VoterRef } from './voteTurnout.js';

/**
 * The chair's part of an open vote, set apart from the voter's ballot and labelled as such: who
 * present has not voted yet, entering a unit's ballot (举手/代投), closing (after a confirmation
 * naming whoever has not voted) and cancelling.
 */
export function VoteChair({ vote }: { vote: VoteView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { notVoted } = useTurnout(vote);
  // Only a named vote by unit takes ballots entered by the chair (the server says the same).
  const canEnter = vote.basis === 'unit' && !vote.secret;
  const byUnit = vote.basis === 'unit';
  return (
    <section className="room-vote-chair" aria-labelledby={headingId} data-testid="vote-chair">
      <h4 id={headingId}>{t('room.vote.chair.title')}</h4>
      {notVoted.length === 0 ? (
        <p className="small muted" data-testid="not-voted-none">
          {t(byUnit ? 'room.vote.chair.allVoted' : 'room.vote.chair.allVotedMembers')}
        </p>
      ) : (
        <div className="room-not-voted">
          <p className="room-not-voted-title" id={`${headingId}-nv`}>
            {t(byUnit ? 'room.vote.chair.notVoted' : 'room.vote.chair.notVotedMembers', { count: notVoted.length })}
          </p>
          <ul className="plain-list room-not-voted-list" aria-labelledby={`${headingId}-nv`} data-testid="not-voted">
            {notVoted.map((u) => (
              <NotVotedRow key={u.id} vote={vote} voter={u} canEnter={canEnter} />
            ))}
          </ul>
          {vote.secret && byUnit && <p className="small muted">{t('room.vote.chair.secretNoEntry')}</p>}
        </div>
      )}
      <ChairActions vote={vote} notVoted={notVoted} />
    </section>
  );
}

/** One present unit that has not voted; the chair may record its choice (a show of hands). */
function NotVotedRow({ vote, voter, canEnter }: { vote: VoteView; voter: VoterRef; canEnter: boolean }) {
  const { t } = useTranslation();
  const { emit } = useRoomContext();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice | null>(null);
  const legendRef = useRef<HTMLLegendElement>(null);
  const enter = useAction((c: Choice) => emit('vote:enterBallot', { voteId: vote.id, unitId: voter.id, choice: c }));
  useEffect(() => {
    if (open) legendRef.current?.focus();
  }, [open]);
  if (!open) {
    return (
      <li className="room-not-voted-row">
        <span className="room-not-voted-name">{voter.name}</span>
        {canEnter && (
          <button
            type="button"
            className="ghost small-button"
            aria-label={t('room.vote.chair.enterFor', { unit: voter.name })}
            onClick={() => setOpen(true)}
          >
            {t('room.vote.chair.enter')}
          </button>
        )}
      </li>
    );
  }
  const close = () => {
    enter.reset();
    setChoice(null);
    setOpen(false);
  };
  return (
    <li className="room-not-voted-row is-entering">
      <form
        className="room-enter-ballot"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) void enter.run(choice);
        }}
      >
        <fieldset>
          <legend ref={legendRef} tabIndex={-1}>
            {t('room.vote.chair.enterChoice', { unit: voter.name })}
          </legend>
          <p className="small muted">{t('room.vote.chair.enterHint')}</p>
          <div className="room-enter-choices">
            {CHOICES.map((c) => (
              <label key={c} className={`room-enter-choice choice-${c}`}>
                <input type="radio" name={`enter-${vote.id}-${voter.id}`} value={c} checked={choice === c} onChange={() => setChoice(c)} />
                {t(`room.vote.choices.${c}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="room-actions">
          <button type="submit" disabled={!choice || enter.pending}>
            {enter.pending ? t('room.vote.chair.entering') : t('room.vote.chair.enterConfirm')}
          </button>
          <button type="button" className="ghost" disabled={enter.pending} onClick={close}>
            {t('room.vote.chair.enterCancel')}
          </button>
        </div>
        {enter.error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, enter.error)}
          </p>
        )}
      </form>
    </li>
  );
}

/** Close the vote and count, or cancel it (opened by mistake). */
function ChairActions({ vote, notVoted }: { vote: VoteView; notVoted: VoterRef[] }) {
  const { t } = useTranslation();
  const { emit } = useRoomContext();
  const [cancelling, setCancelling] = useState(false);
  const cancel = useAction((reason: string) => emit('vote:cancel', { voteId: vote.id, reason }));
  if (!cancelling) {
    return (
      <div className="room-actions room-vote-chair-actions">
        <CloseVote vote={vote} notVoted={notVoted} />
        <button type="button" className="ghost" onClick={() => setCancelling(true)}>
          {t('room.vote.cancelVote')}
        </button>
      </div>
    );
  }
  return (
    <ReasonForm
      title={t('room.vote.cancelTitle')}
      hint={t('room.vote.cancelHint')}
      label={t('room.vote.cancelReason')}
      confirm={t('room.vote.cancelConfirm')}
      pending={cancel.pending ? t('room.vote.cancelling') : null}
      error={
        cancel.error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, cancel.error)}
          </p>
        )
      }
      onConfirm={(reason) => void cancel.run(reason)}
      onCancel={() => {
        cancel.reset();
        setCancelling(false);
      }}
    />
  );
}

/** 结束表决 asks first, naming the present units (or members) that have not voted. */
function CloseVote({ vote, notVoted }: { vote: VoteView; notVoted: VoterRef[] }) {
  const { t, i18n } = useTranslation();
  const { emit } = useRoomContext();
  const [asking, setAsking] = useState(false);
  const close = useAction(() => emit('vote:close', { voteId: vote.id }));
  const byUnit = vote.basis === 'unit';
  const names = notVoted.map((u) => u.name).join(i18n.language === 'zh-CN' ? '、' : ', ');
  return (
    <>
      <button
        type="button"
        disabled={close.pending}
        onClick={() => {
          close.reset();
          setAsking(true);
        }}
      >
        {close.pending ? t('room.vote.closing') : t('room.vote.close')}
      </button>
      <ModalDialog
        className="vote-dialog"
        open={asking}
        title={t('room.vote.chair.closeTitle')}
        confirmLabel={close.pending ? t('room.vote.closing') : t('room.vote.chair.closeConfirm')}
        closeLabel={t('room.vote.chair.closeKeep')}
        pending={close.pending}
        error={close.error !== null ? errorMessage(t, close.error) : null}
        onConfirm={() =>
          void close.run().then((closed) => {
            if (closed) setAsking(false);
          })
        }
        onClose={() => setAsking(false)}
      >
        <p className="room-vote-title-line">{vote.title}</p>
        {notVoted.length > 0 ? (
          <p className="room-close-warning" data-testid="close-not-voted">
            {t(byUnit ? 'room.vote.chair.closeWarn' : 'room.vote.chair.closeWarnMembers', { count: notVoted.length, names })}
          </p>
        ) : (
          <p>{t(byUnit ? 'room.vote.chair.closeAllVoted' : 'room.vote.chair.closeAllVotedMembers')}</p>
        )}
        <p className="small">{t('room.vote.chair.closeBody')}</p>
      </ModalDialog>
    </>
  );
}
