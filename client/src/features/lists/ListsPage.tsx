import { DEMAND_STATUSES, PROJECT_STATUSES, RESOURCE_STATUSES, type Demand, type Project, type Resource } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { DemandForm } from './DemandForm.js';
import { Field, FormDialog } from './fields.js';
import { ProjectForm } from './ProjectForm.js';
import { LightBadge } from '../actionItems/StatusLight.js';
import { CategoriesSchema, put, useCategories, useListMutation, useListPage, type ListTab } from './queries.js';
import { ResourceForm } from './ResourceForm.js';
import { useActingUnits } from './useActingUnits.js';
import './lists.css';

const TABS: ListTab[] = ['demands', 'resources', 'projects'];
const STATUSES = { demands: DEMAND_STATUSES, resources: RESOURCE_STATUSES, projects: PROJECT_STATUSES };
const STATUS_KEY = { demands: 'demandStatus', resources: 'resourceStatus', projects: 'projectStatus' };
const PAGE_SIZE = 20;

/** 三张清单: 需求清单 / 资源清单 / 项目清单 of one alliance, filtered, searched and exported. */
export default function ListsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as ListTab) : 'demands';
  const { alliance, members, acting } = useActingUnits(id);
  const categories = useCategories(id);
  const [creating, setCreating] = useState(false);
  const [editingCategories, setEditingCategories] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');

  const filter = { category: params.get('category') ?? '', status: params.get('status') ?? '', unit: params.get('unit') ?? '', mine: params.get('mine') === 'true', q: params.get('q') ?? '' };
  const page = Number(params.get('page') ?? '1') || 1;
  const setFilter = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in change)) next.delete('page');
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams({
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.unit ? { unit: filter.unit } : {}),
    ...(filter.mine ? { mine: 'true' } : {}),
    ...(filter.q ? { q: filter.q } : {}),
  });
  const list = useListPage(id, tab, `${query.toString()}&page=${page}&pageSize=${PAGE_SIZE}`);
  const cats = categories.data?.categories ?? [];
  const filtered = query.toString() !== '';

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ q: search.trim() });
  };

  return (
    <div className="page lists-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          <Link to={`/alliances/${id}/whistles`}>{t('whistles.title')}</Link>
        </p>
        <h1>{t('lists.title')}</h1>
        <p className="lead">{t('lists.intro')}</p>
      </header>
      <div role="tablist" className="tabs lists-tabs" aria-label={t('lists.title')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'tab active' : 'tab'}
            onClick={() => setParams(new URLSearchParams({ tab: k }), { replace: true })}
          >
            {t(`lists.tabs.${k}`)}
          </button>
        ))}
      </div>
      <section className="card lists-card" aria-label={t(`lists.tabs.${tab}`)}>
        <div className="lists-toolbar">
          <form className="lists-search" role="search" onSubmit={onSearch}>
            <label htmlFor="lists-q" className="visually-hidden">
              {t('lists.filter.search')}
            </label>
            <input id="lists-q" type="search" value={search} placeholder={t('lists.filter.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
            <button type="submit">{t('lists.filter.search')}</button>
          </form>
          <div className="lists-actions">
            {acting.length > 0 && (
              <button type="button" onClick={() => setCreating(true)}>
                {tab === 'demands' ? t('lists.newDemand') : tab === 'resources' ? t('lists.newResource') : t('lists.newProject')}
              </button>
            )}
            <a className="button outline" href={`/api/alliances/${id}/${tab}/export?${query.toString()}&format=csv`} download>
              {t('lists.exportCsv')}
            </a>
            <a className="button outline" href={`/api/alliances/${id}/${tab}/export?${query.toString()}&format=xlsx`} download>
              {t('lists.exportXlsx')}
            </a>
          </div>
        </div>
        <fieldset className="lists-filters">
          <legend className="visually-hidden">{t('lists.filter.legend')}</legend>
          <label>
            <span>{t('lists.filter.category')}</span>
            <select value={filter.category} onChange={(e) => setFilter({ category: e.target.value })}>
              <option value="">{t('lists.filter.allCategories')}</option>
              {cats.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('lists.filter.status')}</span>
            <select value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
              <option value="">{t('lists.filter.allStatuses')}</option>
              {STATUSES[tab].map((s) => (
                <option key={s} value={s}>
                  {t(`lists.${STATUS_KEY[tab]}.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('lists.filter.unit')}</span>
            <select value={filter.unit} onChange={(e) => setFilter({ unit: e.target.value })}>
              <option value="">{t('lists.filter.allUnits')}</option>
              {members.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="lists-check">
            <input type="checkbox" checked={filter.mine} onChange={(e) => setFilter({ mine: e.target.checked ? 'true' : '' })} />
            <span>{t('lists.filter.mine')}</span>
          </label>
          {filtered && (
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams({ tab }), { replace: true });
              }}
            >
              {t('lists.filter.clear')}
            </button>
          )}
          {categories.data?.canEdit && (
            <button type="button" className="ghost" onClick={() => setEditingCategories(true)}>
              {t('lists.categories.edit')}
            </button>
          )}
        </fieldset>
        <QueryState
          query={list}
          isEmpty={(p) => p.items.length === 0}
          empty={filtered ? t('lists.empty.filtered') : t(`lists.empty.${tab}`)}
        >
          {(p) => (
            <>
              <p className="muted small" aria-live="polite">
                {t('lists.total', { count: p.total })}
              </p>
              <ul className="plain-list lists-items" data-testid={`${tab}-list`}>
                {tab === 'demands' && (p.items as Demand[]).map((d) => <DemandRow key={d.id} demand={d} />)}
                {tab === 'resources' && (p.items as Resource[]).map((r) => <ResourceRow key={r.id} resource={r} />)}
                {tab === 'projects' && (p.items as Project[]).map((x) => <ProjectRow key={x.id} project={x} />)}
              </ul>
              <Pager page={page} pages={Math.ceil(p.total / PAGE_SIZE)} label={t(`lists.tabs.${tab}`)} onPage={(n) => setFilter({ page: String(n) })} />
            </>
          )}
        </QueryState>
      </section>
      {creating && tab === 'demands' && (
        <DemandForm allianceId={id} categories={cats} units={acting} open onClose={() => setCreating(false)} />
      )}
      {creating && tab === 'resources' && (
        <ResourceForm allianceId={id} categories={cats} units={acting} open onClose={() => setCreating(false)} />
      )}
      {creating && tab === 'projects' && <ProjectForm allianceId={id} leadUnits={acting} members={members} open onClose={() => setCreating(false)} />}
      {editingCategories && categories.data && (
        <CategoriesDialog allianceId={id} categories={categories.data.categories} onClose={() => setEditingCategories(false)} />
      )}
    </div>
  );
}

function DemandRow({ demand: d }: { demand: Demand }) {
  const { t } = useTranslation();
  return (
    <li className="lists-item">
      <div className="lists-item-head">
        <Link className="lists-item-title" to={`/demands/${d.id}`}>
          {d.title}
        </Link>
        <span className={`lists-status demand-${d.status}`}>{t(`lists.demandStatus.${d.status}`)}</span>
      </div>
      <p className="lists-meta">
        <span className="tag">{d.category}</span>
        {d.urgency !== 'normal' && <span className={`tag urgency-${d.urgency}`}>{t(`lists.urgency.${d.urgency}`)}</span>}
        <span>{t('lists.demand.raisedBy', { unit: d.unit.name })}</span>
        {d.location && <span>{d.location}</span>}
        {d.claimedBy && <span>{t('lists.demand.claimedBy', { unit: d.claimedBy.name })}</span>}
      </p>
    </li>
  );
}

export function periodText(t: (k: string, o?: Record<string, unknown>) => string, r: Pick<Resource, 'availableFrom' | 'availableTo'>) {
  if (r.availableFrom && r.availableTo) return t('lists.resource.period', { from: r.availableFrom, to: r.availableTo });
  if (r.availableFrom) return t('lists.resource.from', { from: r.availableFrom });
  if (r.availableTo) return t('lists.resource.until', { to: r.availableTo });
  return t('lists.resource.always');
}

function ResourceRow({ resource: r }: { resource: Resource }) {
  const { t } = useTranslation();
  const { acting } = useActingUnits(r.alliance);
  const { categories } = useCategories(r.alliance).data ?? { categories: [] };
  const [editing, setEditing] = useState(false);
  return (
    <li className="lists-item">
      <div className="lists-item-head">
        <span className="lists-item-title">{r.title}</span>
        <span className={`lists-status resource-${r.status}`}>{t(`lists.resourceStatus.${r.status}`)}</span>
      </div>
      <p className="lists-meta">
        <span className="tag">{r.category}</span>
        <span className="tag">{t(`lists.resourceKind.${r.kind}`)}</span>
        <span>{t('lists.resource.offeredBy', { unit: r.unit.name })}</span>
        {r.quantity && <span>{r.quantity}</span>}
        <span>{periodText(t, r)}</span>
        {r.contact && <span>{r.contact}</span>}
      </p>
      {r.description && <p className="lists-desc">{r.description}</p>}
      {acting.some((u) => u.id === r.unit.id) && (
        <button type="button" className="ghost small-button" onClick={() => setEditing(true)}>
          {t('lists.edit')}
        </button>
      )}
      {editing && <ResourceForm allianceId={r.alliance} categories={categories} units={acting} resource={r} open onClose={() => setEditing(false)} />}
    </li>
  );
}

function ProjectRow({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const done = p.milestones.filter((m) => m.done).length;
  return (
    <li className="lists-item">
      <div className="lists-item-head">
        <Link className="lists-item-title" to={`/projects/${p.id}`}>
          {p.title}
        </Link>
        <span className="lists-item-badges">
          <LightBadge light={p.light} compact />
          <span className={`lists-status project-${p.status}`}>{t(`lists.projectStatus.${p.status}`)}</span>
        </span>
      </div>
      <p className="lists-meta">
        {p.category && <span className="tag">{p.category}</span>}
        <span>{t('lists.project.lead', { unit: p.leadUnit.name })}</span>
        <span>{t('lists.project.participantsCount', { count: p.participants.length })}</span>
        {p.milestones.length > 0 && <span>{t('lists.project.milestonesDone', { done, total: p.milestones.length })}</span>}
        {p.nextMilestone && <span>{t('lists.project.nextMilestone', { title: p.nextMilestone.title, date: p.nextMilestone.dueDate })}</span>}
      </p>
    </li>
  );
}

/** 清单类别: one per line; a secretary's change applies to new records. */
function CategoriesDialog({ allianceId, categories, onClose }: { allianceId: string; categories: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(categories.join('\n'));
  const save = useListMutation((list: string[]) => put(`/api/alliances/${allianceId}/list-categories`, { categories: list }, CategoriesSchema));
  return (
    <FormDialog
      open
      title={t('lists.categories.title')}
      submitLabel={t('lists.save')}
      cancelLabel={t('lists.cancel')}
      pending={save.isPending}
      error={save.isError ? errorMessage(t, save.error) : null}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        const list = [...new Set(text.split('\n').map((x) => x.trim()).filter(Boolean))];
        save.mutate(list, { onSuccess: onClose });
      }}
    >
      <Field label={t('lists.categories.title')} hint={t('lists.categories.hint')} wide>
        {(p) => <textarea {...p} rows={9} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
