import type { Ref } from '@tongxin/shared';
import { useQuery } from '@tanstack/react-query';
import { UnitSchema, pageOf } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { getJson } from '../../lib/api.js';
import { useMe } from '../auth/useMe.js';
import { AuditList } from './AuditList.js';

/** The system's log (操作记录) for administrators: what happened outside any alliance. */
export default function AdminAuditPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const units = useQuery({
    queryKey: ['audit', 'units'],
    queryFn: () => getJson('/api/units?pageSize=100', pageOf(UnitSchema)),
    enabled: me?.user.isAdmin === true,
  });
  if (!me?.user.isAdmin) {
    return (
      <div className="page">
        <div role="alert" className="alert">
          <p>{t('common.forbiddenHere')}</p>
          <Link to="/">{t('notFound.back')}</Link>
        </div>
      </div>
    );
  }
  const unitRefs: Ref[] = (units.data?.items ?? []).map((u) => ({ id: u.id, name: u.name }));
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('audit.adminTitle')}</h1>
        <p className="lead">{t('audit.adminIntro')}</p>
      </header>
      <section className="card" aria-label={t('audit.adminTitle')}>
        <AuditList endpoint="/api/audit" label={t('audit.adminTitle')} categories={['people', 'other']} units={unitRefs} />
      </section>
    </div>
  );
}
