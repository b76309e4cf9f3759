import {
  ServiceRegistrationInputSchema,
  ServiceRegistrationSchema,
  type Ref,
  type ServiceRegistration,
} from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useMe } from '../auth/useMe.js';
import { Field } from '../lists/fields.js';
import { formatHours, issuesToErrors, serverIssues, splitTags, type PathErrors } from './issues.js';
import { useRegistrations, useServiceMutation } from './queries.js';

/** 我的报到: the viewer's registration with a community (or the form to register), and their hours. */
export function MyRegistrationPanel({ allianceId, communities }: { allianceId: string; communities: Ref[] }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const registrations = useRegistrations(allianceId);
  return (
    <QueryState query={registrations}>
      {(r) => {
        const mine = r.items.filter((x) => x.member.id === me.user.id);
        const active = mine.find((x) => x.endedAt === null);
        const earlier = mine.filter((x) => x.endedAt !== null);
        const total = mine.reduce((sum, x) => sum + x.hours, 0);
        return (
          <div className="service-mine">
            <p className="service-total" data-testid="my-hours">
              <span className="muted">{t('people.register.totalHours')}</span>{' '}
              <strong>{t('people.register.hoursValue', { hours: formatHours(total, i18n.language) })}</strong>
            </p>
            {active ? (
              <ActiveRegistration registration={active} />
            ) : (
              <RegisterForm allianceId={allianceId} communities={communities} />
            )}
            {earlier.length > 0 && (
              <section aria-labelledby="service-history">
                <h2 id="service-history">{t('people.register.history')}</h2>
                <ul className="plain-list service-history">
                  {earlier.map((x) => (
                    <li key={x.id}>
                      <strong>{x.community.name}</strong>{' '}
                      <span className="muted">
                        {formatShortDateTime(x.registeredAt, i18n.language)} –{' '}
                        {formatShortDateTime(x.endedAt!, i18n.language)}
                      </span>{' '}
                      {t('people.register.hours', { hours: formatHours(x.hours, i18n.language) })}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {me.unit && (
              <p>
                <Link to={`/units/${me.unit.id}/service`}>{t('people.service.unitServiceLink')}</Link>
              </p>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}

function ActiveRegistration({ registration: r }: { registration: ServiceRegistration }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const end = useServiceMutation(() =>
    send('POST', `/api/service/registrations/${r.id}/end`, {}, ServiceRegistrationSchema),
  );
  return (
    <section className="card service-registration" aria-labelledby="my-registration" data-testid="my-registration">
      <div className="section-head">
        <h2 id="my-registration">{t('people.register.mine')}</h2>
        <span className="tag service-status-open">{t('people.register.active')}</span>
      </div>
      <p className="service-registration-community">{r.community.name}</p>
      <ul className="plain-list service-registration-facts">
        <li>{t('people.register.registeredAt', { time: formatShortDateTime(r.registeredAt, i18n.language) })}</li>
        <li>
          {r.workUnit ? t('people.register.workUnit', { unit: r.workUnit.name }) : t('people.register.noWorkUnit')}
        </li>
        {r.skills.length > 0 && (
          <li>
            {r.skills.map((s) => (
              <span key={s} className="tag">
                {s}
              </span>
            ))}
          </li>
        )}
        <li>{t('people.register.hours', { hours: formatHours(r.hours, i18n.language) })}</li>
      </ul>
      <div className="form-actions">
        <button type="button" className="ghost danger" onClick={() => setConfirming(true)}>
          {t('people.register.end')}
        </button>
      </div>
      <ModalDialog
        className="lists-confirm"
        open={confirming}
        title={t('people.register.endTitle')}
        confirmLabel={t('people.register.endConfirm')}
        closeLabel={t('people.register.cancel')}
        pending={end.isPending}
        error={end.isError ? errorMessage(t, end.error) : null}
        onConfirm={() => end.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => setConfirming(false)}
      >
        <p>{t('people.register.endText', { community: r.community.name })}</p>
      </ModalDialog>
    </section>
  );
}

function RegisterForm({ allianceId, communities }: { allianceId: string; communities: Ref[] }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ community: '', skills: '', phone: '', note: '' });
  const [errors, setErrors] = useState<PathErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const register = useServiceMutation((body: unknown) =>
    send('POST', `/api/alliances/${allianceId}/service/registrations`, body, ServiceRegistrationSchema),
  );
  const set = (k: keyof typeof v, value: string) => setV((o) => ({ ...o, [k]: value }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = { community: v.community, skills: splitTags(v.skills), phone: v.phone, note: v.note };
    const words = { data: body, selects: ['community'] };
    const parsed = ServiceRegistrationInputSchema.safeParse(body);
    if (!parsed.success) return setErrors(issuesToErrors(t, parsed.error.issues, words));
    setErrors({});
    setFormError(null);
    register.mutate(parsed.data, {
      onError: (err) => {
        const s = serverIssues(t, err, words);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };
  const skillsError = errors.skills ?? Object.entries(errors).find(([k]) => k.startsWith('skills.'))?.[1];
  return (
    <section className="card" aria-labelledby="register-heading">
      <h2 id="register-heading">{t('people.register.heading')}</h2>
      <p className="muted">{t('people.register.lead')}</p>
      {communities.length === 0 ? (
        <p className="muted">{t('people.register.noCommunities')}</p>
      ) : (
        <form className="lists-form service-form" onSubmit={onSubmit} noValidate data-testid="register-form">
          <div className="lists-form-grid">
            <Field label={t('people.register.community')} error={errors.community}>
              {(p) => (
                <select {...p} value={v.community} onChange={(e) => set('community', e.target.value)}>
                  <option value="">{t('people.register.chooseCommunity')}</option>
                  {communities.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('people.register.phone')} error={errors.phone}>
              {(p) => (
                <input
                  {...p}
                  type="tel"
                  autoComplete="tel"
                  value={v.phone}
                  maxLength={30}
                  onChange={(e) => set('phone', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('people.register.skills')} error={skillsError} hint={t('people.register.skillsHint')} wide>
              {(p) => <input {...p} value={v.skills} onChange={(e) => set('skills', e.target.value)} />}
            </Field>
            {splitTags(v.skills).length > 0 && (
              <p className="wide service-tags" aria-hidden="true">
                {splitTags(v.skills).map((s) => (
                  <span key={s} className="tag">
                    {s}
                  </span>
                ))}
              </p>
            )}
            <Field label={t('people.register.note')} error={errors.note} wide>
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={v.note}
                  maxLength={500}
                  onChange={(e) => set('note', e.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" disabled={register.isPending}>
              {register.isPending ? t('people.register.submitting') : t('people.register.submit')}
            </button>
            {formError && (
              <span role="alert" className="field-error">
                {formError}
              </span>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
