import { ProjectLedgerSchema, type Project } from '@tongxin/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { getJson } from '../../lib/api.js';
import { formatDay } from '../../lib/format.js';
import { LightBadge } from '../actionItems/StatusLight.js';
import { LISTS_KEY } from './queries.js';
import '../actionItems/actionItems.css';
import './lists.css';

function useProjectLedger(allianceId: string) {
  return useQuery({
    // Under the lists' key: a change to any project refreshes it.
    queryKey: [...LISTS_KEY, allianceId, 'ledger'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/ledger/projects`, ProjectLedgerSchema),
  });
}

/**
 * 工作台账 · 共建项目: the joint projects under way beside the action items — lead unit, next
 * milestone (节点) and light — each a link to the project. The same table as the ledger's, so a
 * phone shows each row as a card.
 */
export function ProjectLedger({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const ledger = useProjectLedger(allianceId);
  return (
    <section className="card ai-project-ledger" aria-labelledby="project-ledger" data-testid="project-ledger">
      <div className="section-head">
        <h2 id="project-ledger">{t('lists.ledger.title')}</h2>
        <Link to={`/alliances/${allianceId}/lists?tab=projects`}>{t('lists.ledger.all')}</Link>
      </div>
      <p className="muted small">{t('lists.ledger.intro')}</p>
      <QueryState query={ledger} isEmpty={(l) => l.items.length === 0} empty={t('lists.ledger.empty')}>
        {(l) => (
          <>
            <p className="muted small ai-total">{t('lists.ledger.total', { total: l.items.length })}</p>
            <ProjectTable projects={l.items} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function ProjectTable({ projects }: { projects: Project[] }) {
  const { t, i18n } = useTranslation();
  const col = (k: 'project' | 'leadUnit' | 'nextMilestone' | 'light') => t(`lists.ledger.${k}`);
  return (
    <div className="ai-table-wrap">
      <table className="ai-table">
        <caption className="visually-hidden">{t('lists.ledger.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{col('project')}</th>
            <th scope="col">{col('leadUnit')}</th>
            <th scope="col">{col('nextMilestone')}</th>
            <th scope="col">{col('light')}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((p) => {
            const late = p.light.light === 'red';
            return (
              <tr key={p.id} className={late ? 'ai-row-late' : undefined} data-testid="ledger-project-row">
                <th scope="row" className="ai-cell-title">
                  <Link to={`/projects/${p.id}`}>{p.title}</Link>
                  <span className="ai-person">
                    {t('lists.project.participantsCount', { count: p.participants.length })}
                  </span>
                </th>
                <td data-label={col('leadUnit')} className="ai-cell-unit">
                  {p.leadUnit.name}
                </td>
                <td data-label={col('nextMilestone')}>
                  {p.nextMilestone ? (
                    <span className="lists-next">
                      <time dateTime={p.nextMilestone.dueDate} className={late ? 'ai-late' : undefined}>
                        {formatDay(p.nextMilestone.dueDate, i18n.language)}
                      </time>{' '}
                      <span className="muted">{p.nextMilestone.title}</span>
                    </span>
                  ) : (
                    <span className="muted">{t('lists.ledger.none')}</span>
                  )}
                </td>
                <td data-label={col('light')}>
                  <span className="ai-cell-light">
                    <LightBadge light={p.light} />
                    <span className={`lists-status project-${p.status}`}>{t(`lists.projectStatus.${p.status}`)}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
