import { MeetingStartSchema } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { useYDoc } from '../../lib/useYDoc.js';
import type { AgendaItem } from '../agenda/agendaDoc.js';
import { useAgendaItems } from '../agenda/useAgendaItems.js';
import { useRoomContext } from './roomContext.js';
import { useAction } from './useAction.js';

const STEPS = ['checkIn', 'start', 'items', 'vote', 'close'] as const;
type Step = (typeof STEPS)[number];

/** Brings a panel into view and puts the keyboard there, as a link to it would. */
function goTo(headingId: string) {
  const heading = document.getElementById(headingId);
  if (!heading) return;
  heading.scrollIntoView({ behavior: 'smooth', block: 'start' });
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

/**
 * 主持台: where the meeting is (签到 → 开会 → 议题 → 表决 → 散会) and the one next thing the chair
 * does, as the one prominent button. Starting without quorum sits behind a secondary link and
 * only once quorum is really missing; 散会 is at the far end, away from the vote buttons, and asks
 * for confirmation.
 */
export function ChairConsole() {
  const { t } = useTranslation();
  const { snapshot, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const { status } = snapshot.flow;
  const quorum = snapshot.attendance.quorum;
  const { doc } = useYDoc(`meeting:${meetingId}:agenda`);
  const items = useAgendaItems(doc);
  const openVote = snapshot.votes.some((v) => v.status === 'open');

  const start = useAction((override?: { reason: string }) => emit('meeting:start', { meetingId, override }));
  const setCurrent = useAction((item: AgendaItem | null) =>
    emit('meeting:setAgendaItem', { meetingId, item: item ? { id: item.id } : null }),
  );
  const [overriding, setOverriding] = useState(false);
  const [adjourning, setAdjourning] = useState(false);

  const step: Step = status === 'scheduled' ? (quorum.reached ? 'start' : 'checkIn') : openVote ? 'vote' : 'items';
  const at = STEPS.indexOf(step);

  // The agenda: the item under way, and the next one not yet taken.
  const currentId = snapshot.flow.currentItem?.id;
  const index = currentId ? items.findIndex((i) => i.id === currentId) : -1;
  const upcoming = items.find((it, i) => i > index && it.status !== 'done' && it.status !== 'deferred') ?? null;
  const anyTaken = items.some((i) => i.status === 'done');

  // The override is for a quorum that is really missing once units have come, never the first
  // thing offered: before anyone checks in, the next step is 签到.
  const overrideOffered = status === 'scheduled' && !quorum.reached && quorum.present > 0;

  let primary: { label: string; run: () => void; pending?: boolean } | null = null;
  let hint: string | null = null;
  if (step === 'checkIn') {
    primary = { label: t('room.flow.goCheckIn'), run: () => goTo('room-attendance') };
    hint = t('room.flow.checkInStatus', { present: quorum.present, required: quorum.required });
  } else if (step === 'start') {
    primary = { label: t('room.flow.start'), run: () => void start.run(), pending: start.pending };
    hint = t('room.flow.quorumReady');
  } else if (step === 'vote') {
    primary = { label: t('room.flow.toVote'), run: () => goTo('room-votes') };
    hint = t('room.flow.voteOpenHint');
  } else if (upcoming) {
    primary = {
      label: index >= 0 || anyTaken ? t('room.flow.nextItem') : t('room.flow.firstItem'),
      run: () => void setCurrent.run(upcoming),
      pending: setCurrent.pending,
    };
    hint = t('room.flow.nextTitle', { title: upcoming.title });
  } else if (index >= 0) {
    primary = { label: t('room.flow.endItem'), run: () => void setCurrent.run(null), pending: setCurrent.pending };
    hint = t('room.flow.agendaDone');
  } else {
    // Nothing left on the agenda: closing the meeting is what comes next.
    hint = items.length === 0 ? t('room.flow.noAgenda') : t('room.flow.agendaDone');
  }
  const adjournIsNext = status === 'in_session' && primary === null;
  const error = start.error ?? setCurrent.error;

  return (
    <div className="room-console" role="group" aria-label={t('room.flow.console')} data-testid="chair-console">
      <ol className="room-steps" aria-label={t('room.flow.progress')}>
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i < at ? 'is-done' : i === at ? 'is-current' : undefined}
            aria-current={i === at ? 'step' : undefined}
          >
            <span className="room-step-mark" aria-hidden="true">
              {i < at ? '✓' : i + 1}
            </span>
            <span>
              {t(`room.flow.steps.${s}`)}
              <span className="visually-hidden">
                {i < at ? t('room.flow.stepDone') : i === at ? t('room.flow.stepCurrent') : ''}
              </span>
            </span>
          </li>
        ))}
      </ol>
      <div className="room-next">
        <p className="room-next-label">{t('room.flow.nextLabel')}</p>
        <div className="room-next-row">
          {primary && (
            <button type="button" className="room-primary" disabled={primary.pending} onClick={primary.run}>
              {primary.pending && step === 'start' ? t('room.flow.starting') : primary.label}
            </button>
          )}
          {status === 'in_session' && (
            <button
              type="button"
              className={adjournIsNext ? 'room-primary' : 'ghost room-adjourn'}
              onClick={() => setAdjourning(true)}
            >
              {t('room.flow.adjourn')}
            </button>
          )}
        </div>
        {hint && <p className="room-next-hint">{hint}</p>}
        {overrideOffered && (
          <button type="button" className="link-button" onClick={() => setOverriding(true)}>
            {t('room.flow.overrideOpen')}
          </button>
        )}
        {error !== null && (
          <p role="alert" className="field-error">
            {errorMessage(t, error)}
          </p>
        )}
      </div>
      {overriding && (
        <OverrideDialog
          missing={Math.max(0, quorum.required - quorum.present)}
          onStart={async (reason) => (await start.run({ reason })) !== undefined}
          pending={start.pending}
          error={start.error !== null ? errorMessage(t, start.error) : null}
          onClose={() => setOverriding(false)}
        />
      )}
      {adjourning && <AdjournDialog onClose={() => setAdjourning(false)} />}
    </div>
  );
}

/** 说明理由后开始会议: the reason goes on the record (and into the minutes). */
function OverrideDialog({
  missing,
  onStart,
  pending,
  error,
  onClose,
}: {
  missing: number;
  onStart: (reason: string) => Promise<boolean>;
  pending: boolean;
  error: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { snapshot } = useRoomContext();
  const id = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const confirm = async () => {
    const parsed = MeetingStartSchema.safeParse({ meetingId: snapshot.meeting.id, override: { reason } });
    setInvalid(!parsed.success);
    if (parsed.success && (await onStart(parsed.data.override!.reason))) onClose();
  };
  return (
    <ModalDialog
      className="room-dialog"
      open
      title={t('room.flow.overrideTitle')}
      confirmLabel={t('room.flow.startAnyway')}
      closeLabel={t('room.flow.cancel')}
      pending={pending}
      error={error}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p className="room-note warn">{t('room.flow.overrideIntro', { missing })}</p>
      <div className="room-field">
        <label htmlFor={`${id}-reason`}>{t('room.flow.overrideLabel')}</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={500}
          value={reason}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {invalid && (
          <p id={`${id}-error`} className="field-error">
            {t('room.flow.overrideRequired')}
          </p>
        )}
      </div>
    </ModalDialog>
  );
}

/** 宣布散会, confirmed in a dialog: afterwards nothing more happens in the room. */
function AdjournDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { snapshot, emit } = useRoomContext();
  const adjourn = useAction(() => emit('meeting:adjourn', { meetingId: snapshot.meeting.id }));
  return (
    <ModalDialog
      className="room-dialog"
      open
      title={t('room.flow.adjournTitle')}
      confirmLabel={adjourn.pending ? t('room.flow.adjourning') : t('room.flow.confirmAdjourn')}
      closeLabel={t('room.flow.cancelAdjourn')}
      pending={adjourn.pending}
      error={adjourn.error !== null ? errorMessage(t, adjourn.error) : null}
      onConfirm={() => void adjourn.run().then((done) => done !== undefined && onClose())}
      onClose={onClose}
    >
      <p>{t('room.flow.adjournHint')}</p>
    </ModalDialog>
  );
}
