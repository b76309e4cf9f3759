import type { ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatShortDateTime } from '../../lib/format.js';
import './actionItems.css';

/** 推进情况, newest first, ending with the day the item was assigned. */
export function ProgressTimeline({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  const reports = [...item.progress].reverse();
  return (
    <section className="card" aria-labelledby="ai-timeline">
      <div className="section-head">
        <h2 id="ai-timeline">{t('actionItems.timeline.title')}</h2>
        <span className="muted small">{t('actionItems.timeline.order')}</span>
      </div>
      {reports.length === 0 && <p className="muted">{t('actionItems.timeline.empty')}</p>}
      <ol className="ai-timeline" data-testid="progress-timeline">
        {reports.map((p, n) => (
          <li key={`${p.at}-${n}`}>
            <div className="ai-timeline-head">
              <time dateTime={p.at}>{formatShortDateTime(p.at, i18n.language)}</time>
              <span className="ai-timeline-percent">{t('actionItems.percent', { percent: p.percent })}</span>
            </div>
            <p className="ai-text">{p.text}</p>
            <p className="muted small">
              {p.unit ? t('actionItems.timeline.by', { name: p.author.name, unit: p.unit.name }) : p.author.name}
            </p>
          </li>
        ))}
        <li className="ai-timeline-start">
          <div className="ai-timeline-head">
            <time dateTime={item.createdAt}>{formatShortDateTime(item.createdAt, i18n.language)}</time>
            <span>{t('actionItems.timeline.created')}</span>
          </div>
        </li>
      </ol>
    </section>
  );
}
