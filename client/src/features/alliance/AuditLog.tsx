import type { Alliance } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { AuditList } from '../audit/AuditList.js';

/** The alliance's log (操作记录): every change in it, in words. */
export function AuditLog({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const units = alliance.memberships.map((m) => m.unit);
  return (
    <section className="card" aria-labelledby="audit">
      <h2 id="audit">{t('audit.title')}</h2>
      <AuditList
        endpoint={`/api/alliances/${alliance.id}/audit`}
        label={t('audit.title')}
        categories={['membership', 'meeting', 'decision', 'vote', 'actionItem', 'lists', 'evaluation', 'people', 'other']}
        units={units}
      />
    </section>
  );
}
