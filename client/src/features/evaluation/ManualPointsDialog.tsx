import { DEFAULT_TIME_ZONE, ManualPointsSchema, wallClock, type PointEntry, type Ref } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidencePicker } from '../actionItems/EvidencePicker.js';
import { useEvidenceUploads } from '../actionItems/useEvidenceUploads.js';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { formatPoints } from './pointsFormat.js';
import { postManual, usePointsMutation } from './pointsQueries.js';
import '../lists/lists.css';

/** Today on the Beijing calendar, as `<input type="date">` takes it. */
function today(): string {
  const c = wallClock(new Date(), DEFAULT_TIME_ZONE);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** 加分 / 扣分: a secretary's entry for a unit or a member, with a reason (audited). */
export function ManualPointsDialog({
  allianceId,
  units,
  members,
  onClose,
  onDone,
}: {
  allianceId: string;
  units: Ref[];
  members: Ref[];
  onClose: () => void;
  onDone: (entry: PointEntry) => void;
}) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<'unit' | 'member'>('unit');
  const [who, setWho] = useState('');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = usePointsMutation((body: unknown) => postManual(allianceId, body));
  // 佐证材料: each file uploads as soon as it is picked; the entry names them by id.
  const uploads = useEvidenceUploads(allianceId, { url: `/api/alliances/${allianceId}/points/evidence` });

  const value = Number(points);
  const choices = target === 'unit' ? units : members;
  const name = choices.find((c) => c.id === who)?.name;
  const valid = points.trim() !== '' && Number.isFinite(value) && value !== 0;
  const deduct = valid && value < 0;

  const validate = (): FieldErrors => {
    const out: FieldErrors = {};
    if (!who) out.who = target === 'unit' ? t('evaluation.manual.chooseUnit') : t('evaluation.manual.chooseMember');
    if (points.trim() === '') out.points = t('evaluation.manual.required');
    const parsed = ManualPointsSchema.safeParse({ [target]: who || undefined, points: value, reason, date });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field === 'points' && !out.points) out.points = value === 0 ? t('evaluation.manual.notZero') : t('evaluation.manual.badPoints');
        if (field === 'reason' && !out.reason) out.reason = t('evaluation.manual.required');
        if (field === 'date' && !out.date) out.date = t('evaluation.manual.badDate');
      }
    }
    return out;
  };

  return (
    <FormDialog
      open
      title={t('evaluation.manual.title')}
      submitLabel={valid ? (deduct ? t('evaluation.manual.submitDeduct') : t('evaluation.manual.submitAdd')) : t('evaluation.manual.submit')}
      cancelLabel={t('evaluation.manual.cancel')}
      pending={save.isPending || uploads.busy}
      error={formError}
      testId="manual-points"
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        const found = validate();
        setErrors(found);
        setFormError(null);
        if (Object.keys(found).length > 0) return;
        save.mutate(
          { [target]: who, points: value, reason: reason.trim(), date, evidence: uploads.ids },
          {
            onSuccess: (entry) => entry && onDone(entry),
            onError: (err) => {
              const { fields, form } = serverErrors(t, err);
              setErrors(fields.unit || fields.member ? { who: fields.unit ?? fields.member! } : fields);
              setFormError(form);
            },
          },
        );
      }}
    >
      <fieldset className="lists-field wide evaluation-choice">
        <legend>{t('evaluation.manual.target')}</legend>
        {(['unit', 'member'] as const).map((k) => (
          <label key={k} className="lists-check">
            <input
              type="radio"
              name="manual-target"
              value={k}
              checked={target === k}
              onChange={() => {
                setTarget(k);
                setWho('');
              }}
            />
            <span>{k === 'unit' ? t('evaluation.manual.targetUnit') : t('evaluation.manual.targetMember')}</span>
          </label>
        ))}
      </fieldset>
      <Field label={target === 'unit' ? t('evaluation.manual.unit') : t('evaluation.manual.member')} error={errors.who}>
        {(p) => (
          <select {...p} value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">{t('evaluation.manual.choose')}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('evaluation.manual.points')} error={errors.points} hint={t('evaluation.manual.pointsHint')}>
        {(p) => <input {...p} type="number" step="0.5" min="-100" max="100" value={points} onChange={(e) => setPoints(e.target.value)} />}
      </Field>
      <Field label={t('evaluation.manual.reason')} error={errors.reason} hint={t('evaluation.manual.reasonHint')} wide>
        {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field label={t('evaluation.manual.date')} error={errors.date}>
        {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <div className="lists-field wide">
        <EvidencePicker uploads={uploads} idPrefix="manual-points" legend={t('evaluation.manual.evidence')} />
      </div>
      {valid && name && (
        <p className="lists-field wide manual-confirm" data-testid="manual-confirm" aria-live="polite">
          {deduct
            ? t('evaluation.manual.confirmDeduct', { name, points: formatPoints(-value, i18n.language, false) })
            : t('evaluation.manual.confirmAdd', { name, points: formatPoints(value, i18n.language, false) })}
        </p>
      )}
    </FormDialog>
  );
}
