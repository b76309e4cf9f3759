import { useMeeting } from '../meeting/queries.js';
import { useQuery } from '@tanstack/react-query';
import { DecisionSchema, type ActionItem, type ActionItemDetail } from '@tongxin/shared';
import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { getJson } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDateTime, formatDay, formatList, formatShortDateTime } from '../../lib/format.js';
import { AcknowledgeBanner } from './AcknowledgeBanner.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ExtensionRequests } from './ExtensionRequests.js';
import { NudgePanel } from './NudgePanel.js';
import { ExtendForm } from './ExtendForm.js';
import { ExtendedMark, PercentBar, StatusChip } from './ItemBadges.js';
import { LightBadge } from './StatusLight.js';
import { ItemEditForm } from './ItemEditForm.js';
import { ProgressForm } from './ProgressForm.js';
import { ProgressTimeline } from './ProgressTimeline.js';
import { PartsSection } from './PartsSection.js';
import { useActionItem, useDeleteItem, useLiveActionItems } from './queries.js';
import { TransitionPanel } from './TransitionPanel.js';
import './actionItems.css';
import { meetingOrdinal } from '@tongxin/shared';

/** Where the ledger says which item was just deleted (router state of the navigation). */
export interface DeletedItemState {
  deletedItem: string;
}

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

function ActionItemView({ item }: { item: ActionItemDetail }) {
  const { t, i18n } = useTranslation();
  useLiveActionItems([item.alliance]);
  const meeting = useMeeting(item.meeting);
  const [open, setOpen] = useState<'edit' | 'extend' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const extendButton = useRef<HTMLButtonElement>(null);
  const close = (notice: string | null) => {
    (open === 'edit' ? editButton : extendButton).current?.focus();
    setOpen(null);
    setNotice(notice);
  };

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
              <LightBadge light={item.light} />
              <StatusChip item={item} />
              <PercentBar item={item} />
            </div>
            <AcknowledgeBanner item={item} />
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
              <dd>
                <span className={item.overdue ? 'ai-late' : undefined}>
                  <time dateTime={item.dueDate}>{formatDay(item.dueDate, i18n.language)}</time>
                </span>
                <ExtendedMark item={item} />
                <DeadlineHistory item={item} />
              </dd>
              <dt>{t('actionItems.field.measures')}</dt>
              <dd className="ai-text">{item.measures || t('actionItems.none')}</dd>
            </dl>
            <Corrections
              item={item}
              open={open}
              notice={notice}
              editButton={editButton}
              extendButton={extendButton}
              onOpen={(which) => {
                setNotice(null);
                setOpen(open === which ? null : which);
              }}
            />
            <TransitionPanel item={item} />
          </section>
          {open === 'edit' && (
            <ItemEditForm item={item} onClose={(saved) => close(saved ? t('actionItems.correct.saved') : null)} />
          )}
          {open === 'extend' && (
            <ExtendForm
              item={item}
              onClose={(to) => close(to ? t('actionItems.extend.done', { date: formatDay(to, i18n.language) }) : null)}
            />
          )}
          {item.can.report && <ProgressForm item={item} />}
          <ProgressTimeline item={item} />
          {item.cooperatingUnits.length > 0 && <PartsSection item={item} />}
        </div>
        <div className="column">
          <ExtensionRequests item={item} />
          <NudgePanel item={item} />
          <Source item={item} meeting={meeting} />
        </div>
      </div>
    </div>
  );
}

/** 延期记录: each extension in words — 原定 11月30日，延期至 12月15日：原因 — and who granted it when. */
function DeadlineHistory({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  if (item.deadlineHistory.length === 0) return null;
  const day = (d: string) => formatDay(d, i18n.language);
  return (
    <ul className="ai-deadlines" aria-label={t('actionItems.extend.history')} data-testid="deadline-history">
      {item.deadlineHistory.map((e) => (
        <li key={e.at}>
          <span>{t('actionItems.extend.entry', { from: day(e.from), to: day(e.to), reason: e.reason })}</span>{' '}
          <span className="muted small">
            {t('actionItems.extend.entryBy', { name: e.by.name, at: formatShortDateTime(e.at, i18n.language) })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * 更正与调整: edit, extend (延期) and delete, each shown only when the server says this viewer may.
 * Once work has been reported an item is no longer deleted: the hint points to cancelling it.
 */
function Corrections({
  item,
  open,
  notice,
  editButton,
  extendButton,
  onOpen,
}: {
  item: ActionItemDetail;
  open: 'edit' | 'extend' | null;
  notice: string | null;
  editButton: RefObject<HTMLButtonElement | null>;
  extendButton: RefObject<HTMLButtonElement | null>;
  onOpen: (which: 'edit' | 'extend') => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteItem(item.id, () =>
    navigate(`/alliances/${item.alliance}`, { state: { deletedItem: item.title } satisfies DeletedItemState }),
  );
  const { can } = item;
  const cancelInstead = !can.delete && can.transitions.includes('cancel');
  if (can.edit.length === 0 && !can.extend && !can.delete && !cancelInstead && !notice) return null;
  return (
    <div className="ai-corrections" role="group" aria-label={t('actionItems.correct.group')}>
      <div className="form-actions">
        {can.edit.length > 0 && (
          <button
            ref={editButton}
            type="button"
            className="ghost"
            aria-expanded={open === 'edit'}
            onClick={() => onOpen('edit')}
          >
            {t('actionItems.correct.edit')}
          </button>
        )}
        {can.extend && (
          <button
            ref={extendButton}
            type="button"
            className="ghost"
            aria-expanded={open === 'extend'}
            onClick={() => onOpen('extend')}
          >
            {t('actionItems.extend.button')}
          </button>
        )}
        {can.delete && (
          <button type="button" className="ghost danger" onClick={() => setConfirming(true)}>
            {t('actionItems.remove.button')}
          </button>
        )}
        {notice && (
          <span role="status" className="success">
            {notice}
          </span>
        )}
      </div>
      {cancelInstead && <p className="muted small">{t('actionItems.remove.cancelInstead')}</p>}
      {can.delete && (
        <ConfirmDialog
          open={confirming}
          title={t('actionItems.remove.confirmTitle')}
          confirmLabel={remove.isPending ? t('actionItems.remove.deleting') : t('actionItems.remove.confirmButton')}
          keepLabel={t('actionItems.remove.keep')}
          pending={remove.isPending}
          error={remove.isError ? errorMessage(t, remove.error) : null}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            setConfirming(false);
            remove.reset();
          }}
        >
          <p>{t('actionItems.remove.confirm', { title: item.title })}</p>
        </ConfirmDialog>
      )}
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
                <span>{t('actionItems.seq', { seq: meetingOrdinal(m.seq, i18n.language) })}</span>
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
