import { APPRAISAL_GRADES, type AppraisalCriterion, type AppraisalGrade } from '@tongxin/shared';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A grade, a typed score (kept as text while typed), or nothing yet. */
export type ScoreValue = AppraisalGrade | string;
export interface ReportDraft {
  scores: Record<string, ScoreValue>;
  comment: string;
}
export type ScoringDraft = Record<string, ReportDraft>;

const isGrade = (v: ScoreValue): v is AppraisalGrade => (APPRAISAL_GRADES as readonly string[]).includes(v);

/**
 * Checks a whole scoring before it is sent: every criterion of every report answered, scores
 * within 0–100. Returns the errors by report id (empty when fine) and the body the API takes.
 */
export function checkScoring(
  draft: ScoringDraft,
  reporters: string[],
  criteria: AppraisalCriterion[],
  scale: 'grade' | 'score',
  words: { missing: string; range: string },
): { errors: Record<string, string>; reports: { reporter: string; scores: Record<string, AppraisalGrade | number>; comment: string }[] } {
  const errors: Record<string, string> = {};
  const reports = reporters.map((reporter) => {
    const d = draft[reporter] ?? { scores: {}, comment: '' };
    const scores: Record<string, AppraisalGrade | number> = {};
    for (const c of criteria) {
      const v = (d.scores[c.key] ?? '').trim();
      if (v === '') {
        errors[reporter] ??= words.missing;
        continue;
      }
      if (scale === 'grade') {
        if (isGrade(v)) scores[c.key] = v;
        else errors[reporter] ??= words.missing;
      } else {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > 100) errors[reporter] ??= words.range;
        else scores[c.key] = n;
      }
    }
    return { reporter, scores, comment: d.comment.trim() };
  });
  return { errors, reports };
}

/**
 * One report's scoring: per criterion the four grades as large radio buttons (a finger's width on
 * a phone) or a 0–100 number, and an optional comment. The fieldset is named by the unit.
 */
export function ReportScoreFields({
  unitName,
  criteria,
  scale,
  value,
  error,
  onChange,
  children,
  testId,
}: {
  unitName: string;
  criteria: AppraisalCriterion[];
  scale: 'grade' | 'score';
  value: ReportDraft;
  error?: string | undefined;
  onChange: (next: ReportDraft) => void;
  /** Shown above the criteria (the public page's report text). */
  children?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const setScore = (key: string, v: ScoreValue) => onChange({ ...value, scores: { ...value.scores, [key]: v } });
  return (
    <fieldset
      className={`appraisal-report-score${error ? ' invalid' : ''}`}
      data-testid={testId}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{unitName}</legend>
      {children}
      {criteria.map((c) =>
        scale === 'grade' ? (
          <fieldset key={c.key} className="appraisal-grades">
            <legend>{c.label}</legend>
            <div className="appraisal-grade-options">
              {APPRAISAL_GRADES.map((g) => (
                <label key={g} className="appraisal-grade" data-grade={g}>
                  <input
                    type="radio"
                    name={`${id}-${c.key}`}
                    value={g}
                    checked={value.scores[c.key] === g}
                    onChange={() => setScore(c.key, g)}
                  />
                  <span>{t(`appraisal.grade.${g}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <div key={c.key} className="appraisal-number">
            <label htmlFor={`${id}-${c.key}`}>{t('appraisal.scoring.scoreLabel', { criterion: c.label })}</label>
            <input
              id={`${id}-${c.key}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              step={1}
              value={value.scores[c.key] ?? ''}
              onChange={(e) => setScore(c.key, e.target.value)}
            />
          </div>
        ),
      )}
      <div className="appraisal-comment">
        <label htmlFor={`${id}-comment`}>{t('appraisal.scoring.comment')}</label>
        <textarea id={`${id}-comment`} rows={2} maxLength={1000} value={value.comment} onChange={(e) => onChange({ ...value, comment: e.target.value })} />
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
