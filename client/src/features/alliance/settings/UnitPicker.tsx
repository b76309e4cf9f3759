import type { Unit } from '@tongxin/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitSearch } from './queries.js';

/**
 * Finds units by part of their name and offers each as a button, so it works with a keyboard and
 * a screen reader alike; units already chosen are left out.
 */
export function UnitPicker({ id, exclude, onPick }: { id: string; exclude: Set<string>; onPick: (u: Unit) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  // Ask the server once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setTerm(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const units = useUnitSearch(term);
  const found = (units.data?.items ?? []).filter((u) => !exclude.has(u.id));
  return (
    <div className="unit-picker">
      <label htmlFor={id}>{t('allianceSettings.findUnit')}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={t('allianceSettings.findUnitHint')}
        onChange={(e) => setText(e.target.value)}
        maxLength={100}
        autoComplete="off"
      />
      <div aria-live="polite" className="unit-picker-results">
        {units.isPending ? (
          <p className="muted small">{t('allianceSettings.searching')}</p>
        ) : found.length === 0 ? (
          <p className="muted small">{t('allianceSettings.noUnitFound')}</p>
        ) : (
          <ul className="plain-list picker-list">
            {found.map((u) => (
              <li key={u.id}>
                <button type="button" className="secondary" onClick={() => onPick(u)}>
                  {t('allianceSettings.addUnit', { unit: u.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
