import { acceptsProgress, ProgressReportSchema, type ActionItem } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useReportProgress } from './queries.js';
import './actionItems.css';

type FieldErrors = Partial<Record<'text' | 'percent', string>>;

/** 报送推进情况: the lead unit says what it did and how far along it is (checked with the server's schema). */
export function ProgressForm({ item }: { item: ActionItem }) {
  const { t } = useTranslation();
  const report = useReportProgress(item.id);
  const [text, setText] = useState('');
  const [percent, setPercent] = useState(String(item.percent));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);
  if (!acceptsProgress(item.status)) return null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const parsed = ProgressReportSchema.safeParse({
      text,
      percent: percent.trim() === '' ? Number.NaN : Number(percent),
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
    setErrors({});
    report.mutate(parsed.data, {
      onSuccess: () => {
        setText('');
        setDone(true);
      },
    });
  };

  return (
    <section className="card" aria-labelledby="ai-report">
      <h2 id="ai-report">{t('actionItems.report.title')}</h2>
      <form className="form ai-form" onSubmit={onSubmit} noValidate>
        <div className={errors.text ? 'ai-field invalid' : 'ai-field'}>
          <label htmlFor="ai-report-text">{t('actionItems.report.text')}</label>
          <textarea
            id="ai-report-text"
            name="text"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={errors.text ? 'ai-report-text-error' : 'ai-report-text-hint'}
          />
          {errors.text ? (
            <span id="ai-report-text-error" className="field-error">
              {errors.text}
            </span>
          ) : (
            <span id="ai-report-text-hint" className="muted small">
              {t('actionItems.report.textHint')}
            </span>
          )}
        </div>
        <div className={errors.percent ? 'ai-field ai-percent-field invalid' : 'ai-field ai-percent-field'}>
          <label htmlFor="ai-report-percent">{t('actionItems.report.percent')}</label>
          <input
            id="ai-report-percent"
            name="percent"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            aria-invalid={errors.percent ? true : undefined}
            aria-describedby={errors.percent ? 'ai-report-percent-error' : undefined}
          />
          {errors.percent && (
            <span id="ai-report-percent-error" className="field-error">
              {errors.percent}
            </span>
          )}
        </div>
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
    </section>
  );
}
