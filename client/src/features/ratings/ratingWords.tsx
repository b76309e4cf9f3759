import { periodRange, type RatingRules } from '@tongxin/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** 2026年第四季度 / Q4 2026; 2026年10月 / Oct 2026; 2026年度 / Year 2026. */
export function periodLabel(t: TFunction, lang: string, key: string): string {
  const range = periodRange(key);
  if (!range) return key;
  const [year, rest] = key.split('-');
  switch (range.kind) {
    case 'quarter':
      return t('ratings.period.quarter', { year, quarter: t(`ratings.quarter.q${rest!.slice(1)}`) });
    case 'month': {
      const month = lang.startsWith('zh')
        ? String(Number(rest))
        : new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(
            new Date(Date.UTC(Number(year), Number(rest) - 1, 15)),
          );
      return t('ratings.period.month', { year, month });
    }
    case 'year':
      return t('ratings.period.year', { year });
  }
}

/** A figure as the screens show it: at most two decimals, no trailing zeros. */
export const figure = (n: number) => String(Math.round(n * 100) / 100);

/** ★★★★☆ with the words a screen reader says instead (“4 星”). */
export function Stars({ stars, className }: { stars: number; className?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={['rating-stars', className ?? ''].join(' ').trim()}
      role="img"
      aria-label={t('ratings.starsLabel', { count: stars })}
      data-stars={stars}
    >
      <span aria-hidden="true">
        {'★'.repeat(stars)}
        <span className="rating-stars-off">{'☆'.repeat(5 - stars)}</span>
      </span>
    </span>
  );
}

/** The rules in sentences: period, method, the formula, the thresholds or shares. */
export function RulesSummary({ rules }: { rules: RatingRules }) {
  const { t } = useTranslation();
  const [s2, s3, s4, s5] = rules.thresholds.map(figure);
  const [p5, p4, p3, p2] = rules.rankShares.map(figure);
  return (
    <div className="rating-rules" data-testid="rating-rules">
      <p>
        {t('ratings.summary.kind', {
          kind: t(`ratings.kind.${rules.period}`),
          method: t(`ratings.method.${rules.method}`),
        })}
      </p>
      <p>{t('ratings.summary.formula', { pw: figure(rules.pointsWeight), aw: figure(rules.appraisalWeight) })}</p>
      <p>
        {rules.method === 'thresholds'
          ? t('ratings.summary.thresholds', { s2, s3, s4, s5 })
          : t('ratings.summary.ranks', { p5, p4, p3, p2 })}
      </p>
    </div>
  );
}
