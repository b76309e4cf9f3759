import { PERIOD_KINDS, PointSchemeSchema, type PeriodKind, type PointRule, type PointScheme } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { errorMessage } from '../../lib/errors.js';
import { EvaluationTabs } from './EvaluationTabs.js';
import { postRebuild, putScheme, usePointScheme, usePointsMutation } from './pointsQueries.js';
import '../lists/lists.css';
import './evaluation.css';

/** 积分规则: one row per criterion — on/off, points, cap and its period — and 重新核算. */
export default function PointSchemePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alliance = useAlliance(id);
  const scheme = usePointScheme(id);
  return (
    <div className="page evaluation-page scheme-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          <Link to={`/alliances/${id}/points`}>{t('evaluation.scheme.back')}</Link>
        </p>
        <h1>{t('evaluation.scheme.title')}</h1>
        <p className="lead">{t('evaluation.scheme.intro')}</p>
      </header>
      <EvaluationTabs allianceId={id} current="points" />
      <QueryState query={scheme}>{(s) => <SchemeForm allianceId={id} scheme={s.scheme} canManage={s.can.manage} />}</QueryState>
    </div>
  );
}

interface Row {
  criterion: PointRule['criterion'];
  enabled: boolean;
  points: string;
  cap: string;
  capPeriod: PeriodKind;
}

const toRows = (scheme: PointScheme): Row[] =>
  scheme.rules.map((r) => ({ criterion: r.criterion, enabled: r.enabled, points: String(r.points), cap: r.cap === null ? '' : String(r.cap), capPeriod: r.capPeriod }));

function SchemeForm({ allianceId, scheme, canManage }: { allianceId: string; scheme: PointScheme; canManage: boolean }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(() => toRows(scheme));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = usePointsMutation((body: PointScheme) => putScheme(allianceId, body));
  const set = (i: number, change: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  };

  const submit = () => {
    const found: Record<string, string> = {};
    const rules = rows.map((r, i) => {
      const points = Number(r.points);
      const cap = r.cap.trim() === '' ? null : Number(r.cap);
      if (r.points.trim() === '' || !Number.isFinite(points) || points < -100 || points > 100 || points * 2 !== Math.round(points * 2)) {
        found[`${i}.points`] = t('evaluation.scheme.pointsInvalid');
      }
      if (cap !== null && !(Number.isFinite(cap) && cap > 0 && cap <= 10_000)) found[`${i}.cap`] = t('evaluation.scheme.capInvalid');
      return { criterion: r.criterion, enabled: r.enabled, points, cap, capPeriod: r.capPeriod };
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const parsed = PointSchemeSchema.safeParse({ rules });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [, i, field] = issue.path;
        if (typeof i === 'number' && typeof field === 'string') found[`${i}.${field}`] = t('evaluation.scheme.invalid');
      }
      setErrors(found);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (answer) => {
        if (answer) setRows(toRows(answer.scheme));
        setSaved(true);
      },
    });
  };

  return (
    <>
      {!canManage && (
        <p role="note" className="alert">
          {t('evaluation.scheme.readOnly')}
        </p>
      )}
      <form
        className="card scheme-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        aria-labelledby="scheme-heading"
      >
        <h2 id="scheme-heading" className="visually-hidden">
          {t('evaluation.scheme.title')}
        </h2>
        <ul className="plain-list scheme-rules" data-testid="scheme-rules">
          {rows.map((r, i) => (
            <SchemeRow key={r.criterion} row={r} index={i} errors={errors} disabled={!canManage} onChange={(c) => set(i, c)} />
          ))}
        </ul>
        {canManage && (
          <div className="form-actions scheme-actions">
            {saved && (
              <p role="status" className="evaluation-ok">
                {t('evaluation.scheme.saved')}
              </p>
            )}
            {save.error && (
              <p role="alert" className="field-error">
                {errorMessage(t, save.error)}
              </p>
            )}
            <button type="submit" disabled={save.isPending}>
              {t('evaluation.scheme.save')}
            </button>
          </div>
        )}
      </form>
      {canManage && <Rebuild allianceId={allianceId} />}
    </>
  );
}

function SchemeRow({
  row,
  index,
  errors,
  disabled,
  onChange,
}: {
  row: Row;
  index: number;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (change: Partial<Row>) => void;
}) {
  const { t } = useTranslation();
  const base = `rule-${index}`;
  const pointsError = errors[`${index}.points`];
  const capError = errors[`${index}.cap`];
  return (
    <li className={row.enabled ? 'scheme-rule' : 'scheme-rule off'} data-criterion={row.criterion}>
      <div className="scheme-what">
        <h3 id={`${base}-name`}>{t(`evaluation.criterion.${row.criterion}`)}</h3>
        <p className="muted small">{t(`evaluation.explain.${row.criterion}`)}</p>
      </div>
      <div className="scheme-fields" role="group" aria-labelledby={`${base}-name`}>
        <label className="scheme-switch">
          <input type="checkbox" role="switch" checked={row.enabled} disabled={disabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          <span>{t('evaluation.scheme.enabled')}</span>
        </label>
        <div className={pointsError ? 'lists-field invalid' : 'lists-field'}>
          <label htmlFor={`${base}-points`}>
            {t('evaluation.scheme.points')}
            {row.criterion === 'service.hours' && <span className="muted small">（{t('evaluation.scheme.pointsHoursHint')}）</span>}
          </label>
          <input
            id={`${base}-points`}
            type="number"
            step="0.5"
            value={row.points}
            disabled={disabled}
            aria-invalid={pointsError ? true : undefined}
            aria-describedby={pointsError ? `${base}-points-error` : undefined}
            onChange={(e) => onChange({ points: e.target.value })}
          />
          {pointsError && (
            <span id={`${base}-points-error`} className="field-error">
              {pointsError}
            </span>
          )}
        </div>
        <div className={capError ? 'lists-field invalid' : 'lists-field'}>
          <label htmlFor={`${base}-cap`}>{t('evaluation.scheme.cap')}</label>
          <input
            id={`${base}-cap`}
            type="number"
            min="0"
            value={row.cap}
            disabled={disabled}
            aria-invalid={capError ? true : undefined}
            aria-describedby={capError ? `${base}-cap-error` : `${base}-cap-hint`}
            onChange={(e) => onChange({ cap: e.target.value })}
          />
          {capError ? (
            <span id={`${base}-cap-error`} className="field-error">
              {capError}
            </span>
          ) : (
            <span id={`${base}-cap-hint`} className="muted small">
              {t('evaluation.scheme.capHint')}
            </span>
          )}
        </div>
        <div className="lists-field">
          <label htmlFor={`${base}-period`}>{t('evaluation.scheme.capPeriod')}</label>
          <select id={`${base}-period`} value={row.capPeriod} disabled={disabled} onChange={(e) => onChange({ capPeriod: e.target.value as PeriodKind })}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`evaluation.period.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </li>
  );
}

/** 重新核算: every source of the alliance computed again under the scheme in force. */
function Rebuild({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const run = usePointsMutation(() => postRebuild(allianceId));
  return (
    <section className="card scheme-rebuild" aria-labelledby="rebuild-heading">
      <h2 id="rebuild-heading">{t('evaluation.scheme.rebuild')}</h2>
      <p className="muted">{t('evaluation.scheme.rebuildHint')}</p>
      <button type="button" className="outline" onClick={() => setAsking(true)} disabled={run.isPending}>
        {t('evaluation.scheme.rebuild')}
      </button>
      {run.data && (
        <p role="status" className="evaluation-ok" data-testid="rebuild-result">
          {t('evaluation.scheme.rebuildDone', { count: run.data.changed })}
        </p>
      )}
      <ModalDialog
        className="lists-confirm"
        open={asking}
        title={t('evaluation.scheme.rebuildTitle')}
        confirmLabel={t('evaluation.scheme.rebuildConfirm')}
        closeLabel={t('evaluation.scheme.rebuildCancel')}
        tone="primary"
        pending={run.isPending}
        error={run.error ? errorMessage(t, run.error) : null}
        onClose={() => setAsking(false)}
        onConfirm={() => run.mutate(undefined, { onSuccess: () => setAsking(false) })}
      >
        <p>{t('evaluation.scheme.rebuildBody')}</p>
      </ModalDialog>
    </section>
  );
}
