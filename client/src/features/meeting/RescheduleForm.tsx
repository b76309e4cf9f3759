import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MeetingDetailSchema, MeetingRescheduleSchema, type MeetingDetail } from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './meeting.css';
import { ApiRequestError, send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { fromLocalInputValue, toLocalInputValue } from '../../lib/format.js';

type Field = 'scheduledAt' | 'place' | 'reason';
type FieldProps = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/**
 * 改期: a scheduled meeting moves to another time (and perhaps place). The member units' open
 * screens are told by the server; the audit keeps the old time and the reason.
 */
export function RescheduleForm({ meeting, onDone }: { meeting: MeetingDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [scheduledAt, setScheduledAt] = useState(() => toLocalInputValue(new Date(meeting.scheduledAt)));
  const [place, setPlace] = useState(meeting.place);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const reschedule = useMutation({
    mutationFn: (body: unknown) => send('POST', `/api/meetings/${meeting.id}/reschedule`, body, MeetingDetailSchema),
    onSuccess: async (m) => {
      queryClient.setQueryData(['meeting', meeting.id], m);
      await queryClient.invalidateQueries({ queryKey: ['alliance', meeting.alliance] });
      onDone();
    },
    onError: (err) => {
      // A refusal that names a field (a time in the past, no change) goes under that field.
      const field = err instanceof ApiRequestError ? (err.details as { field?: string } | undefined)?.field : undefined;
      if (field === 'scheduledAt') setErrors({ scheduledAt: t('meeting.reschedule.unchanged') });
      if (field === 'place') setErrors({ place: t('meeting.reschedule.needPlace') });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const at = scheduledAt ? fromLocalInputValue(scheduledAt) : null;
    const body = {
      scheduledAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : '',
      ...(place !== meeting.place ? { place } : {}),
      ...(reason.trim() ? { reason } : {}),
    };
    const parsed = MeetingRescheduleSchema.safeParse(body);
    const next: Partial<Record<Field, string>> = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Field;
        next[key] = key === 'scheduledAt' ? t('meeting.reschedule.needTime') : t('errors.VALIDATION');
      }
    } else if (parsed.data.scheduledAt.getTime() <= Date.now()) {
      next.scheduledAt = t('meeting.reschedule.past');
    } else if (place.trim() === '' && !meeting.onlineLink) {
      next.place = t('meeting.reschedule.needPlace');
    } else if (parsed.data.scheduledAt.toISOString() === meeting.scheduledAt && place === meeting.place) {
      next.scheduledAt = t('meeting.reschedule.unchanged');
    }
    setErrors(next);
    if (Object.keys(next).length === 0) reschedule.mutate(body);
  };

  const field = (k: Field, label: string, input: (p: FieldProps) => ReactNode) => (
    <div className={errors[k] ? 'field invalid' : 'field'}>
      <label htmlFor={`rs-${k}`}>{label}</label>
      {input({
        id: `rs-${k}`,
        'aria-invalid': errors[k] !== undefined,
        'aria-describedby': errors[k] ? `rs-${k}-err` : undefined,
      })}
      {errors[k] && (
        <span className="field-error" id={`rs-${k}-err`}>
          {errors[k]}
        </span>
      )}
    </div>
  );

  return (
    <section className="reschedule" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">{t('meeting.reschedule.title')}</h2>
      <p className="muted small">{t('meeting.reschedule.hint')}</p>
      <form className="form grid" onSubmit={onSubmit} noValidate>
        {field('scheduledAt', t('meeting.reschedule.scheduledAt'), (p) => (
          <input
            ref={first}
            type="datetime-local"
            value={scheduledAt}
            onChange={(e) => setScheduledAt(e.target.value)}
            {...p}
          />
        ))}
        {field('place', t('meeting.reschedule.place'), (p) => (
          <input value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} {...p} />
        ))}
        {field('reason', t('meeting.reschedule.reason'), (p) => (
          <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} {...p} />
        ))}
        <div className="form-actions">
          <button type="submit" disabled={reschedule.isPending}>
            {reschedule.isPending ? t('meeting.reschedule.submitting') : t('meeting.reschedule.submit')}
          </button>
          <button type="button" className="ghost" onClick={onDone}>
            {t('meeting.reschedule.cancel')}
          </button>
          {reschedule.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, reschedule.error)}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
