import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActiveFilterSchema, UnitSchema, type ActiveFilter, type Unit } from '@tongxin/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useMe } from '../auth/useMe.js';
import { AdminDialog } from './AdminDialog.js';
import { ListFilters } from './ListFilters.js';
import { PAGE_SIZE, UNITS_KEY, useUnits } from './queries.js';
import { UnitForm } from './UnitForm.js';
import './admin.css';

/** 成员单位: admins add, edit, deactivate and reactivate units; secretaries see them and add one. */
export function UnitsPage() {
  const { t } = useTranslation();
  const setup = useMe().data!.setup;
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ActiveFilter>('active');
  const [page, setPage] = useState(1);
  const units = useUnits({ q: q.trim(), status, page });
  // An installation with no unit yet opens the form; it then stays open for the next unit until
  // the person closes it (following `total` would snap it shut after the first one).
  const noUnitsYet = units.data?.total === 0 && !q && status === 'active';
  const [formOpen, setFormOpen] = useState(false);
  useEffect(() => {
    if (noUnitsYet) setFormOpen(true);
  }, [noUnitsYet]);

  if (!setup.createUnits) return <Refused />;
  return (
    <div className="page admin-page">
      <header className="page-head">
        <p className="small">
          <Link to="/">{t('admin.back')}</Link>
        </p>
        <h1>{t('admin.units.title')}</h1>
        <p className="muted">{t('admin.units.intro')}</p>
      </header>

      <details className="card admin-new" open={formOpen} onToggle={(e) => setFormOpen(e.currentTarget.open)}>
        <summary>{t('admin.units.new')}</summary>
        <UnitForm onDone={() => undefined} />
      </details>

      <section className="card" aria-labelledby="units-list">
        <div className="section-head">
          <h2 id="units-list">{t('admin.units.list')}</h2>
          {units.data && <span className="muted small">{t('admin.units.count', { count: units.data.total })}</span>}
        </div>
        <ListFilters
          search={{ label: t('admin.units.search'), value: q, onChange: (v) => (setQ(v), setPage(1)) }}
          status={{ value: status, onChange: (v) => (setStatus(ActiveFilterSchema.parse(v)), setPage(1)) }}
        />
        <QueryState query={units} isEmpty={(d) => d.items.length === 0} empty={t('admin.units.empty')}>
          {(data) => (
            <>
              <ul className="plain-list admin-rows" aria-busy={units.isFetching}>
                {data.items.map((u) => (
                  <UnitRow key={u.id} unit={u} manage={setup.manageUnits} />
                ))}
              </ul>
              <Pager
                page={page}
                pages={Math.ceil(data.total / PAGE_SIZE)}
                label={t('admin.units.list')}
                onPage={setPage}
              />
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function UnitRow({ unit, manage }: { unit: Unit; manage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: () =>
      send('POST', `/api/units/${unit.id}/${unit.active ? 'deactivate' : 'reactivate'}`, undefined, UnitSchema),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  return (
    <li className="admin-row" data-testid="unit-row">
      <div className="admin-row-main">
        <span className="admin-row-title">{unit.name}</span>
        {!unit.active && <span className="tag tag-inactive">{t('admin.badge.inactive')}</span>}
        <span className="muted small">
          {t('admin.units.kindLevel', { kind: t(`unitKind.${unit.kind}`), level: t(`admin.level.${unit.level}`) })}
          {unit.region ? ` · ${unit.region}` : ''}
        </span>
      </div>
      {manage && !editing && (
        <div className="admin-row-actions">
          <button
            type="button"
            className="ghost"
            onClick={() => setEditing(true)}
            aria-label={`${t('admin.units.edit')} ${unit.name}`}
          >
            {t('admin.units.edit')}
          </button>
          <button
            type="button"
            className="ghost"
            onClick={() => (toggle.reset(), setConfirming(true))}
            aria-label={`${unit.active ? t('admin.units.deactivate') : t('admin.units.reactivate')} ${unit.name}`}
          >
            {unit.active ? t('admin.units.deactivate') : t('admin.units.reactivate')}
          </button>
        </div>
      )}
      {editing && (
        <div className="admin-edit">
          <h3>{t('admin.units.editTitle', { name: unit.name })}</h3>
          <UnitForm unit={unit} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
        </div>
      )}
      <AdminDialog
        open={confirming}
        title={t(unit.active ? 'admin.units.confirmDeactivateTitle' : 'admin.units.confirmReactivateTitle', {
          name: unit.name,
        })}
        confirmLabel={unit.active ? t('admin.units.deactivate') : t('admin.units.reactivate')}
        closeLabel={t('admin.units.keep')}
        pending={toggle.isPending}
        error={toggle.isError ? errorMessage(t, toggle.error) : null}
        onConfirm={() => toggle.mutate()}
        onClose={() => setConfirming(false)}
      >
        <p>{t(unit.active ? 'admin.units.confirmDeactivateBody' : 'admin.units.confirmReactivateBody')}</p>
      </AdminDialog>
    </li>
  );
}

/** For someone who reaches the address without the right: what happened and the way back. */
export function Refused() {
  const { t } = useTranslation();
  return (
    <div role="alert" className="alert">
      <p>{t('errors.FORBIDDEN')}</p>
      <Link to="/">{t('admin.back')}</Link>
    </div>
  );
}
