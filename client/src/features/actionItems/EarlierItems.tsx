import type { ActionItem, Meeting } from '@tongxin/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useYDoc } from '../../lib/useYDoc.js';
import { addItem } from '../agenda/agendaDoc.js';
import { useAgendaItems } from '../agenda/useAgendaItems.js';
import { formatDay } from '../../lib/format.js';
import { PercentBar, ProgressLegend, StatusChip } from './ItemBadges.js';
import { byUrgency, isOpen, useLedger, useLiveActionItems } from './queries.js';
import './actionItems.css';

/** A progress report on an earlier item takes a short slot; the secretary can change it. */
const AGENDA_MINUTES = 10;

/** More than a meeting discusses; the rest are in the ledger, most urgent first here. */
const CAP = 100;

/**
 * 上次会议督办事项进展: every open item of the alliance that this meeting did not assign — from
 * earlier meetings or assigned outside any meeting — each one a click away from this meeting's
 * agenda, with its lead unit as the presenter.
 */
export function EarlierItems({ meeting, canEdit }: { meeting: Meeting; canEdit: boolean }) {
  const { t } = useTranslation();
  useLiveActionItems([meeting.alliance]);
  // Open items not assigned by this meeting, whether at an earlier one or outside any meeting.
  const ledger = useLedger(meeting.alliance, `open=true&excludeMeeting=${meeting.id}&page=1&pageSize=${CAP}`);
  return (
    <section className="card" aria-labelledby="earlier-items">
      <h2 id="earlier-items">{t('actionItems.earlier.title')}</h2>
      <p className="muted small">{t('actionItems.earlier.hint')}</p>
      <QueryState
        query={ledger}
        isEmpty={(p) => earlier(p.items, meeting.id).length === 0}
        empty={t('actionItems.earlier.empty')}
      >
        {(p) => (
          <>
            {canEdit ? (
              <WithAgenda meetingId={meeting.id} items={earlier(p.items, meeting.id)} />
            ) : (
              <EarlierList items={earlier(p.items, meeting.id)} />
            )}
            {p.total > p.items.length && (
              <p className="muted small">
                {t('actionItems.earlier.more', { shown: p.items.length, total: p.total })}{' '}
                <Link to={`/alliances/${meeting.alliance}#ledger`}>{t('actionItems.earlier.ledger')}</Link>
              </p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function earlier(items: ActionItem[], meetingId: string): ActionItem[] {
  // Items assigned outside any meeting (meeting: null) belong here too.
  return items.filter((i) => isOpen(i) && i.meeting !== meetingId).sort(byUrgency);
}

/** Opens the agenda document so that an item can be put on it, and knows which already are. */
function WithAgenda({ meetingId, items }: { meetingId: string; items: ActionItem[] }) {
  const { t } = useTranslation();
  const { doc, synced } = useYDoc(`meeting:${meetingId}:agenda`);
  // The agenda entry remembers which action item it reports on, so it is not added twice.
  const onAgenda = new Set(useAgendaItems(doc).map((i) => i.actionItem));

  const put = (item: ActionItem) =>
    addItem(doc, t('actionItems.earlier.agendaTitle', { title: item.title }).slice(0, 200), AGENDA_MINUTES, {
      presenterUnit: item.leadUnit.id,
      actionItem: item.id,
    });

  return (
    <EarlierList
      items={items}
      action={(item) => {
        const added = onAgenda.has(item.id);
        return (
          <button
            type="button"
            // One of many in a list: outlined, so the page's primary action stays the one solid button.
            className={added ? 'ai-added' : 'ghost'}
            disabled={!synced || added}
            aria-label={added ? undefined : t('actionItems.earlier.addLabel', { title: item.title })}
            title={synced ? undefined : t('actionItems.earlier.connecting')}
            onClick={() => put(item)}
          >
            {added ? t('actionItems.earlier.added') : t('actionItems.earlier.add')}
          </button>
        );
      }}
    />
  );
}

function EarlierList({ items, action }: { items: ActionItem[]; action?: (item: ActionItem) => ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <ul className="plain-list" data-testid="earlier-items">
        {items.map((i) => (
          <li key={i.id} className={i.overdue ? 'ai-card ai-row-late' : 'ai-card'}>
            <div className="ai-card-head">
              <Link to={`/action-items/${i.id}`} className="ai-card-title">
                {i.title}
              </Link>
              <StatusChip item={i} />
            </div>
            <p className="meeting-meta">
              <span>{i.leadUnit.name}</span>
              <span className={i.overdue ? 'ai-late' : undefined}>
                {t('actionItems.dueOn', { date: formatDay(i.dueDate, i18n.language) })}
              </span>
            </p>
            <div className="ai-card-foot">
              <PercentBar item={i} />
              {action?.(i)}
            </div>
          </li>
        ))}
      </ul>
      <ProgressLegend />
    </>
  );
}
