import type { ItemLight, LightCounts } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import './statusLight.css';

/** The reason in words: 临近时限, 超过14天未报告, 已逾期 3 天 … */
export function useLightWords() {
  const { t } = useTranslation();
  return (light: ItemLight) => {
    const reason =
      light.reason === 'overdue' && light.daysOverdue !== undefined
        ? t('actionItems.light.reason.overdueDays', { days: light.daysOverdue })
        : t(`actionItems.light.reason.${light.reason}`, { days: light.silentDays ?? '' });
    return { colour: t(`actionItems.light.${light.light}`), reason };
  };
}

/**
 * 亮灯 as the server computed it: a dot and the words (绿灯 正常推进, 红灯 已逾期 3 天), never the
 * colour alone. Items that are no longer open show their status instead, so `none` draws nothing.
 */
export function LightBadge({ light, compact = false }: { light: ItemLight; compact?: boolean }) {
  const words = useLightWords()(light);
  if (light.light === 'none') return null;
  return (
    <span className={`sl-badge sl-${light.light}`} data-testid="status-light" data-light={light.light}>
      <span className="sl-colour">
        <span className="sl-dot" aria-hidden="true" />
        {words.colour}
      </span>
      {!compact && <span className="sl-reason">{words.reason}</span>}
    </span>
  );
}

/** 红灯 2 · 黄灯 3 · 绿灯 5 above the ledger: each a button that filters by that light. */
export function LightSummary({
  counts,
  current,
  onPick,
}: {
  counts: LightCounts;
  current: string;
  onPick: (light: string) => void;
}) {
  const { t } = useTranslation();
  const lights = ['red', 'yellow', 'green'] as const;
  return (
    <p className="sl-summary" data-testid="light-summary">
      <span className="muted">{t('actionItems.light.summary')}</span>
      {lights.map((l, i) => (
        <span key={l} className="sl-summary-entry">
          <button
            type="button"
            className={`sl-summary-button sl-${l}`}
            aria-pressed={current === l}
            onClick={() => onPick(current === l ? '' : l)}
          >
            <span className="sl-dot" aria-hidden="true" />
            {t('actionItems.light.count', { light: t(`actionItems.light.${l}`), count: counts[l] })}
          </button>
          {i < lights.length - 1 && (
            <span className="muted" aria-hidden="true">
              ·
            </span>
          )}
        </span>
      ))}
    </p>
  );
}

/** What the lights mean, shown once under a list of them (as the progress bars' legend). */
export function LightLegend() {
  const { t } = useTranslation();
  const entries = [
    ['green', t('actionItems.light.legendGreen')],
    ['yellow', t('actionItems.light.legendYellow')],
    ['red', t('actionItems.light.legendRed')],
  ] as const;
  return (
    <p className="ai-legend small" data-testid="light-legend">
      <span className="muted">{t('actionItems.light.legendTitle')}</span>
      {entries.map(([light, label]) => (
        <span key={light} className={`ai-legend-entry sl-${light}`}>
          <span className="sl-dot" aria-hidden="true" />
          {label}
        </span>
      ))}
    </p>
  );
}
