import { PERIOD_KINDS, periodKey, periodRange, previousPeriod, type PeriodKind } from '@tongxin/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The period of `kind` that today falls in (Beijing calendar). */
export const currentPeriod = (kind: PeriodKind) => periodKey(new Date(), kind);

/** The period of the same kind just after `key` (2026-Q4 → 2027-Q1). */
export function nextPeriod(key: string): string | null {
  const range = periodRange(key);
  return range ? periodKey(range.end, range.kind) : null;
}

/** 2026年第4季度 / Q4 2026, 2026年10月 / October 2026, 2026年 / 2026. */
export function periodLabel(t: TFunction, lang: string, key: string): string {
  const range = periodRange(key);
  if (!range) return key;
  const [year, part = ''] = key.split('-');
  if (range.kind === 'year') return t('evaluation.period.year', { year });
  if (range.kind === 'quarter') return t('evaluation.period.quarter', { year, quarter: part.slice(1) });
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(part) - 1, 15)));
}

/** 考核周期: month / quarter / year, and the previous / next period of that kind. */
export function PeriodPicker({ period, onChange }: { period: string; onChange: (period: string) => void }) {
  const { t, i18n } = useTranslation();
  const kind = periodRange(period)?.kind ?? 'quarter';
  const prev = previousPeriod(period);
  const next = nextPeriod(period);
  const now = currentPeriod(kind);
  return (
    <div className="period-picker" role="group" aria-label={t('evaluation.period.label')}>
      <label>
        <span className="visually-hidden">{t('evaluation.period.kind')}</span>
        <select value={kind} onChange={(e) => onChange(currentPeriod(e.target.value as PeriodKind))}>
          {PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`evaluation.period.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="ghost" aria-label={t('evaluation.period.previous')} title={t('evaluation.period.previous')} disabled={!prev} onClick={() => prev && onChange(prev)}>
        ‹
      </button>
      <strong className="period-label" aria-live="polite" data-testid="period-label">
        {periodLabel(t, i18n.language, period)}
      </strong>
      <button type="button" className="ghost" aria-label={t('evaluation.period.next')} title={t('evaluation.period.next')} disabled={!next} onClick={() => next && onChange(next)}>
        ›
      </button>
      {period !== now && (
        <button type="button" className="ghost" onClick={() => onChange(now)}>
          {t('evaluation.period.current')}
        </button>
      )}
    </div>
  );
}
