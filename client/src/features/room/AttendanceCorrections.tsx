import { CheckInUndoSchema, LeaveSchema, type CheckInEntry } from '@tongxin/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/format.js';
import { useRoomContext } from './roomContext.js';
import { formatTime } from './time.js';
import { useAction } from './useAction.js';

/** `HH:MM` of a moment on a Beijing clock (as every time in the room is shown), for a time input. */
function clockOf(d: Date): string {
  return toLocalInputValue(d).slice(11);
}

/** Today at `HH:MM` on a Beijing clock, whatever zone the viewer's device is set to. */
function todayAt(hhmm: string): Date | null {
  if (!/^\d{2}:\d{2}$/.test(hhmm)) return null;
  const d = fromLocalInputValue(`${toLocalInputValue(new Date()).slice(0, 10)}T${hhmm}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The field a refusal from the server names (`details.field`), if any. */
function refusedField(err: unknown): string | null {
  if (!(err instanceof ApiRequestError)) return null;
  const d = err.details as { field?: unknown } | undefined;
  return typeof d?.field === 'string' ? d.field : null;
}

function useFocusFirst<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/**
 * 离会: records that a unit present left, at a time that defaults to now and may be set a little
 * earlier. From then on it no longer counts toward quorum.
 */
export function LeaveForm({
  unitId,
  unitName,
  arrivedAt,
  onDone,
}: {
  unitId: string;
  unitName: string;
  arrivedAt: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { snapshot, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const id = useId();
  const [time, setTime] = useState(() => clockOf(new Date()));
  const [note, setNote] = useState('');
  const [timeError, setTimeError] = useState<string | null>(null);
  const timeRef = useFocusFirst<HTMLInputElement>();
  const leave = useAction((at: Date, text: string) =>
    emit('meeting:recordLeave', { meetingId, unitId, at: at.toISOString(), ...(text ? { note: text } : {}) }),
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const picked = todayAt(time);
    const arrived = new Date(arrivedAt);
    // The input has no seconds: "now" is this minute, and the minute of arrival is not before it.
    if (!picked || picked.getTime() > Date.now() + 60_000) return setTimeError(t('room.attendance.leaveFuture'));
    if (picked.getTime() < arrived.getTime() - 60_000) return setTimeError(t('room.attendance.leaveBeforeArrival'));
    const at = new Date(Math.min(Date.now(), Math.max(picked.getTime(), arrived.getTime())));
    const parsed = LeaveSchema.safeParse({ meetingId, unitId, at: at.toISOString(), note });
    setTimeError(null);
    if (!parsed.success) return;
    if (await leave.run(at, parsed.data.note ?? '')) onDone();
  };
  const serverTimeError = refusedField(leave.error) === 'at';

  return (
    <form className="room-form room-unit-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="room-unit-form-title">
        {t('room.attendance.leaveTitle', { unit: unitName })}
      </p>
      <p className="muted small">{t('room.attendance.leaveHint')}</p>
      <div className="room-form-row">
        <div className="room-field room-field-short">
          <label htmlFor={`${id}-time`}>{t('room.attendance.leaveTime')}</label>
          <input
            ref={timeRef}
            id={`${id}-time`}
            type="time"
            value={time}
            aria-invalid={timeError !== null || serverTimeError}
            aria-describedby={timeError !== null || serverTimeError ? `${id}-time-error` : undefined}
            onChange={(e) => setTime(e.target.value)}
          />
          {(timeError !== null || serverTimeError) && (
            <p id={`${id}-time-error`} className="field-error">
              {timeError ?? t('room.attendance.leaveBeforeArrival')}
            </p>
          )}
        </div>
        <div className="room-field">
          <label htmlFor={`${id}-note`}>{t('room.attendance.leaveNote')}</label>
          <input id={`${id}-note`} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </div>
      <div className="room-actions">
        <button type="submit" disabled={leave.pending}>
          {leave.pending ? t('room.attendance.leaving') : t('room.attendance.leaveSubmit')}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t('room.attendance.cancel')}
        </button>
      </div>
      {leave.error !== null && !serverTimeError && (
        <p role="alert" className="field-error">
          {errorMessage(t, leave.error)}
        </p>
      )}
    </form>
  );
}

/**
 * 撤销签到: a check-in (or 代签) made by mistake stops counting. A reason is required; the record
 * stays on view as undone.
 */
export function UndoForm({ entry, onDone }: { entry: CheckInEntry; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { snapshot, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const id = useId();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const reasonRef = useFocusFirst<HTMLTextAreaElement>();
  const undo = useAction((text: string) =>
    emit('meeting:undoCheckIn', { meetingId, attendanceId: entry.id, reason: text }),
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = CheckInUndoSchema.safeParse({ meetingId, attendanceId: entry.id, reason });
    setInvalid(!parsed.success);
    if (!parsed.success) return;
    if (await undo.run(parsed.data.reason)) onDone();
  };

  return (
    <form className="room-form room-unit-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="room-unit-form-title">
        {t('room.attendance.undoTitle', {
          unit: entry.unit.name,
          name: entry.onBehalf ? entry.recordedBy.name : (entry.user?.name ?? entry.recordedBy.name),
          time: formatTime(entry.at, i18n.language),
        })}
      </p>
      <p className="muted small">{t('room.attendance.undoHint')}</p>
      <div className="room-field">
        <label htmlFor={`${id}-reason`}>{t('room.attendance.undoReason')}</label>
        <textarea
          ref={reasonRef}
          id={`${id}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-reason-error` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {invalid && (
          <p id={`${id}-reason-error`} className="field-error">
            {t('room.attendance.undoReasonRequired')}
          </p>
        )}
      </div>
      <div className="room-actions">
        <button type="submit" className="danger" disabled={undo.pending}>
          {undo.pending ? t('room.attendance.undoing') : t('room.attendance.undoSubmit')}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          {t('room.attendance.cancel')}
        </button>
      </div>
      {undo.error !== null && (
        <p role="alert" className="field-error">
          {errorMessage(t, undo.error)}
        </p>
      )}
    </form>
  );
}
