import { SecretariesSchema, type Alliance } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';
import { useAllianceChange, useUnitPeople } from './queries.js';

/** 秘书: who drafts and manages; at least one always remains. */
export function SecretariesSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState('');
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const people = useUnitPeople(unit || null);
  const save = useAllianceChange<{ secretaries: string[] }>(alliance.id, 'PUT', () => '/secretaries');
  const current = alliance.secretaries.map((s) => s.id);

  const put = (secretaries: string[]) => {
    const parsed = SecretariesSchema.safeParse({ secretaries });
    if (!parsed.success) return setError(t('allianceSettings.errSecretaries'));
    setError(null);
    save.mutate({ secretaries }, { onSuccess: () => setPerson('') });
  };
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    if (!person) return setError(t('allianceSettings.choosePerson'));
    put([...current, person]);
  };
  const candidates = (people.data?.items ?? []).filter((u) => !current.includes(u.id));

  return (
    <>
      <p className="muted">{t('allianceSettings.secretariesLead')}</p>
      <ul className="plain-list secretary-list">
        {alliance.secretaries.map((s) => (
          <li key={s.id} className="secretary-row">
            <span>{s.name}</span>
            {alliance.can.manage && (
              <button
                type="button"
                className="ghost"
                disabled={save.isPending || current.length <= 1}
                onClick={() => put(current.filter((x) => x !== s.id))}
              >
                {t('allianceSettings.removeSecretary', { name: s.name })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {alliance.can.manage && (
        <form className="form grid add-secretary" onSubmit={onAdd} noValidate aria-labelledby="add-secretary">
          <h3 id="add-secretary">{t('allianceSettings.addSecretary')}</h3>
          <div className="field">
            <label htmlFor="as-unit">{t('allianceSettings.secretaryUnit')}</label>
            <select
              id="as-unit"
              value={unit}
              onChange={(e) => {
                setUnit(e.target.value);
                setPerson('');
              }}
            >
              <option value="">{t('allianceSettings.chooseUnit')}</option>
              {alliance.memberships.map((m) => (
                <option key={m.unit.id} value={m.unit.id}>
                  {m.unit.name}
                </option>
              ))}
            </select>
          </div>
          <div className={error ? 'field invalid' : 'field'}>
            <label htmlFor="as-person">{t('allianceSettings.secretaryPerson')}</label>
            <select
              id="as-person"
              value={person}
              onChange={(e) => setPerson(e.target.value)}
              disabled={!unit}
              aria-invalid={error !== null}
              aria-describedby={error ? 'as-person-err' : undefined}
            >
              <option value="">{t('allianceSettings.choosePerson')}</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {error && (
              <span className="field-error" id="as-person-err">
                {error}
              </span>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {t('allianceSettings.addSecretary')}
            </button>
            {save.isError && (
              <span role="alert" className="field-error">
                {errorMessage(t, save.error)}
              </span>
            )}
            {save.isSuccess && (
              <span role="status" className="success">
                {t('allianceSettings.saved')}
              </span>
            )}
          </div>
        </form>
      )}
    </>
  );
}
