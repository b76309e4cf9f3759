import { useQueries } from '@tanstack/react-query';
import type { ActionItem, Me } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../lib/errors.js';
import { formatDay } from '../../lib/format.js';
import { PercentBar, ProgressLegend, StatusChip } from './ItemBadges.js';
import { byUrgency, isOpen, unitItemsQuery, useLiveActionItems } from './queries.js';
import { LightBadge, LightLegend } from './StatusLight.js';
import './actionItems.css';

/** The units whose work this person follows: those they represent, and their own. */
function myUnits(me: Me): string[] {
  return [...new Set([...me.alliances.flatMap((a) => a.represents), ...(me.unit ? [me.unit.id] : [])])];
}

/** 本单位督办事项 on the workbench: open work first, overdue at the top, then by deadline. */
export function MyUnitItems({ me }: { me: Me }) {
  const { t } = useTranslation();
  const units = myUnits(me);
  const results = useQueries({ queries: units.map(unitItemsQuery) });
  useLiveActionItems(me.alliances.map((a) => a.id));
  if (units.length === 0) return null;

  const pending = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError);
  const byId = new Map<string, ActionItem>();
  for (const r of results) for (const i of r.data?.items ?? []) byId.set(i.id, i);
  const all = [...byId.values()];
  const open = all.filter(isOpen).sort(byUrgency);
  const hidden = all.length - open.length;
  const allianceName = (id: string) =>
    me.alliances.length > 1 ? me.alliances.find((a) => a.id === id)?.name : undefined;

  return (
    <section className="card" aria-labelledby="my-unit-items" aria-busy={pending}>
      <h2 id="my-unit-items">{t('actionItems.home.title')}</h2>
      {pending && (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      )}
      {failed && (
        <div role="alert" className="alert">
          <p>{errorMessage(t, failed.error)}</p>
          <button type="button" onClick={() => results.forEach((r) => r.isError && void r.refetch())}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {!pending && !failed && open.length === 0 && <p className="muted">{t('actionItems.home.empty')}</p>}
      {open.length > 0 && (
        <ul className="plain-list" data-testid="my-unit-items">
          {open.map((i) => (
            <ItemCard key={i.id} item={i} units={units} allianceName={allianceName(i.alliance)} />
          ))}
        </ul>
      )}
      {open.length > 0 && <LightLegend />}
      {open.length > 0 && <ProgressLegend />}
      {!pending && hidden > 0 && <p className="muted small">{t('actionItems.home.hidden', { total: hidden })}</p>}
    </section>
  );
}

function ItemCard({
  item,
  units,
  allianceName,
}: {
  item: ActionItem;
  units: string[];
  allianceName?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const leads = units.includes(item.leadUnit.id);
  return (
    <li className={item.overdue ? 'ai-card ai-row-late' : 'ai-card'}>
      <div className="ai-card-head">
        <Link to={`/action-items/${item.id}`} className="ai-card-title">
          {item.title}
        </Link>
        <span className="ai-chips">
          <LightBadge light={item.light} />
          <StatusChip item={item} />
        </span>
      </div>
      <p className="meeting-meta">
        <span className={`tag ${leads ? 'role-lead' : ''}`}>
          {leads ? t('actionItems.home.lead') : t('actionItems.home.cooperating')}
        </span>
        <span>{item.leadUnit.name}</span>
        {allianceName && <span>{allianceName}</span>}
        <span className={item.overdue ? 'ai-late' : undefined}>
          {t('actionItems.dueOn', { date: formatDay(item.dueDate, i18n.language) })}
        </span>
      </p>
      <PercentBar item={item} />
    </li>
  );
}
