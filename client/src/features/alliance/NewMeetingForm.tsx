import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MeetingCreateSchema, MeetingSchema, type Alliance } from '@tongxin/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/format.js';
import { meetingOrdinal } from '@tongxin/shared';

function defaultStart(): string {
  // Next week, same weekday, 14:30: a typical slot for a monthly joint meeting.
  const d = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  d.setHours(14, 30, 0, 0);
  return toLocalInputValue(d);
}

interface FieldProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

const EMPTY = { title: '', scheduledAt: '', durationMinutes: '90', place: '', onlineLink: '', convenerUnit: '' };
type Fields = typeof EMPTY;

/** Drafts a meeting; the shared schema the server uses validates it here first. */
export function NewMeetingForm({ alliance }: { alliance: Alliance }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => ({ ...EMPTY, scheduledAt: defaultStart() }));
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [k]: e.target.value });

  const create = useMutation({
    mutationFn: (body: unknown) => send('POST', `/api/alliances/${alliance.id}/meetings`, body, MeetingSchema),
    onSuccess: async (m) => {
      setDone(t('meeting.form.created', { seq: meetingOrdinal(m!.seq, i18n.language) }));
      setFields({ ...EMPTY, scheduledAt: defaultStart() });
      await queryClient.invalidateQueries({ queryKey: ['alliance', alliance.id] });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const body = {
      title: fields.title,
      scheduledAt: fields.scheduledAt ? fromLocalInputValue(fields.scheduledAt).toISOString() : '',
      durationMinutes: Number(fields.durationMinutes),
      place: fields.place,
      ...(fields.onlineLink ? { onlineLink: fields.onlineLink } : {}),
      ...(fields.convenerUnit ? { convenerUnit: fields.convenerUnit } : {}),
    };
    const parsed = MeetingCreateSchema.safeParse(body);
    if (!parsed.success) {
      const next: Partial<Record<keyof Fields, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Fields;
        next[key] =
          key === 'place'
            ? t('meeting.form.needPlace')
            : key === 'onlineLink'
              ? t('meeting.form.webLinkOnly')
              : t('errors.VALIDATION');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(body);
  };

  /** A labelled field whose error is announced with it but is not part of its name. */
  const field = (k: keyof Fields, label: string, input: (props: FieldProps) => ReactNode) => (
    <div className={errors[k] ? 'field invalid' : 'field'}>
      <label htmlFor={`nm-${k}`}>{label}</label>
      {input({
        id: `nm-${k}`,
        'aria-invalid': errors[k] !== undefined,
        'aria-describedby': errors[k] ? `nm-${k}-err` : undefined,
      })}
      {errors[k] && (
        <span className="field-error" id={`nm-${k}-err`}>
          {errors[k]}
        </span>
      )}
    </div>
  );

  return (
    <section className="card" aria-labelledby="new-meeting">
      <h2 id="new-meeting">{t('alliance.newMeeting')}</h2>
      <form className="form grid" onSubmit={onSubmit} noValidate>
        {field('title', t('meeting.form.title'), (p) => (
          <input value={fields.title} onChange={set('title')} maxLength={200} {...p} />
        ))}
        {field('scheduledAt', t('meeting.form.scheduledAt'), (p) => (
          <input type="datetime-local" value={fields.scheduledAt} onChange={set('scheduledAt')} {...p} />
        ))}
        {field('durationMinutes', t('meeting.form.durationMinutes'), (p) => (
          <input
            type="number"
            min={5}
            max={1440}
            step={5}
            value={fields.durationMinutes}
            onChange={set('durationMinutes')}
            {...p}
          />
        ))}
        {field('convenerUnit', t('meeting.form.convenerUnit'), (p) => (
          <select value={fields.convenerUnit} onChange={set('convenerUnit')} {...p}>
            <option value="">{t('meeting.form.convenerDefault', { unit: alliance.nextConvener?.name ?? '—' })}</option>
            {alliance.memberships
              .filter((m) => m.role !== 'observer')
              .map((m) => (
                <option key={m.unit.id} value={m.unit.id}>
                  {m.unit.name}
                </option>
              ))}
          </select>
        ))}
        {field('place', t('meeting.form.place'), (p) => (
          <input value={fields.place} onChange={set('place')} maxLength={200} {...p} />
        ))}
        {field('onlineLink', t('meeting.form.onlineLink'), (p) => (
          <input type="url" inputMode="url" value={fields.onlineLink} onChange={set('onlineLink')} {...p} />
        ))}
        <div className="form-actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('meeting.form.submitting') : t('meeting.form.submit')}
          </button>
          {create.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, create.error)}
            </span>
          )}
          {done && (
            <span role="status" className="success">
              {done}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
