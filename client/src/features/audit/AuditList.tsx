import { AUDIT_CATEGORIES, AuditDayRangeSchema, type AuditCategory, type Ref } from '@tongxin/shared';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { AuditEntry } from './AuditEntry.js';
import { useAuditLog, type AuditFilters } from './queries.js';
import './audit.css';

/**
 * An audit log with the filters a secretary reaches for — kind of action, acting unit, a period —
 * and paging. The same list serves an alliance's log and the system's.
 */
export function AuditList({
  endpoint,
  label,
  categories = AUDIT_CATEGORIES,
  units,
}: {
  endpoint: string;
  /** The log's name, for the pager. */
  label: string;
  categories?: readonly AuditCategory[];
  /** The units to filter by; none offered when empty. */
  units: Ref[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [days, setDays] = useState<{ from: string; to: string }>({ from: '', to: '' });
  const [rangeError, setRangeError] = useState<string | undefined>();
  const log = useAuditLog(endpoint, page, filters);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const choose = (patch: AuditFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const setDay = (k: 'from' | 'to') => (e: ChangeEvent<HTMLInputElement>) => {
    const next = { ...days, [k]: e.target.value };
    setDays(next);
    const range = AuditDayRangeSchema.safeParse({ from: next.from || undefined, to: next.to || undefined });
    if (!range.success) {
      setRangeError(t('audit.filter.toBeforeFrom'));
      return;
    }
    setRangeError(undefined);
    choose({ from: range.data.from, to: range.data.to });
  };
  const clear = () => {
    setDays({ from: '', to: '' });
    setRangeError(undefined);
    setFilters({});
    setPage(1);
  };

  return (
    <>
      <fieldset className="audit-filters">
        <legend>{t('audit.filter.legend')}</legend>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('audit.filter.category')}</label>
          <select
            id={`${id}-category`}
            value={filters.category ?? ''}
            onChange={(e) => choose({ category: (e.target.value || undefined) as AuditCategory | undefined })}
          >
            <option value="">{t('audit.filter.allCategories')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`audit.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {units.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('audit.filter.unit')}</label>
            <select id={`${id}-unit`} value={filters.unit ?? ''} onChange={(e) => choose({ unit: e.target.value || undefined })}>
              <option value="">{t('audit.filter.allUnits')}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('audit.filter.from')}</label>
          <input id={`${id}-from`} type="date" value={days.from} onChange={setDay('from')} />
        </div>
        <div className={rangeError ? 'field invalid' : 'field'}>
          <label htmlFor={`${id}-to`}>{t('audit.filter.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={days.to}
            onChange={setDay('to')}
            aria-invalid={rangeError !== undefined}
            aria-describedby={rangeError ? `${id}-to-err` : undefined}
          />
          {rangeError && (
            <span className="field-error" id={`${id}-to-err`}>
              {rangeError}
            </span>
          )}
        </div>
        {(filtered || days.from || days.to) && (
          <button type="button" className="ghost audit-clear" onClick={clear}>
            {t('audit.filter.clear')}
          </button>
        )}
      </fieldset>
      <p className="muted audit-note">{t('audit.timeZoneNote')}</p>
      <QueryState
        query={log}
        isEmpty={(p) => p.total === 0}
        empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
      >
        {(p) => (
          <>
            <p className="muted audit-total" aria-live="polite">
              {t('audit.total', { count: p.total })}
            </p>
            <ul className="plain-list audit-log" aria-busy={log.isPlaceholderData}>
              {p.items.map((e) => (
                <AuditEntry key={e.id} event={e} />
              ))}
            </ul>
            <Pager page={page} pages={Math.max(1, Math.ceil(p.total / p.pageSize))} label={label} onPage={setPage} />
          </>
        )}
      </QueryState>
    </>
  );
}
