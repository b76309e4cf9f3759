import { ServiceCancelSchema, ServiceCheckInSchema, type ServiceActivity } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatShortDateTime } from '../../lib/format.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { formatHours } from './issues.js';
import { postActivity, useActivity, useServiceMutation } from './queries.js';
import { SignupButtons } from './SignupButtons.js';
import '../lists/lists.css';
import './people.css';

/** A service activity (/service-activities/:id): its details, sign-ups and — for its organizers — check-in, 完成, 取消. */
export default function ActivityPage() {
  const { id = '' } = useParams();
  const activity = useActivity(id);
  return <QueryState query={activity}>{(a) => <ActivityView activity={a} />}</QueryState>;
}

function ActivityView({ activity: a }: { activity: ServiceActivity }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="page service-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${a.alliance.id}`}>{a.alliance.name}</Link>
          {' · '}
          <Link to={`/alliances/${a.alliance.id}/service`}>{t('people.activity.back')}</Link>
        </p>
        <h1>{a.title}</h1>
        <p className="tags">
          <span className={`tag service-status-${a.status}`} data-testid="activity-status">
            {t(`people.service.status.${a.status}`)}
          </span>
          <span className="muted">{t('people.service.signedUp', { count: a.signups.length, needed: a.needed })}</span>
        </p>
      </header>
      <EvaluationTabs allianceId={a.alliance.id} current="service" />
      {a.status === 'cancelled' && (
        <p role="note" className="alert">
          {t('people.activity.cancelledNote')}
        </p>
      )}
      {a.status === 'completed' && (
        <p role="note" className="service-note">
          {t('people.activity.completedNote')}
        </p>
      )}
      <div className="stack">
        <div className="column">
          <section className="card" aria-labelledby="activity-details">
            <h2 id="activity-details">{t('people.activity.details')}</h2>
            <dl className="service-facts">
              <div>
                <dt>{t('people.activity.organizer')}</dt>
                <dd>{a.community.name}</dd>
              </div>
              <div>
                <dt>{t('people.service.time')}</dt>
                <dd>
                  {formatDateTime(a.startsAt, i18n.language)} ·{' '}
                  {t('people.service.plannedHours', { hours: formatHours(a.hours, i18n.language) })}
                </dd>
              </div>
              <div>
                <dt>{t('people.service.place')}</dt>
                <dd>{a.place}</dd>
              </div>
              <div>
                <dt>{t('people.service.needed')}</dt>
                <dd>{a.needed}</dd>
              </div>
              <div>
                <dt>{t('people.service.skills')}</dt>
                <dd>
                  {a.skills.length === 0
                    ? t('people.service.noSkills')
                    : a.skills.map((s) => (
                        <span key={s} className="tag">
                          {s}
                        </span>
                      ))}
                </dd>
              </div>
              <div>
                <dt>{t('people.activity.description')}</dt>
                <dd className="service-description">{a.description || t('people.activity.noDescription')}</dd>
              </div>
            </dl>
            <SignupButtons activity={a} />
          </section>
        </div>
        <div className="column">
          <section className="card" aria-labelledby="activity-signups">
            <h2 id="activity-signups">{t('people.activity.signups')}</h2>
            {a.signups.length === 0 ? (
              <p className="muted">{t('people.activity.noSignups')}</p>
            ) : (
              <ul className="plain-list service-signups" data-testid="activity-signups">
                {a.signups.map((s) => (
                  <SignupRow key={s.member.id} activity={a} signup={s} />
                ))}
              </ul>
            )}
          </section>
          {a.can.manage && a.status === 'open' && <OrganizerActions activity={a} />}
        </div>
      </div>
    </div>
  );
}

function SignupRow({
  activity: a,
  signup: s,
}: {
  activity: ServiceActivity;
  signup: ServiceActivity['signups'][number];
}) {
  const { t, i18n } = useTranslation();
  const [hours, setHours] = useState(String(a.hours));
  const [error, setError] = useState<string | null>(null);
  const checkIn = useServiceMutation((body: unknown) => postActivity(`${a.id}/checkins`, body));
  const inputId = `checkin-${s.member.id}`;
  const onRecord = () => {
    const parsed = ServiceCheckInSchema.safeParse({
      member: s.member.id,
      hours: hours.trim() === '' ? Number.NaN : Number(hours),
    });
    if (!parsed.success) return setError(t('people.activity.hoursInvalid'));
    setError(null);
    checkIn.mutate(parsed.data, { onError: (err) => setError(errorMessage(t, err)) });
  };
  return (
    <li className="service-signup-row" data-testid="signup-row">
      <div className="service-signup-who">
        <strong>{s.member.name}</strong>
        <span className="muted small">
          {s.workUnit?.name ?? '—'} · {t('people.activity.signedUpAt')}{' '}
          {formatShortDateTime(s.signedUpAt, i18n.language)}
        </span>
      </div>
      {s.checkedInAt !== null ? (
        <span className="tag service-status-completed">
          {t('people.activity.checkedIn', { hours: formatHours(s.hours ?? 0, i18n.language) })}
        </span>
      ) : a.can.manage && a.status === 'open' ? (
        <div className={error ? 'service-checkin invalid' : 'service-checkin'}>
          <label htmlFor={inputId}>{t('people.activity.hoursFor', { name: s.member.name })}</label>
          <div className="service-checkin-row">
            <input
              id={inputId}
              type="number"
              inputMode="decimal"
              min={0}
              max={24}
              step={0.5}
              value={hours}
              aria-invalid={error !== null}
              aria-describedby={error ? `${inputId}-err` : undefined}
              onChange={(e) => setHours(e.target.value)}
            />
            <button type="button" onClick={onRecord} disabled={checkIn.isPending}>
              {t('people.activity.record')}
            </button>
          </div>
          {error && (
            <span className="field-error" id={`${inputId}-err`}>
              {error}
            </span>
          )}
        </div>
      ) : (
        <span className="muted small">{t('people.activity.notCheckedIn')}</span>
      )}
    </li>
  );
}

function OrganizerActions({ activity: a }: { activity: ServiceActivity }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'complete' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const act = useServiceMutation(({ path, body }: { path: string; body?: unknown }) =>
    postActivity(`${a.id}/${path}`, body),
  );
  const close = () => {
    setOpen(null);
    act.reset();
  };
  const onCancel = () => {
    if (!ServiceCancelSchema.safeParse({ reason }).success) return setReasonError(t('people.activity.reasonRequired'));
    setReasonError(null);
    act.mutate({ path: 'cancel', body: { reason } }, { onSuccess: close });
  };
  return (
    <div className="card service-organizer">
      <div className="form-actions">
        <button type="button" onClick={() => setOpen('complete')}>
          {t('people.activity.complete')}
        </button>
        <button type="button" className="ghost danger" onClick={() => setOpen('cancel')}>
          {t('people.activity.cancelActivity')}
        </button>
      </div>
      <ModalDialog
        className="lists-confirm"
        open={open === 'complete'}
        title={t('people.activity.completeTitle')}
        confirmLabel={t('people.activity.complete')}
        closeLabel={t('people.activity.close')}
        tone="primary"
        pending={act.isPending}
        error={act.isError ? errorMessage(t, act.error) : null}
        onConfirm={() => act.mutate({ path: 'complete' }, { onSuccess: close })}
        onClose={close}
      >
        <p>{t('people.activity.completeText')}</p>
      </ModalDialog>
      <ModalDialog
        className="lists-confirm"
        open={open === 'cancel'}
        title={t('people.activity.cancelTitle')}
        confirmLabel={t('people.activity.cancelActivity')}
        closeLabel={t('people.activity.keep')}
        pending={act.isPending}
        error={act.isError ? errorMessage(t, act.error) : null}
        onConfirm={onCancel}
        onClose={close}
      >
        <p>{t('people.activity.cancelText')}</p>
        <div className={reasonError ? 'lists-field invalid' : 'lists-field'}>
          <label htmlFor="cancel-reason">{t('people.activity.reason')}</label>
          <textarea
            id="cancel-reason"
            rows={3}
            maxLength={500}
            value={reason}
            aria-invalid={reasonError !== null}
            aria-describedby={reasonError ? 'cancel-reason-err' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {reasonError && (
            <span className="field-error" id="cancel-reason-err">
              {reasonError}
            </span>
          )}
        </div>
      </ModalDialog>
    </div>
  );
}
