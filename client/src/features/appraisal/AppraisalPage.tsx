import { describeAggregation, type Appraisal } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { formatList } from '../../lib/format.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { AppraisalForm } from './AppraisalForm.js';
import { LinksPanel } from './LinksPanel.js';
import { ReportsSection } from './ReportsSection.js';
import { ResultsSection } from './ResultsSection.js';
import { ScoringSection } from './ScoringSection.js';
import { postAppraisal, useAppraisal, useAppraisalMutation, useLiveAppraisals } from './queries.js';
import '../lists/lists.css';
import './appraisal.css';

/** One 述职评议 session: its reports, the viewer's unit's scoring, progress, links and results. */
export default function AppraisalPage() {
  const { id = '' } = useParams();
  const appraisal = useAppraisal(id);
  // Units and public representatives score while the page is open: it follows them live.
  useLiveAppraisals(appraisal.data?.alliance.id);
  return (
    <div className="page appraisal-page">
      <QueryState query={appraisal}>{(a) => <AppraisalView appraisal={a} />}</QueryState>
    </div>
  );
}

function AppraisalView({ appraisal: a }: { appraisal: Appraisal }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${a.alliance.id}`}>{a.alliance.name}</Link>
          {' · '}
          <Link to={`/alliances/${a.alliance.id}/appraisals`}>{t('appraisal.title')}</Link>
        </p>
        <h1>{a.title}</h1>
        <p className="appraisal-meta">
          <span className={`appraisal-status status-${a.status}`} data-testid="appraisal-status">
            {t(`appraisal.status.${a.status}`)}
          </span>
          <span>{t('appraisal.period', { period: a.period })}</span>
          <span>
            {a.meeting ? (
              <>
                {t('appraisal.meetingLabel')}
                <Link to={`/meetings/${a.meeting.id}`}>{a.meeting.name}</Link>
              </>
            ) : (
              t('appraisal.standalone')
            )}
          </span>
        </p>
        {a.can.manage && <StatusActions appraisal={a} />}
      </header>
      <EvaluationTabs allianceId={a.alliance.id} current="appraisals" />
      <div className="stack">
        <div className="appraisal-main">
          {a.status === 'closed' && <ResultsSection appraisal={a} />}
          {/* Read first, then score. */}
          <ReportsSection appraisal={a} />
          <ScoringSection appraisal={a} />
        </div>
        <div className="appraisal-side">
          <Settings appraisal={a} />
          {a.status !== 'draft' && <Progress appraisal={a} />}
          {a.can.manage && <LinksPanel appraisal={a} />}
        </div>
      </div>
    </>
  );
}

/** 修改 (a draft's settings), 开始测评 (reports lock) and 结束测评 (results computed): the last two asked once more. */
function StatusActions({ appraisal: a }: { appraisal: Appraisal }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'open' | 'close' | null>(null);
  const [editing, setEditing] = useState(false);
  const step = useAppraisalMutation((s: 'open' | 'close') => postAppraisal(`/api/appraisals/${a.id}/${s}`));
  if (a.status === 'closed') return null;
  const which = a.status === 'draft' ? 'open' : 'close';
  return (
    <div className="appraisal-actions">
      {a.status === 'draft' && (
        <button type="button" className="button outline" onClick={() => setEditing(true)}>
          {t('appraisal.detail.edit')}
        </button>
      )}
      <button type="button" onClick={() => setAsking(which)}>
        {t(`appraisal.detail.${which}`)}
      </button>
      {editing && a.status === 'draft' && <AppraisalForm allianceId={a.alliance.id} appraisal={a} onClose={() => setEditing(false)} />}
      <ModalDialog
        className="lists-confirm"
        open={asking !== null}
        title={t(`appraisal.detail.${which}Title`)}
        confirmLabel={t(`appraisal.detail.${which}`)}
        closeLabel={t('appraisal.detail.keep')}
        tone="primary"
        pending={step.isPending}
        error={step.error ? errorMessage(t, step.error) : null}
        onConfirm={() => step.mutate(which, { onSuccess: () => setAsking(null) })}
        onClose={() => {
          setAsking(null);
          step.reset();
        }}
      >
        <p>{t(`appraisal.detail.${which}Body`)}</p>
      </ModalDialog>
    </div>
  );
}

/** The aggregation in the viewer's language: the server states it in Chinese, the shared function says it in either. */
function aggregationWords(a: Appraisal, language: string): string {
  return language.startsWith('zh') ? a.aggregationText : describeAggregation(a.aggregation, a.scale, language);
}

function Settings({ appraisal: a }: { appraisal: Appraisal }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card appraisal-settings" aria-labelledby="appraisal-settings">
      <h2 id="appraisal-settings">{t('appraisal.detail.settings')}</h2>
      <dl className="facts">
        <dt>{t('appraisal.detail.scale')}</dt>
        <dd>{t(`appraisal.scale.${a.scale}`)}</dd>
        <dt>{t('appraisal.detail.secrecy')}</dt>
        <dd>{t(`appraisal.secrecy.${a.secrecy}`)}</dd>
        <dt>{t('appraisal.detail.criteria')}</dt>
        <dd>
          <ul className="plain-list">
            {a.criteria.map((c) => (
              <li key={c.key}>
                {c.label} <span className="muted small">{t('appraisal.detail.weight', { weight: c.weight })}</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('appraisal.detail.aggregation')}</dt>
        <dd data-testid="appraisal-aggregation">{aggregationWords(a, i18n.language)}</dd>
      </dl>
    </section>
  );
}

/** Which member units have scored, which not yet. */
function Progress({ appraisal: a }: { appraisal: Appraisal }) {
  const { t, i18n } = useTranslation();
  const { scored, pending } = a.evaluators;
  const names = (units: { name: string }[]) =>
    units.length ? formatList(units.map((u) => u.name), i18n.language) : t('appraisal.detail.none');
  return (
    <section className="card appraisal-progress" aria-labelledby="appraisal-progress" data-testid="appraisal-evaluators">
      <h2 id="appraisal-progress">{t('appraisal.detail.evaluators')}</h2>
      <p className="appraisal-progress-count">{t('appraisal.progress', { scored: scored.length, total: scored.length + pending.length })}</p>
      <progress max={Math.max(1, scored.length + pending.length)} value={scored.length} aria-label={t('appraisal.detail.evaluators')} />
      <dl className="facts">
        <dt>{t('appraisal.detail.scored')}</dt>
        <dd>{names(scored)}</dd>
        <dt>{t('appraisal.detail.pending')}</dt>
        <dd>{names(pending)}</dd>
      </dl>
    </section>
  );
}
