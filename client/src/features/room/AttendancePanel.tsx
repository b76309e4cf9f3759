import { meetingPhase } from '@tongxin/shared';
import type { CheckInEntry, QuorumView } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { LeaveForm, UndoForm } from './AttendanceCorrections.js';
import { useRoomContext } from './roomContext.js';
import { formatTime } from './time.js';
import { useAction } from './useAction.js';


/** The most recent leave among a unit's check-ins that have left. */
function latestLeave(left: CheckInEntry[]): CheckInEntry | undefined {
  return left.reduce<CheckInEntry | undefined>((a, e) => (!a || e.leftAt! > a.leftAt! ? e : a), undefined);
}

/**
 * 签到: each member unit's attendance, the quorum bar, check-in, on-behalf check-in and proxies;
 * late arrivals (迟到), leaves (离会) and returns, and the undoing of a mistaken check-in.
 */
export function AttendancePanel() {
  const { t, i18n } = useTranslation();
  const { snapshot, alliance, viewer, emit } = useRoomContext();
  const { attendance } = snapshot;
  const meetingId = snapshot.meeting.id;
  const open = meetingPhase.openForCheckIn(snapshot.flow.status);
  const checkIn = useAction((unitId: string) => emit('meeting:checkIn', { meetingId, unitId }));
  const [busyUnit, setBusyUnit] = useState<string | null>(null);
  // At most one correction form open at a time, under its unit's row.
  const [correcting, setCorrecting] = useState<{ unit: string; kind: 'leave' | 'undo' } | null>(null);
  // The unit just recorded present on its behalf (代签): its undo is offered right there.
  const [recent, setRecent] = useState<string | null>(null);

  const present = new Map(attendance.present.map((p) => [p.unit.id, p]));
  const proxies = new Map(attendance.proxies.map((p) => [p.fromUnit.id, p]));
  const onCheckIn = (unitId: string, onBehalf: boolean) => {
    setBusyUnit(unitId);
    setRecent(null);
    void checkIn
      .run(unitId)
      .then((done) => done !== undefined && onBehalf && setRecent(unitId))
      .finally(() => setBusyUnit(null));
  };
  const onCorrected = (unitId: string) => {
    setCorrecting(null);
    // Back to the row the form was opened from, so keyboard users do not lose their place.
    requestAnimationFrame(() => document.getElementById(`unit-${unitId}`)?.focus());
  };

  return (
    <section className="card room-panel room-attendance" aria-labelledby="room-attendance">
      <h2 id="room-attendance">{t('room.attendance.title')}</h2>
      <QuorumBar quorum={attendance.quorum} />
      <h3 className="room-sub">{t('room.attendance.units')}</h3>
      <ul className="plain-list room-units" data-testid="attendance">
        {alliance.memberships.map((m) => {
          const here = attendance.present.filter((e) => e.unit.id === m.unit.id);
          const p = present.get(m.unit.id);
          const gone = p ? undefined : latestLeave(attendance.left.filter((e) => e.unit.id === m.unit.id));
          const undone = attendance.undone.filter((e) => e.unit.id === m.unit.id);
          const proxy = proxies.get(m.unit.id);
          const mine = viewer.represents.includes(m.unit.id);
          const canOnBehalf = !mine && viewer.isSecretary;
          // The chair corrects any unit's attendance, a representative their own (the server decides too).
          const corrects = open && (viewer.isChair || mine);
          const busy = busyUnit === m.unit.id;
          const latest = here.reduce<CheckInEntry | undefined>((a, e) => (!a || e.at > a.at ? e : a), undefined);
          const form = correcting?.unit === m.unit.id ? correcting.kind : null;
          return (
            <li
              key={m.unit.id}
              className={p ? 'room-unit is-present' : gone ? 'room-unit is-left' : 'room-unit'}
              data-unit={m.unit.name}
            >
              <span className="room-unit-name" id={`unit-${m.unit.id}`} tabIndex={-1}>
                {m.unit.name}
                {m.role === 'observer' && <span className="tag role-observer">{t('room.attendance.observer')}</span>}
              </span>
              <span className="room-unit-state">
                {p ? (
                  <>
                    <span className="room-state ok">{t('room.attendance.present')}</span>
                    {here.map((e) => (
                      <span key={e.id} className="muted small">
                        {e.onBehalf
                          ? t('room.attendance.byOther', {
                              name: e.recordedBy.name,
                              time: formatTime(e.at, i18n.language),
                            })
                          : t('room.attendance.byself', {
                              name: e.user?.name ?? e.recordedBy.name,
                              time: formatTime(e.at, i18n.language),
                            })}
                        {e.earlier.length > 0 && (
                          <>
                            {' · '}
                            {t('room.attendance.returned', {
                              left: formatTime(e.earlier.at(-1)!.leftAt, i18n.language),
                              back: formatTime(e.at, i18n.language),
                            })}
                          </>
                        )}
                      </span>
                    ))}
                    {here.some((e) => e.late && e.earlier.length === 0) && (
                      <span className="tag room-late">
                        {t('room.attendance.late', {
                          time: formatTime(here.find((e) => e.late)!.at, i18n.language),
                        })}
                      </span>
                    )}
                  </>
                ) : gone ? (
                  <>
                    <span className="room-state left">{t('room.attendance.left')}</span>
                    <span className="muted small">
                      {t('room.attendance.leftAt', { time: formatTime(gone.leftAt!, i18n.language) })}
                    </span>
                  </>
                ) : proxy ? (
                  <>
                    <span className="room-state proxy">{t('room.attendance.proxied')}</span>
                    <span className="muted small">
                      {t('room.attendance.proxiedTo', {
                        name: proxy.to.name,
                        time: formatTime(proxy.at, i18n.language),
                      })}
                    </span>
                  </>
                ) : (
                  <span className="room-state absent">{t('room.attendance.absent')}</span>
                )}
              </span>
              {!p && open && (mine || canOnBehalf) && (
                <button
                  type="button"
                  className={mine ? 'room-unit-action' : 'ghost room-unit-action'}
                  disabled={checkIn.pending}
                  aria-label={
                    mine
                      ? t('room.attendance.checkInFor', { unit: m.unit.name })
                      : t('room.attendance.onBehalfFor', { unit: m.unit.name })
                  }
                  onClick={() => onCheckIn(m.unit.id, !mine)}
                >
                  {busy && checkIn.queued
                    ? t('room.link.queuedTag')
                    : busy
                      ? t('room.attendance.checkingIn')
                      : gone
                        ? t('room.attendance.checkInAgain')
                        : mine
                          ? t('room.attendance.checkIn')
                          : t('room.attendance.onBehalf')}
                </button>
              )}
              {p && latest?.onBehalf && recent === m.unit.id && corrects && form === null && (
                <p className="room-recent" role="status">
                  <span>{t('room.attendance.onBehalfDone', { unit: m.unit.name })}</span>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('room.attendance.undoRecentFor', { unit: m.unit.name })}
                    onClick={() => {
                      setRecent(null);
                      setCorrecting({ unit: m.unit.id, kind: 'undo' });
                    }}
                  >
                    {t('room.attendance.undoRecent')}
                  </button>
                </p>
              )}
              {p && latest && corrects && form === null && (
                <span className="room-unit-actions">
                  <button
                    type="button"
                    className="ghost"
                    aria-label={t('room.attendance.leaveFor', { unit: m.unit.name })}
                    onClick={() => setCorrecting({ unit: m.unit.id, kind: 'leave' })}
                  >
                    {t('room.attendance.leave')}
                  </button>
                  <button
                    type="button"
                    className="ghost danger"
                    aria-label={t('room.attendance.undoFor', { unit: m.unit.name })}
                    onClick={() => setCorrecting({ unit: m.unit.id, kind: 'undo' })}
                  >
                    {t('room.attendance.undo')}
                  </button>
                </span>
              )}
              {p && latest && form === 'leave' && (
                <LeaveForm
                  unitId={m.unit.id}
                  unitName={m.unit.name}
                  arrivedAt={latest.at}
                  onDone={() => onCorrected(m.unit.id)}
                />
              )}
              {p && latest && form === 'undo' && <UndoForm entry={latest} onDone={() => onCorrected(m.unit.id)} />}
              {undone.length > 0 && (
                <ul className="plain-list room-undone">
                  {undone.map((e) => (
                    <li key={e.id} className="muted small">
                      {t('room.attendance.undoneLine', {
                        name: e.onBehalf ? e.recordedBy.name : (e.user?.name ?? e.recordedBy.name),
                        time: formatTime(e.at, i18n.language),
                        by: e.undone!.by.name,
                        reason: e.undone!.reason,
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {checkIn.error !== null && (
        <p role="alert" className="field-error">
          {errorMessage(t, checkIn.error)}
        </p>
      )}
      <ProxySection open={open} />
    </section>
  );
}

export function QuorumBar({ quorum }: { quorum: QuorumView }) {
  const { t } = useTranslation();
  const pct = (n: number) => `${quorum.eligible > 0 ? Math.min(100, (n / quorum.eligible) * 100) : 0}%`;
  return (
    <div className={quorum.reached ? 'quorum reached' : 'quorum'} data-testid="quorum">
      <div className="quorum-bar" aria-hidden="true">
        <span className="quorum-fill" style={{ width: pct(quorum.present) }} />
        <span className="quorum-mark" style={{ left: pct(quorum.required) }} />
      </div>
      <p className="quorum-text">
        <strong>
          {quorum.reached
            ? t('room.attendance.reached')
            : t('room.attendance.notReached', { missing: Math.max(0, quorum.required - quorum.present) })}
        </strong>
        <span className="dot-list">
          <span>
            {t('room.attendance.quorumLine', {
              present: quorum.present,
              eligible: quorum.eligible,
              required: quorum.required,
            })}
          </span>
          <span>{quorum.basis === 'unit' ? t('room.attendance.basisUnit') : t('room.attendance.basisMember')}</span>
        </span>
      </p>
    </div>
  );
}

/** 委托: a unit that cannot attend gives its vote for this meeting to another unit's representative. */
function ProxySection({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const { snapshot, viewer, votingUnits, emit } = useRoomContext();
  const { attendance } = snapshot;
  const meetingId = snapshot.meeting.id;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState(false);
  const give = useAction((fromUnitId: string, toUserId: string) =>
    emit('meeting:proxy', { meetingId, fromUnitId, toUserId }),
  );

  const given = new Set(attendance.proxies.map((p) => p.fromUnit.id));
  const presentUnits = new Set(attendance.present.map((p) => p.unit.id));
  const fromUnits = votingUnits.filter(
    (m) =>
      !given.has(m.unit.id) &&
      !presentUnits.has(m.unit.id) &&
      (viewer.isSecretary || viewer.represents.includes(m.unit.id)),
  );
  const holders = votingUnits
    .filter((m) => m.unit.id !== from)
    .flatMap((m) => m.representatives.map((r) => ({ ...r, unit: m.unit.name, key: `${m.unit.id}:${r.id}` })));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const ok = from !== '' && to !== '';
    setInvalid(!ok);
    if (!ok) return;
    if (await give.run(from, to)) {
      setDone(true);
      setFrom('');
      setTo('');
    }
  };

  return (
    <div className="room-proxy">
      <h3 className="room-sub">{t('room.proxy.title')}</h3>
      {attendance.proxies.length === 0 ? (
        <p className="muted small">{t('room.proxy.none')}</p>
      ) : (
        <ul className="plain-list small" data-testid="proxies">
          {attendance.proxies.map((p) => (
            <li key={p.fromUnit.id}>
              {t('room.proxy.given', { from: p.fromUnit.name, to: p.to.name, by: p.givenBy.name })}
            </li>
          ))}
        </ul>
      )}
      {open && fromUnits.length > 0 && (
        <details className="room-disclosure">
          <summary>{t('room.proxy.open')}</summary>
          <p className="muted small">{t('room.proxy.hint')}</p>
          <form className="room-form" onSubmit={onSubmit} noValidate>
            <label className="room-field">
              <span>{t('room.proxy.from')}</span>
              <select value={from} aria-invalid={invalid && !from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">{t('room.proxy.choose')}</option>
                {fromUnits.map((m) => (
                  <option key={m.unit.id} value={m.unit.id}>
                    {m.unit.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="room-field">
              <span>{t('room.proxy.to')}</span>
              <select value={to} aria-invalid={invalid && !to} onChange={(e) => setTo(e.target.value)}>
                <option value="">{t('room.proxy.choose')}</option>
                {holders.map((h) => (
                  <option key={h.key} value={h.id}>
                    {t('room.proxy.person', { name: h.name, unit: h.unit })}
                  </option>
                ))}
              </select>
            </label>
            {invalid && <p className="field-error">{t('room.proxy.needBoth')}</p>}
            <div className="room-actions">
              <button type="submit" disabled={give.pending}>
                {give.pending ? t('room.proxy.submitting') : t('room.proxy.submit')}
              </button>
              {done && (
                <span role="status" className="success">
                  {t('room.proxy.done')}
                </span>
              )}
            </div>
            {give.error !== null && (
              <p role="alert" className="field-error">
                {errorMessage(t, give.error)}
              </p>
            )}
          </form>
        </details>
      )}
    </div>
  );
}
