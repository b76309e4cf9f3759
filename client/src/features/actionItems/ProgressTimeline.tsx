import type { ActionItem } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatShortDateTime } from '../../lib/format.js';
import { EvidenceList } from './EvidenceList.js';
import './actionItems.css';

/** 推进情况, newest first, ending with the day the item was assigned. */
export function ProgressTimeline({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  const byLine = (name: string, unit: string | undefined) =>
    unit ? t('actionItems.timeline.by', { name, unit }) : name;
  // Reports and steps (handed in, verified, sent back …) in one line of time, newest first.
  const entries = [
    ...item.progress.map((p) => ({ kind: 'report' as const, at: p.at, p })),
    ...item.steps.map((s) => ({ kind: 'step' as const, at: s.at, s })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section className="card" aria-labelledby="ai-timeline">
      <div className="section-head">
        <h2 id="ai-timeline">{t('actionItems.timeline.title')}</h2>
        <span className="muted small">{t('actionItems.timeline.order')}</span>
      </div>
      {item.progress.length === 0 && <p className="muted">{t('actionItems.timeline.empty')}</p>}
      <ol className="ai-timeline" data-testid="progress-timeline">
        {entries.map((e, n) =>
          e.kind === 'report' ? (
            <li key={`r-${e.at}-${n}`}>
              <div className="ai-timeline-head">
                <time dateTime={e.at}>{formatShortDateTime(e.at, i18n.language)}</time>
                <span className="ai-timeline-percent">{t('actionItems.percent', { percent: e.p.percent })}</span>
              </div>
              <p className="ai-text">{e.p.text}</p>
              <EvidenceList files={e.p.attachments} />
              <p className="muted small">{byLine(e.p.author.name, e.p.unit?.name)}</p>
            </li>
          ) : (
            <li key={`s-${e.at}-${n}`} className={`ai-timeline-step ai-step-${e.s.transition}`}>
              <div className="ai-timeline-head">
                <time dateTime={e.at}>{formatShortDateTime(e.at, i18n.language)}</time>
                <span>{t(`actionItems.transitionDone.${e.s.transition}`)}</span>
              </div>
              {e.s.note && <p className="ai-text">{e.s.note}</p>}
              <p className="muted small">{byLine(e.s.by.name, e.s.unit?.name)}</p>
            </li>
          ),
        )}
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
