import type { Appraisal } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { useMe } from '../auth/useMe.js';
import { postAppraisal, useAppraisalMutation } from './queries.js';
import { checkScoring, ReportScoreFields, type ScoringDraft } from './ScoreFields.js';

/**
 * 本单位测评: the viewer scores on behalf of a member unit they represent (`can.scoreAs`), every
 * report but their unit's own, all at once and only once, after a confirmation.
 */
export function ScoringSection({ appraisal: a }: { appraisal: Appraisal }) {
  const { t } = useTranslation();
  const me = useMe().data;
  // The units the viewer speaks for: those that scored already, those still to score.
  const represents = new Set(me?.alliances.find((x) => x.id === a.alliance.id)?.represents ?? []);
  const scoredIds = new Set(a.evaluators.scored.map((u) => u.id));
  const open = a.can.scoreAs.filter((u) => !scoredIds.has(u.id));
  const done = a.evaluators.scored.filter((u) => represents.has(u.id));
  const waiting = a.evaluators.pending.filter((u) => represents.has(u.id));
  const [unitId, setUnitId] = useState(open[0]?.id ?? '');
  const unit = open.find((u) => u.id === unitId) ?? open[0];
  if (a.status === 'closed' || (open.length === 0 && done.length === 0 && waiting.length === 0)) return null;

  return (
    <section className="card appraisal-scoring" aria-labelledby="appraisal-scoring" data-testid="appraisal-scoring">
      <h2 id="appraisal-scoring">{t('appraisal.scoring.title')}</h2>
      {done.map((u) => (
        <p key={u.id} className="success" role="status">
          {t('appraisal.scoring.done', { unit: u.name })}
        </p>
      ))}
      {a.status === 'draft' && waiting.length > 0 && <p className="muted">{t('appraisal.scoring.notYet')}</p>}
      {a.status === 'scoring' && a.can.score && unit && (
        <>
          {open.length > 1 && (
            <p className="appraisal-as">
              <label htmlFor="appraisal-as">{t('appraisal.scoring.as')}</label>
              <select id="appraisal-as" value={unit.id} onChange={(e) => setUnitId(e.target.value)}>
                {open.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </p>
          )}
          <ScoringForm key={unit.id} appraisal={a} unit={unit} />
        </>
      )}
    </section>
  );
}

function ScoringForm({ appraisal: a, unit }: { appraisal: Appraisal; unit: { id: string; name: string } }) {
  const { t } = useTranslation();
  const targets = a.reporters.filter((r) => r.unit.id !== unit.id);
  const own = a.reporters.find((r) => r.unit.id === unit.id);
  const [draft, setDraft] = useState<ScoringDraft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<ReturnType<typeof checkScoring>['reports'] | null>(null);
  const submit = useAppraisalMutation((body: unknown) => postAppraisal(`/api/appraisals/${a.id}/scores`, body));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkScoring(
      draft,
      targets.map((r) => r.unit.id),
      a.criteria,
      a.scale,
      { missing: t('appraisal.scoring.missing'), range: t('appraisal.scoring.scoreRange') },
    );
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      // Take the person to the first report that still lacks a score.
      const first = targets.find((r) => checked.errors[r.unit.id]);
      document.querySelector<HTMLElement>(`[data-testid="score-${first?.unit.id}"] input`)?.focus();
      return;
    }
    setConfirming(checked.reports);
  };

  return (
    <form className="appraisal-scoring-form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('appraisal.scoring.intro')}</p>
      {targets.map((r) => (
        <ReportScoreFields
          key={r.unit.id}
          testId={`score-${r.unit.id}`}
          unitName={r.unit.name}
          criteria={a.criteria}
          scale={a.scale}
          value={draft[r.unit.id] ?? { scores: {}, comment: '' }}
          error={errors[r.unit.id]}
          onChange={(next) => {
            setDraft((d) => ({ ...d, [r.unit.id]: next }));
            // A report being answered loses its complaint; the rest are checked again on submit.
            setErrors(({ [r.unit.id]: _, ...rest }) => rest);
          }}
        />
      ))}
      {own && (
        <p className="appraisal-own" data-testid="appraisal-own">
          <strong>{own.unit.name}</strong>
          <span className="muted">{t('appraisal.scoring.own')}</span>
        </p>
      )}
      <div className="form-actions">
        <button type="submit">{t('appraisal.scoring.submit')}</button>
      </div>
      <ModalDialog
        className="lists-confirm"
        open={confirming !== null}
        title={t('appraisal.scoring.confirmTitle')}
        confirmLabel={t('appraisal.scoring.confirm')}
        closeLabel={t('appraisal.detail.keep')}
        tone="primary"
        pending={submit.isPending}
        error={submit.error ? errorMessage(t, submit.error) : null}
        onConfirm={() => confirming && submit.mutate({ unit: unit.id, reports: confirming }, { onSuccess: () => setConfirming(null) })}
        onClose={() => {
          setConfirming(null);
          submit.reset();
        }}
      >
        <p>{t('appraisal.scoring.confirmBody', { unit: unit.name, count: targets.length })}</p>
      </ModalDialog>
    </form>
  );
}
