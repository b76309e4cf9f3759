import { AT_RISK_DAYS, isAtRisk, type ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format.js';
import './actionItems.css';
import './supervisionCycle.css';

/**
 * The status chip, the overdue mark (逾期) next to it when the deadline has passed, and 待签收
 * while the lead unit has not acknowledged the item.
 */
export function StatusChip({
  item,
}: {
  item: Pick<ActionItem, 'status' | 'overdue'> & Partial<Pick<ActionItem, 'acknowledgement'>>;
}) {
  const { t } = useTranslation();
  return (
    <span className="ai-chips">
      <span className={`ai-status ai-status-${item.status}`}>{t(`actionItems.status.${item.status}`)}</span>
      {item.overdue && <span className="ai-overdue">{t('actionItems.overdue')}</span>}
      {item.acknowledgement && <AckBadge acknowledgement={item.acknowledgement} />}
    </span>
  );
}

/** 待签收: the lead unit has not acknowledged the item yet (marked late past its 签收时限). */
export function AckBadge({ acknowledgement }: { acknowledgement: ActionItem['acknowledgement'] }) {
  const { t } = useTranslation();
  if (!acknowledgement.pending) return null;
  return (
    <span
      className={acknowledgement.overdue ? 'ai-ack-badge ai-ack-late' : 'ai-ack-badge'}
      title={acknowledgement.overdue ? t('actionItems.ack.overdue') : undefined}
      data-testid="ack-badge"
    >
      {t('actionItems.ack.badge')}
    </span>
  );
}

/** How far the lead unit says it is, as a bar with the number next to it. */
export function PercentBar({ item }: { item: Pick<ActionItem, 'status' | 'overdue' | 'percent' | 'dueDate'> }) {
  const { t } = useTranslation();
  // Coloured by what it means, as the legend says: on time, at risk, overdue, closed.
  const tone =
    item.status === 'closed' ? 'done' : item.overdue ? 'late' : isAtRisk(item, new Date()) ? 'risk' : 'open';
  return (
    <span className="ai-percent">
      <span
        className="ai-bar"
        role="progressbar"
        aria-label={t('actionItems.percentLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={item.percent}
      >
        <span className={`ai-bar-fill ai-bar-${tone}`} style={{ width: `${item.percent}%` }} />
      </span>
      <span className="ai-percent-value">{t('actionItems.percent', { percent: item.percent })}</span>
    </span>
  );
}

/**
 * 延期: a mark next to a deadline that was extended, with the date first promised when asked
 * (the ledger shows it; the item's page lists every extension instead).
 */
export function ExtendedMark({
  item,
  withOriginal = false,
}: {
  item: Pick<ActionItem, 'deadlineHistory' | 'originalDueDate'>;
  withOriginal?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (item.deadlineHistory.length === 0) return null;
  return (
    <span className="ai-extended-wrap">
      <span className="ai-extended">{t('actionItems.extend.badge')}</span>
      {withOriginal && (
        <span className="ai-original">
          {t('actionItems.extend.original', { date: formatDay(item.originalDueDate, i18n.language) })}
        </span>
      )}
    </span>
  );
}

/** What the colours of the progress bars mean, shown once under a list of them. */
export function ProgressLegend() {
  const { t } = useTranslation();
  const entries = [
    ['open', t('actionItems.legend.onTime')],
    ['risk', t('actionItems.legend.atRisk', { days: AT_RISK_DAYS })],
    ['late', t('actionItems.legend.overdue')],
    ['done', t('actionItems.legend.done')],
  ] as const;
  return (
    <p className="ai-legend small" data-testid="progress-legend">
      <span className="muted">{t('actionItems.legend.title')}</span>
      {entries.map(([tone, label]) => (
        <span key={tone} className="ai-legend-entry">
          <span className={`ai-legend-swatch ai-bar-${tone}`} aria-hidden="true" />
          {label}
        </span>
      ))}
    </p>
  );
}
