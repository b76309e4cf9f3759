import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Search, status (active / deactivated / all) and any other filter above a setup list. */
export function ListFilters({
  search,
  status,
  children,
}: {
  search: { label: string; value: string; onChange: (v: string) => void };
  status: { value: string; onChange: (v: string) => void };
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="admin-filters" role="search">
      <div className="field">
        <label htmlFor={`${id}-q`}>{search.label}</label>
        <input id={`${id}-q`} type="search" value={search.value} onChange={(e) => search.onChange(e.target.value)} />
      </div>
      {children}
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('admin.status.label')}</label>
        <select id={`${id}-status`} value={status.value} onChange={(e) => status.onChange(e.target.value)}>
          <option value="active">{t('admin.status.active')}</option>
          <option value="inactive">{t('admin.status.inactive')}</option>
          <option value="all">{t('admin.status.all')}</option>
        </select>
      </div>
    </div>
  );
}
