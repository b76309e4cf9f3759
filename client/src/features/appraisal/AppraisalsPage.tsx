import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { AppraisalForm } from './AppraisalForm.js';
import { useAppraisals, useLiveAppraisals, type AppraisalListItem } from './queries.js';
import '../lists/lists.css';
import './appraisal.css';

/** 述职评议: an alliance's sessions, newest first, with the new-session form for secretaries. */
export default function AppraisalsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alliance = useAlliance(id);
  const list = useAppraisals(id);
  useLiveAppraisals(id);
  const [creating, setCreating] = useState(false);

  return (
    <div className="page appraisal-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
        </p>
        <h1>{t('appraisal.title')}</h1>
        <p className="lead">{t('appraisal.intro')}</p>
      </header>
      <EvaluationTabs allianceId={id} current="appraisals" />
      <section className="card" aria-label={t('appraisal.title')}>
        {list.data?.can.manage && (
          <div className="appraisal-toolbar">
            <button type="button" onClick={() => setCreating(true)}>
              {t('appraisal.newSession')}
            </button>
          </div>
        )}
        <QueryState query={list} isEmpty={(l) => l.items.length === 0} empty={t('appraisal.empty')}>
          {(l) => (
            <ul className="plain-list appraisal-items" data-testid="appraisal-list">
              {l.items.map((a) => (
                <AppraisalRow key={a.id} item={a} />
              ))}
            </ul>
          )}
        </QueryState>
      </section>
      {creating && <AppraisalForm allianceId={id} onClose={() => setCreating(false)} />}
    </div>
  );
}

function AppraisalRow({ item: a }: { item: AppraisalListItem }) {
  const { t } = useTranslation();
  return (
    <li className="appraisal-item" data-status={a.status}>
      <div className="appraisal-item-head">
        <Link className="appraisal-item-title" to={`/appraisals/${a.id}`}>
          {a.title}
        </Link>
        <span className={`appraisal-status status-${a.status}`}>{t(`appraisal.status.${a.status}`)}</span>
      </div>
      <p className="appraisal-meta">
        <span>{t('appraisal.period', { period: a.period })}</span>
        <span>{a.meeting ? t('appraisal.meeting', { meeting: a.meeting.name }) : t('appraisal.standalone')}</span>
        <span>{t('appraisal.reportersCount', { count: a.reporters })}</span>
        {a.status !== 'draft' && <span data-testid="appraisal-progress">{t('appraisal.progress', { scored: a.scored, total: a.evaluators })}</span>}
      </p>
    </li>
  );
}
