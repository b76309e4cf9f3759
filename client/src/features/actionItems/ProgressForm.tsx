import { acceptsProgress, ProgressReportSchema, type ActionItem, type Ref } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { EvidencePicker } from './EvidencePicker.js';
import { useReportPart } from './partQueries.js';
import { useReportProgress } from './queries.js';
import { useEvidenceUploads } from './useEvidenceUploads.js';
import './actionItems.css';

type FieldErrors = Partial<Record<'text' | 'percent' | 'attachments', string>>;

/**
 * 报送推进情况: the lead unit says what it did and how far along it is (checked with the server's
 * schema), with 佐证材料. With `part`, a cooperating unit reports on its own part instead.
 */
export function ProgressForm({
  item,
  part,
  initialPercent,
  onDone,
}: {
  item: ActionItem;
  part?: Ref;
  initialPercent?: number;
  /** Called once the report is in (a part's form closes). */
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const lead = useReportProgress(item.id);
  const partReport = useReportPart(item.id, part?.id ?? '');
  const report = part ? partReport : lead;
  const uploads = useEvidenceUploads(item.id);
  const prefix = part ? `ai-part-${part.id}` : 'ai-report';
  const [text, setText] = useState('');
  const [percent, setPercent] = useState(String(initialPercent ?? item.percent));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  if (!acceptsProgress(item.status)) return null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const parsed = ProgressReportSchema.safeParse({
      text,
      percent: percent.trim() === '' ? Number.NaN : Number(percent),
      attachments: uploads.ids,
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'text') {
          next.text = text.trim() === '' ? t('actionItems.report.textRequired') : t('actionItems.report.textTooLong');
        } else if (issue.path[0] === 'percent') {
          next.percent = t('actionItems.report.percentRange');
        }
      }
      setErrors(next);
      return;
    }
    if (uploads.busy || uploads.failed) {
      setErrors({ attachments: uploads.busy ? t('evidence.waitUploads') : t('evidence.dropUnsent') });
      return;
    }
    setErrors({});
    report.mutate(parsed.data, {
      onSuccess: () => {
        setText('');
        uploads.clear();
        setDone(true);
        onDone?.();
      },
    });
  };

  const Wrapper = part ? 'div' : 'section';
  return (
    <Wrapper className={part ? 'ai-part-form' : 'card'} aria-labelledby={prefix}>
      {part ? (
        <h4 id={prefix}>{t('actionItemParts.reportTitle', { unit: part.name })}</h4>
      ) : (
        <h2 id={prefix}>{t('actionItems.report.title')}</h2>
      )}
      <form className="form ai-form" onSubmit={onSubmit} noValidate>
        <div className={errors.text ? 'ai-field invalid' : 'ai-field'}>
          <label htmlFor={`${prefix}-text`}>{t('actionItems.report.text')}</label>
          <textarea
            id={`${prefix}-text`}
            name="text"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={errors.text ? `${prefix}-text-error` : `${prefix}-text-hint`}
          />
          {errors.text ? (
            <span id={`${prefix}-text-error`} className="field-error">
              {errors.text}
            </span>
          ) : (
            <span id={`${prefix}-text-hint`} className="muted small">
              {t('actionItems.report.textHint')}
            </span>
          )}
        </div>
        <div className={errors.percent ? 'ai-field ai-percent-field invalid' : 'ai-field ai-percent-field'}>
          <label htmlFor={`${prefix}-percent`}>{part ? t('actionItemParts.percentLabel') : t('actionItems.report.percent')}</label>
          <input
            id={`${prefix}-percent`}
            name="percent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            aria-invalid={errors.percent ? true : undefined}
            aria-describedby={errors.percent ? `${prefix}-percent-error` : undefined}
          />
          {errors.percent && (
            <span id={`${prefix}-percent-error`} className="field-error">
              {errors.percent}
            </span>
          )}
        </div>
        <EvidencePicker uploads={uploads} idPrefix={prefix} />
        {errors.attachments && (
          <span role="alert" className="field-error">
            {errors.attachments}
          </span>
        )}
        <div className="form-actions">
          <button type="submit" disabled={report.isPending}>
            {report.isPending ? t('actionItems.report.submitting') : t('actionItems.report.submit')}
          </button>
          {done && (
            <span role="status" className="success">
              {t('actionItems.report.done')}
            </span>
          )}
          {report.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, report.error)}
            </span>
          )}
        </div>
      </form>
    </Wrapper>
  );
}
