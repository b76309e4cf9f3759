import type { Minutes, MinutesConfirmation } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { formatShortDateTime } from '../../lib/format.js';

/** How many units have answered, and each unit's answer with who gave it and when. */
export function Confirmations({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const rows = minutes.confirmations;
  const count = (s: MinutesConfirmation['state']) => rows.filter((r) => r.state === s).length;
  const confirmed = count('confirmed');
  return (
    <section className="card" aria-labelledby="minutes-confirmations">
      <h2 id="minutes-confirmations">{t('minutes.confirmations')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('minutes.noUnits')}</p>
      ) : (
        <>
          <p className="minutes-progress-label" id="minutes-progress" data-testid="minutes-progress">
            {t('minutes.progress', { confirmed, total: rows.length })}
          </p>
          <progress
            className="minutes-progress"
            value={confirmed}
            max={rows.length}
            aria-labelledby="minutes-progress"
          />
          <p className="muted small minutes-counts">
            <span>{t('minutes.commentedCount', { count: count('commented') })}</span>
            <span>{t('minutes.pendingCount', { count: count('pending') })}</span>
          </p>
          <ul className="plain-list minutes-units">
            {rows.map((row) => (
              <Row key={row.unit.id} row={row} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Row({ row }: { row: MinutesConfirmation }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="minutes-unit" data-testid={`confirmation-${row.unit.id}`} data-state={row.state}>
      <div className="minutes-unit-head">
        <span className="minutes-unit-name">{row.unit.name}</span>
        <span className={`tag confirm-${row.state}`}>{t(`minutes.state.${row.state}`)}</span>
      </div>
      {row.state !== 'pending' && row.at && (
        <p className="muted small minutes-unit-meta">
          {t('minutes.answeredBy', {
            name: row.user?.name ?? t('minutes.unknownPerson'),
            time: formatShortDateTime(row.at, i18n.language),
          })}
        </p>
      )}
      {row.comment && <blockquote className="minutes-comment">{row.comment}</blockquote>}
    </li>
  );
}
