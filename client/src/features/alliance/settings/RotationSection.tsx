import type { Alliance } from '@tongxin/shared';
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllianceChange } from './queries.js';
import { SaveBar } from './SaveBar.js';

const move = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
};

/**
 * 召集轮值: the order member units convene in, by drag and drop or the move buttons (keyboard),
 * and the units passed over for now (暂不轮值), which keep their place in the order.
 */
export function RotationSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const names = new Map(alliance.memberships.map((m) => [m.unit.id, m.unit.name]));
  for (const u of alliance.rotation) if (!names.has(u.id)) names.set(u.id, u.name);
  const [order, setOrder] = useState<string[]>(alliance.rotation.map((u) => u.id));
  const [skipped, setSkipped] = useState<string[]>(alliance.rotationSkipped);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [moved, setMoved] = useState<{ unit: string; dir: 'up' | 'down' } | null>(null);
  const save = useAllianceChange<{ rotation: string[]; skipped: string[] }>(alliance.id, 'PUT', () => '/rotation');
  const manage = alliance.can.manage;

  // A moved unit keeps the focus on its button (or the other one at either end of the list).
  useEffect(() => {
    if (!moved) return;
    const i = order.indexOf(moved.unit);
    const dir =
      (moved.dir === 'up' && i === 0) || (moved.dir === 'down' && i === order.length - 1)
        ? moved.dir === 'up'
          ? 'down'
          : 'up'
        : moved.dir;
    document.getElementById(`rot-${dir}-${moved.unit}`)?.focus();
  }, [moved, order]);

  const shift = (i: number, to: number, dir: 'up' | 'down') => {
    setOrder(move(order, i, to));
    setMoved({ unit: order[i]!, dir });
  };
  const onDrop = (to: number) => (e: DragEvent) => {
    e.preventDefault();
    if (dragFrom !== null && dragFrom !== to) setOrder(move(order, dragFrom, to));
    setDragFrom(null);
  };
  const voting = alliance.memberships.filter((m) => m.role !== 'observer').map((m) => m.unit.id);
  const outside = voting.filter((u) => !order.includes(u));
  const dirty =
    order.join() !== alliance.rotation.map((u) => u.id).join() ||
    [...skipped].sort().join() !== [...alliance.rotationSkipped].sort().join();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ rotation: order, skipped: skipped.filter((u) => order.includes(u)) });
  };
  const movedIndex = moved ? order.indexOf(moved.unit) : -1;

  return (
    <form onSubmit={onSubmit} noValidate>
      <p className="muted">{t('allianceSettings.rotationLead')}</p>
      {order.length === 0 ? (
        <p className="muted">{t('allianceSettings.rotationEmpty')}</p>
      ) : (
        order.every((u) => skipped.includes(u)) && <p className="alert">{t('allianceSettings.allSkipped')}</p>
      )}
      <ol className="plain-list rotation-edit" data-testid="rotation-order">
        {order.map((unitId, i) => {
          const name = names.get(unitId) ?? '—';
          const isSkipped = skipped.includes(unitId);
          const next = alliance.nextConvener?.id === unitId;
          return (
            <li
              key={unitId}
              className={['rotation-row', dragFrom === i ? 'dragging' : '', isSkipped ? 'skipped' : ''].join(' ')}
              draggable={manage}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                setDragFrom(i);
              }}
              onDragOver={(e) => manage && e.preventDefault()}
              onDrop={onDrop(i)}
              onDragEnd={() => setDragFrom(null)}
            >
              <span className="rotation-n">{t('allianceSettings.position', { n: i + 1 })}</span>
              <span className="rotation-name">{name}</span>
              <span className="tags">
                {next && <span className="tag role-lead">{t('alliance.nextConvener')}</span>}
                {isSkipped && <span className="tag role-observer">{t('allianceSettings.skippedTag')}</span>}
              </span>
              {manage && (
                <span className="rotation-actions">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={isSkipped}
                      onChange={(e) =>
                        setSkipped(e.target.checked ? [...skipped, unitId] : skipped.filter((u) => u !== unitId))
                      }
                    />
                    <span className="visually-hidden">{name} </span>
                    {t('allianceSettings.skip')}
                  </label>
                  <button
                    type="button"
                    className="secondary"
                    id={`rot-up-${unitId}`}
                    disabled={i === 0}
                    onClick={() => shift(i, i - 1, 'up')}
                  >
                    {t('allianceSettings.moveUp')}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    id={`rot-down-${unitId}`}
                    disabled={i === order.length - 1}
                    onClick={() => shift(i, i + 1, 'down')}
                  >
                    {t('allianceSettings.moveDown')}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {moved && movedIndex >= 0
          ? t('allianceSettings.moved', { unit: names.get(moved.unit), n: movedIndex + 1 })
          : ''}
      </p>
      {manage && outside.length > 0 && (
        <div className="rotation-outside">
          <h3>{t('allianceSettings.notInRotation')}</h3>
          <ul className="plain-list">
            {outside.map((u) => (
              <li key={u}>
                <button type="button" className="secondary" onClick={() => setOrder([...order, u])}>
                  {t('allianceSettings.addToRotation', { unit: names.get(u) })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {manage && <SaveBar mutation={save} label={t('allianceSettings.rotationSave')} disabled={!dirty} />}
    </form>
  );
}
