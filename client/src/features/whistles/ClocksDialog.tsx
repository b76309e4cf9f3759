import { WhistleClocksSchema, type WhistleClocks } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormDialog, serverErrors } from '../lists/fields.js';
import { putClocks, useWhistleMutation } from './queries.js';

/** 吹哨时限设置: a secretary's small section for the alliance's clocks. */
export function ClocksDialog({ allianceId, clocks, onClose }: { allianceId: string; clocks: WhistleClocks; onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    ackWorkingHours: String(clocks.ackWorkingHours),
    contactHours: String(clocks.contactHours),
    reportWorkingDaysUrgent: String(clocks.reportWorkingDaysUrgent),
    reportWorkingDaysNormal: String(clocks.reportWorkingDaysNormal),
    reopenDays: String(clocks.reopenDays),
    periods: clocks.workingPeriods.map((p) => ({ ...p })),
  });
  const [error, setError] = useState<string | null>(null);
  const save = useWhistleMutation((body: unknown) => putClocks(allianceId, body));
  const num = (k: 'ackWorkingHours' | 'contactHours' | 'reportWorkingDaysUrgent' | 'reportWorkingDaysNormal' | 'reopenDays', label: string) => (
    <Field label={label}>
      {(p) => <input {...p} type="number" inputMode="decimal" min={0} value={v[k]} onChange={(e) => setV((o) => ({ ...o, [k]: e.target.value }))} />}
    </Field>
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = WhistleClocksSchema.safeParse({
      ackWorkingHours: Number(v.ackWorkingHours),
      contactHours: Number(v.contactHours),
      reportWorkingDaysUrgent: Number(v.reportWorkingDaysUrgent),
      reportWorkingDaysNormal: Number(v.reportWorkingDaysNormal),
      reopenDays: Number(v.reopenDays),
      workingPeriods: v.periods,
    });
    if (!parsed.success) {
      setError(t('whistles.form.invalid'));
      return;
    }
    save.mutate(parsed.data, { onSuccess: onClose, onError: (err) => setError(serverErrors(t, err).form ?? t('whistles.form.invalid')) });
  };
  return (
    <FormDialog
      open
      title={t('whistles.clocks.title')}
      submitLabel={t('whistles.clocks.save')}
      cancelLabel={t('whistles.form.cancel')}
      pending={save.isPending}
      error={error}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="whistle-clocks"
    >
      <p className="muted small lists-field wide">{t('whistles.clocks.intro')}</p>
      {num('ackWorkingHours', t('whistles.clocks.ackWorkingHours'))}
      {num('contactHours', t('whistles.clocks.contactHours'))}
      {num('reportWorkingDaysUrgent', t('whistles.clocks.reportUrgent'))}
      {num('reportWorkingDaysNormal', t('whistles.clocks.reportNormal'))}
      {v.periods.map((p, i) => (
        <fieldset key={i} className="lists-field whistles-period">
          <legend>{i === 0 ? t('whistles.clocks.morning') : t('whistles.clocks.afternoon')}</legend>
          {(['from', 'to'] as const).map((k) => (
            <label key={k}>
              <span>{t(`whistles.clocks.${k}`)}</span>
              <input
                type="time"
                value={p[k]}
                onChange={(e) => setV((o) => ({ ...o, periods: o.periods.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)) }))}
              />
            </label>
          ))}
        </fieldset>
      ))}
      {num('reopenDays', t('whistles.clocks.reopenDays'))}
    </FormDialog>
  );
}
