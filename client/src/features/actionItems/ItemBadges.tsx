import type { ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
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
