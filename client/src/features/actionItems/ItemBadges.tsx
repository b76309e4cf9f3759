import type { ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format.js';
import './actionItems.css';

/** The status chip, and the overdue mark (逾期) next to it when the deadline has passed. */
export function StatusChip({ item }: { item: Pick<ActionItem, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <span className="ai-chips">
      <span className={`ai-status ai-status-${item.status}`}>{t(`actionItems.status.${item.status}`)}</span>
      {item.overdue && <span className="ai-overdue">{t('actionItems.overdue')}</span>}
    </span>
  );
}

/** How far the lead unit says it is, as a bar with the number next to it. */
export function PercentBar({ item }: { item: Pick<ActionItem, 'status' | 'overdue' | 'percent'> }) {
  const { t } = useTranslation();
  const tone = item.status === 'closed' ? 'done' : item.overdue ? 'late' : 'open';
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
