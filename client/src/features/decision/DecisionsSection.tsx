import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { DecisionLinks } from './DecisionLinks.js';
import { NewDecisionForm } from './NewDecisionForm.js';
import { useDecisions } from './queries.js';

/** The decision drafts of a meeting, and a one-field form to start another. */
export function DecisionsSection({ meetingId, canDraft }: { meetingId: string; canDraft: boolean }) {
  const { t } = useTranslation();
  const decisions = useDecisions(meetingId);
  return (
    <section className="card" aria-labelledby="decisions">
      <h2 id="decisions">{t('decision.list')}</h2>
      <QueryState query={decisions} isEmpty={(d) => d.items.length === 0} empty={t('decision.none')}>
        {(d) => (
          <ul className="plain-list">
            {d.items.map((item) => (
              <li key={item.id} className="alliance-item">
                <span>
                  <Link to={`/decisions/${item.id}`}>{item.title}</Link>
                  <DecisionLinks decision={item} />
                </span>
                <span className="tags">
                  <span className={`status decision-${item.status}`}>{t(`decision.status.${item.status}`)}</span>
                  {item.versionCount > 0 && (
                    <span className="tag">{t('decision.versionLabel', { number: item.versionCount })}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canDraft && <NewDecisionForm meetingId={meetingId} />}
    </section>
  );
}
