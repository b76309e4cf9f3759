import { auditActionKey } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useAudit } from './queries.js';

export function AuditLog({ allianceId }: { allianceId: string }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const audit = useAudit(allianceId, page);
  return (
    <section className="card" aria-labelledby="audit">
      <h2 id="audit">{t('alliance.audit')}</h2>
      <QueryState query={audit} isEmpty={(p) => p.total === 0} empty={t('alliance.noAudit')}>
        {(p) => {
          const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
          return (
            <>
              <ul className="plain-list audit">
                {p.items.map((e) => (
                  <li key={e.id}>
                    <time dateTime={e.at}>{formatShortDateTime(e.at, i18n.language)}</time>
                    <span>
                      <strong>{e.actor?.name ?? '—'}</strong>
                      {e.actorUnit && (
                        <span className="muted">{t('alliance.actorUnit', { unit: e.actorUnit.name })}</span>
                      )}
                    </span>
                    <span>{t(auditActionKey(e.action), { defaultValue: e.action })}</span>
                    {e.after && <span className="muted audit-detail">{e.after}</span>}
                  </li>
                ))}
              </ul>
              <Pager page={page} pages={pages} label={t('alliance.audit')} onPage={setPage} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
