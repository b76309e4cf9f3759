import type { Ref } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../app/QueryState.js';
import { formatShortDateTime } from '../../lib/format.js';
import { formatHours } from './issues.js';
import { useRegistrations } from './queries.js';

/** 报到党员: who registered with the communities the viewer organizes, with their skills and hours. */
export function RegistrationsPanel({ allianceId, communities }: { allianceId: string; communities: Ref[] }) {
  const { t, i18n } = useTranslation();
  const [community, setCommunity] = useState(communities.length === 1 ? communities[0]!.id : '');
  const registrations = useRegistrations(allianceId, community ? `community=${community}` : '');
  const ours = new Set(communities.map((c) => c.id));
  return (
    <>
      <div className="service-toolbar">
        <label className="service-inline-field">
          <span>{t('people.registrations.community')}</span>
          <select value={community} onChange={(e) => setCommunity(e.target.value)}>
            {communities.length > 1 && <option value="">{t('people.registrations.allCommunities')}</option>}
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={registrations}>
        {(r) => {
          // The members of the communities organized here (the answer also holds the viewer's own).
          const items = r.items.filter((x) => ours.has(x.community.id));
          if (items.length === 0) return <p className="muted">{t('people.registrations.empty')}</p>;
          return (
            <>
              <p className="muted small" aria-live="polite">
                {t('people.registrations.total', { count: items.length })}
              </p>
              <div
                className="table-wrap service-table-wrap"
                tabIndex={0}
                role="region"
                aria-label={t('people.registrations.tableLabel')}
              >
                <table className="service-table" data-testid="registrations-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('people.registrations.member')}</th>
                      <th scope="col">{t('people.registrations.workUnit')}</th>
                      {!community && <th scope="col">{t('people.registrations.community')}</th>}
                      <th scope="col">{t('people.registrations.skills')}</th>
                      <th scope="col">{t('people.registrations.registeredAt')}</th>
                      <th scope="col" className="num">
                        {t('people.registrations.hours')}
                      </th>
                      <th scope="col">{t('people.registrations.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((x) => (
                      <tr key={x.id}>
                        <th scope="row">{x.member.name}</th>
                        <td>{x.workUnit?.name ?? '—'}</td>
                        {!community && <td>{x.community.name}</td>}
                        <td>{x.skills.join(i18n.language.startsWith('zh') ? '、' : ', ') || '—'}</td>
                        <td>{formatShortDateTime(x.registeredAt, i18n.language)}</td>
                        <td className="num">{formatHours(x.hours, i18n.language)}</td>
                        <td>{x.endedAt ? t('people.register.ended') : t('people.register.active')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
