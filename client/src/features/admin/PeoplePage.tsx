import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActiveFilterSchema, OneTimePasswordSchema, UserSchema, type ActiveFilter, type Person } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatList } from '../../lib/format.js';
import { useMe } from '../auth/useMe.js';
import { AdminDialog } from './AdminDialog.js';
import { ListFilters } from './ListFilters.js';
import { OneTimePasswordDialog } from './OneTimePassword.js';
import { PAGE_SIZE, PEOPLE_KEY, usePeople, useUnits } from './queries.js';
import { PersonForm } from './PersonForm.js';
import { Refused } from './UnitsPage.js';
import './admin.css';

type Shown = { title: string; password: string } | null;

/** 人员: accounts for member units, one-time passwords, deactivation, and whom each person represents. */
export function PeoplePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const filterId = useId();
  const [q, setQ] = useState('');
  const [unit, setUnit] = useState('');
  const [status, setStatus] = useState<ActiveFilter>('active');
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Shown>(null);
  const people = usePeople({ q: q.trim(), unit, status, page });
  // The units whose people this viewer may see and add, for the filter and the new-person form.
  const units = useUnits({ q: '', status: 'active', page: 1, pageSize: 100, scope: 'people' });
  const unitList = units.data?.items ?? [];

  if (!me.setup.people) return <Refused />;
  const admin = me.user.isAdmin;
  return (
    <div className="page admin-page">
      <header className="page-head">
        <p className="small">
          <Link to="/">{t('admin.back')}</Link>
        </p>
        <h1>{t('admin.people.title')}</h1>
        <p className="muted">{admin ? t('admin.people.intro') : t('admin.people.introSecretary')}</p>
      </header>

      <details className="card admin-new">
        <summary>{t('admin.people.new')}</summary>
        <PersonForm
          units={unitList}
          onCreated={(name, password) => setShown({ title: t('admin.people.createdTitle', { name }), password })}
        />
      </details>

      <section className="card" aria-labelledby="people-list">
        <div className="section-head">
          <h2 id="people-list">{t('admin.people.list')}</h2>
          {people.data && <span className="muted small">{t('admin.people.count', { count: people.data.total })}</span>}
        </div>
        <ListFilters
          search={{ label: t('admin.people.search'), value: q, onChange: (v) => (setQ(v), setPage(1)) }}
          status={{ value: status, onChange: (v) => (setStatus(ActiveFilterSchema.parse(v)), setPage(1)) }}
        >
          <div className="field">
            <label htmlFor={`${filterId}-unit`}>{t('admin.people.unitFilter')}</label>
            <select id={`${filterId}-unit`} value={unit} onChange={(e) => (setUnit(e.target.value), setPage(1))}>
              <option value="">{t('admin.people.allUnits')}</option>
              {unitList.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        </ListFilters>
        <QueryState query={people} isEmpty={(d) => d.items.length === 0} empty={t('admin.people.empty')}>
          {(data) => (
            <>
              <ul className="plain-list admin-rows" aria-busy={people.isFetching}>
                {data.items.map((p) => (
                  <PersonRow key={p.id} person={p} manage={admin && p.id !== me.user.id} onPassword={setShown} />
                ))}
              </ul>
              <Pager
                page={page}
                pages={Math.ceil(data.total / PAGE_SIZE)}
                label={t('admin.people.list')}
                onPage={setPage}
              />
            </>
          )}
        </QueryState>
      </section>
      <OneTimePasswordDialog shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}

function PersonRow({
  person,
  manage,
  onPassword,
}: {
  person: Person;
  manage: boolean;
  onPassword: (s: Shown) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<'reset' | 'toggle' | null>(null);
  const done = async () => {
    setConfirming(null);
    await queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
  };
  const reset = useMutation({
    mutationFn: () => send('POST', `/api/users/${person.id}/password`, {}, OneTimePasswordSchema),
    onSuccess: async (res) => {
      await done();
      onPassword({ title: t('admin.people.resetTitle', { name: person.name }), password: res!.oneTimePassword });
    },
  });
  const toggle = useMutation({
    mutationFn: () =>
      send('POST', `/api/users/${person.id}/${person.active ? 'deactivate' : 'reactivate'}`, undefined, UserSchema),
    onSuccess: done,
  });
  const pending = confirming === 'reset' ? reset : toggle;
  const represents = person.represents.map((r) =>
    t('admin.people.representsItem', { alliance: r.alliance.name, unit: r.unit.name }),
  );
  return (
    <li className="admin-row" data-testid="person-row">
      <div className="admin-row-main">
        <span className="admin-row-title">{person.name}</span>
        <span className="muted">{person.login}</span>
        {person.isAdmin && <span className="tag role-secretary">{t('admin.badge.admin')}</span>}
        {!person.active && <span className="tag tag-inactive">{t('admin.badge.inactive')}</span>}
        {person.mustChangePassword && person.active && (
          <span className="tag tag-warn">{t('admin.badge.mustChange')}</span>
        )}
        <span className="admin-row-line small">
          {person.unitName ?? t('admin.people.noUnit')}
          {person.phone ? ` · ${person.phone}` : ''}
          {person.email ? ` · ${person.email}` : ''}
        </span>
        <span className="admin-row-line small muted">
          {represents.length > 0
            ? `${t('admin.people.represents')}${formatList(represents, i18n.language)}`
            : t('admin.people.representsNone')}
        </span>
      </div>
      {manage && (
        <div className="admin-row-actions">
          {person.active && (
            <button
              type="button"
              className="ghost"
              onClick={() => (reset.reset(), setConfirming('reset'))}
              aria-label={`${t('admin.people.resetPassword')} ${person.name}`}
            >
              {t('admin.people.resetPassword')}
            </button>
          )}
          <button
            type="button"
            className="ghost"
            onClick={() => (toggle.reset(), setConfirming('toggle'))}
            aria-label={`${person.active ? t('admin.people.deactivate') : t('admin.people.reactivate')} ${person.name}`}
          >
            {person.active ? t('admin.people.deactivate') : t('admin.people.reactivate')}
          </button>
        </div>
      )}
      <AdminDialog
        open={confirming !== null}
        title={
          confirming === 'reset'
            ? t('admin.people.confirmResetTitle', { name: person.name })
            : t(person.active ? 'admin.people.confirmDeactivateTitle' : 'admin.people.confirmReactivateTitle', {
                name: person.name,
              })
        }
        confirmLabel={
          confirming === 'reset'
            ? t('admin.people.resetPassword')
            : person.active
              ? t('admin.people.deactivate')
              : t('admin.people.reactivate')
        }
        closeLabel={t('admin.people.keep')}
        pending={pending.isPending}
        error={pending.isError ? errorMessage(t, pending.error) : null}
        onConfirm={() => pending.mutate()}
        onClose={() => setConfirming(null)}
      >
        <p>
          {confirming === 'reset'
            ? t('admin.people.confirmResetBody')
            : t(person.active ? 'admin.people.confirmDeactivateBody' : 'admin.people.confirmReactivateBody')}
        </p>
      </AdminDialog>
    </li>
  );
}
