import { ServiceActivityInputSchema, ServiceActivitySchema, type Ref } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { send } from '../../lib/api.js';
import { fromLocalInputValue } from '../../lib/format.js';
import { Field, FormDialog } from '../lists/fields.js';
import { issuesToErrors, serverIssues, splitTags, type PathErrors } from './issues.js';
import { useServiceMutation } from './queries.js';

/** 发布服务活动: a community's activity — when, where, for how long, how many people, which skills. */
export function ActivityForm({ communities, onClose }: { communities: Ref[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { id: allianceId = '' } = useParams();
  const navigate = useNavigate();
  const [v, setV] = useState({
    community: communities.length === 1 ? communities[0]!.id : '',
    title: '',
    description: '',
    startsAt: '',
    hours: '2',
    place: '',
    needed: '5',
    skills: '',
  });
  const [errors, setErrors] = useState<PathErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const publish = useServiceMutation((body: unknown) =>
    send('POST', `/api/alliances/${allianceId}/service/activities`, body, ServiceActivitySchema),
  );
  const set = (k: keyof typeof v, value: string) => setV((o) => ({ ...o, [k]: value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = v.startsAt ? fromLocalInputValue(v.startsAt) : null;
    const body = {
      community: v.community,
      title: v.title,
      description: v.description,
      startsAt: startsAt && !Number.isNaN(startsAt.getTime()) ? startsAt.toISOString() : '',
      hours: v.hours.trim() === '' ? Number.NaN : Number(v.hours),
      place: v.place,
      needed: v.needed.trim() === '' ? Number.NaN : Number(v.needed),
      skills: splitTags(v.skills),
    };
    const words = {
      data: body,
      selects: ['community'],
      special: { hours: t('people.form.hoursRange'), needed: t('people.form.neededRange') },
    };
    const parsed = ServiceActivityInputSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(t, parsed.error.issues, words));
      return;
    }
    setErrors({});
    setFormError(null);
    publish.mutate(parsed.data, {
      onSuccess: (a) => a && navigate(`/service-activities/${a.id}`),
      onError: (err) => {
        const s = serverIssues(t, err, words);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };
  const skillsError = errors.skills ?? Object.entries(errors).find(([k]) => k.startsWith('skills.'))?.[1];

  return (
    <FormDialog
      open
      title={t('people.form.title')}
      submitLabel={t('people.form.submit')}
      cancelLabel={t('people.form.cancel')}
      pending={publish.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="activity-form"
    >
      <Field label={t('people.form.community')} error={errors.community}>
        {(p) => (
          <select {...p} value={v.community} onChange={(e) => set('community', e.target.value)}>
            {communities.length !== 1 && <option value="">{t('people.register.chooseCommunity')}</option>}
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('people.form.activityTitle')} error={errors.title}>
        {(p) => <input {...p} value={v.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('people.form.description')} error={errors.description} wide>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={v.description}
            maxLength={3000}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('people.form.startsAt')} error={errors.startsAt}>
        {(p) => (
          <input {...p} type="datetime-local" value={v.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
        )}
      </Field>
      <Field label={t('people.form.place')} error={errors.place}>
        {(p) => <input {...p} value={v.place} maxLength={200} onChange={(e) => set('place', e.target.value)} />}
      </Field>
      <Field label={t('people.form.hours')} error={errors.hours} hint={t('people.form.hoursHint')}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="decimal"
            min={0.5}
            max={24}
            step={0.5}
            value={v.hours}
            onChange={(e) => set('hours', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('people.form.needed')} error={errors.needed}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            step={1}
            value={v.needed}
            onChange={(e) => set('needed', e.target.value)}
          />
        )}
      </Field>
      <Field label={t('people.form.skills')} error={skillsError} hint={t('people.form.skillsHint')} wide>
        {(p) => <input {...p} value={v.skills} onChange={(e) => set('skills', e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
