import { useMeeting } from '../meeting/queries.js';
import { useQuery } from '@tanstack/react-query';
import { DecisionSchema, type ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { getJson } from '../../lib/api.js';
import { formatDateTime, formatDay, formatList } from '../../lib/format.js';
import { useMe } from '../auth/useMe.js';
import { PercentBar, StatusChip } from './ItemBadges.js';
import { ProgressForm } from './ProgressForm.js';
import { ProgressTimeline } from './ProgressTimeline.js';
import { useActionItem, useLiveActionItems } from './queries.js';
import { TransitionPanel } from './TransitionPanel.js';
import './actionItems.css';

/** 督办事项: what was assigned to whom by when, how far it is, and the next step for the viewer. */
export function ActionItemPage() {
  const { id = '' } = useParams();
  const item = useActionItem(id);
  return <QueryState query={item}>{(i) => <ActionItemView item={i} />}</QueryState>;
}

function useDecision(id: string | null) {
  return useQuery({
    queryKey: ['decision', id],
    queryFn: () => getJson(`/api/decisions/${id}`, DecisionSchema),
    enabled: id !== null,
  });
}

function ActionItemView({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  useLiveActionItems([item.alliance]);
  const meeting = useMeeting(item.meeting);
  const mine = me.alliances.find((a) => a.id === item.alliance);
  // The server decides; these only decide which forms and buttons are worth showing.
  const isLead = mine?.represents.includes(item.leadUnit.id) === true;
  // A unit does not sign off its own work, even when it convened the meeting.
  const isSupervisor =
    !isLead &&
    (mine?.isSecretary === true ||
      (meeting.data !== undefined && mine?.represents.includes(meeting.data.convenerUnit.id) === true));

  return (
    <div className="page">
      <p>
        <Link to={`/alliances/${item.alliance}`}>← {t('actionItems.backToLedger')}</Link>
      </p>
      <div className="stack">
        <div className="column">
          <section className="card" aria-labelledby="ai-title">
            <p className="muted ai-kicker">{t('actionItems.field.title')}</p>
            <h1 id="ai-title" className="ai-title">
              {item.title}
            </h1>
            <div className="ai-headline">
              <StatusChip item={item} />
              <PercentBar item={item} />
            </div>
            {item.description && <p className="ai-text">{item.description}</p>}
            <dl className="facts ai-facts">
              <dt>{t('actionItems.field.leadUnit')}</dt>
              <dd>
                <strong>{item.leadUnit.name}</strong>
              </dd>
              <dt>{t('actionItems.field.cooperatingUnits')}</dt>
              <dd>
                {item.cooperatingUnits.length > 0
                  ? formatList(
                      item.cooperatingUnits.map((u) => u.name),
                      i18n.language,
                    )
                  : t('actionItems.none')}
              </dd>
              <dt>{t('actionItems.field.responsiblePerson')}</dt>
              <dd>{item.responsiblePerson}</dd>
              <dt>{t('actionItems.field.dueDate')}</dt>
              <dd className={item.overdue ? 'ai-late' : undefined}>
                <time dateTime={item.dueDate}>{formatDay(item.dueDate, i18n.language)}</time>
              </dd>
              <dt>{t('actionItems.field.measures')}</dt>
              <dd className="ai-text">{item.measures || t('actionItems.none')}</dd>
            </dl>
            <TransitionPanel item={item} isLead={isLead} isSupervisor={isSupervisor} />
          </section>
          {isLead && <ProgressForm item={item} />}
          <ProgressTimeline item={item} />
        </div>
        <div className="column">
          <Source item={item} meeting={meeting} />
        </div>
      </div>
    </div>
  );
}

function Source({ item, meeting }: { item: ActionItem; meeting: ReturnType<typeof useMeeting> }) {
  const { t, i18n } = useTranslation();
  const decision = useDecision(item.decision);
  return (
    <section className="card" aria-labelledby="ai-source">
      <h2 id="ai-source">{t('actionItems.field.sourceMeeting')}</h2>
      {item.meeting === null ? (
        <p className="muted">{t('actionItems.noSource')}</p>
      ) : (
        <QueryState query={meeting}>
          {(m) => (
            <div className="ai-source">
              <Link to={`/meetings/${m.id}`} className="meeting-title">
                {m.title}
              </Link>
              <p className="meeting-meta">
                <span>{t('actionItems.seq', { seq: m.seq })}</span>
                <time dateTime={m.scheduledAt}>{formatDateTime(m.scheduledAt, i18n.language)}</time>
                <span>{t('meeting.convenerIs', { unit: m.convenerUnit.name })}</span>
              </p>
            </div>
          )}
        </QueryState>
      )}
      {item.decision !== null && (
        <>
          <h3 className="ai-subhead">{t('actionItems.field.sourceDecision')}</h3>
          <QueryState query={decision}>{(d) => <Link to={`/decisions/${d.id}`}>{d.title}</Link>}</QueryState>
        </>
      )}
    </section>
  );
}
