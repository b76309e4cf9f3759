import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  AllianceCreateSchema,
  AllianceKindSchema,
  AllianceSchema,
  MemberRoleSchema,
  type AllianceKind,
  type MemberRole,
} from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiRequestError, send } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { useMe } from '../../auth/useMe.js';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { UnitPicker } from './UnitPicker.js';
import './settings.css';

interface Founding {
  id: string;
  name: string;
  role: MemberRole;
}

/** 新建联合体: name, kind, description and the founding units; the rest is set in its settings. */
export default function NewAlliancePage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AllianceKind>('regional');
  const [description, setDescription] = useState('');
  const [units, setUnits] = useState<Founding[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: (body: unknown) => send('POST', '/api/alliances', body, AllianceSchema),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      void navigate(`/alliances/${a!.id}/settings?tab=members`);
    },
  });

  if (!me.canCreateAlliance) {
    return (
      <div className="page">
        <div role="alert" className="alert">
          <p>{t('common.forbiddenHere')}</p>
          <Link to="/">{t('notFound.back')}</Link>
        </div>
      </div>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      kind,
      description,
      memberships: units.map((u) => ({ unit: u.id, role: u.role })),
    };
    const parsed = AllianceCreateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(t, parsed.error, { memberships: t('allianceSettings.errDuplicateUnit') }));
      return;
    }
    setErrors({});
    create.mutate(body);
  };

  return (
    <div className="page settings">
      <p>
        <Link to="/">{t('allianceSettings.backToWorkbench')}</Link>
      </p>
      <header className="page-head">
        <h1>{t('allianceSettings.newTitle')}</h1>
        <p className="muted">{t('allianceSettings.newLead')}</p>
      </header>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="new-alliance-basics">
        <h2 id="new-alliance-basics">{t('allianceSettings.tabBasics')}</h2>
        <Field
          id="na-name"
          label={t('allianceSettings.name')}
          error={
            errors.name ??
            (create.error instanceof ApiRequestError && create.error.code === 'CONFLICT'
              ? t('allianceSettings.errNameTaken')
              : undefined)
          }
        >
          {(p) => <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} {...p} />}
        </Field>
        <Field id="na-kind" label={t('allianceSettings.kind')} error={errors.kind}>
          {(p) => (
            <select value={kind} onChange={(e) => setKind(e.target.value as AllianceKind)} {...p}>
              {AllianceKindSchema.options.map((k) => (
                <option key={k} value={k}>
                  {t(`allianceKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="na-description" label={t('allianceSettings.description')} error={errors.description}>
          {(p) => <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} {...p} />}
        </Field>

        <fieldset className="founding">
          <legend>{t('allianceSettings.foundingUnits')}</legend>
          {units.length === 0 ? (
            <p className="muted">{t('allianceSettings.noFoundingUnits')}</p>
          ) : (
            <ul className="plain-list founding-list">
              {units.map((u) => (
                <li key={u.id} className="founding-unit">
                  <span className="member-unit">{u.name}</span>
                  <label className="visually-hidden" htmlFor={`na-role-${u.id}`}>
                    {t('allianceSettings.unitRole', { unit: u.name })}
                  </label>
                  <select
                    id={`na-role-${u.id}`}
                    value={u.role}
                    onChange={(e) =>
                      setUnits(units.map((x) => (x.id === u.id ? { ...x, role: e.target.value as MemberRole } : x)))
                    }
                  >
                    {MemberRoleSchema.options.map((r) => (
                      <option key={r} value={r}>
                        {t(`roles.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="ghost"
                    aria-label={t('allianceSettings.removeFromList', { unit: u.name })}
                    onClick={() => setUnits(units.filter((x) => x.id !== u.id))}
                  >
                    {t('allianceSettings.removeShort')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {errors.memberships && <p className="field-error">{errors.memberships}</p>}
          <UnitPicker
            id="na-unit-search"
            exclude={new Set(units.map((u) => u.id))}
            onPick={(u) =>
              setUnits([...units, { id: u.id, name: u.name, role: units.length === 0 ? 'lead' : 'member' }])
            }
          />
        </fieldset>

        <div className="form-actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? t('allianceSettings.creating') : t('allianceSettings.create')}
          </button>
          <Link to="/">{t('allianceSettings.cancel')}</Link>
          {create.isError && !(create.error instanceof ApiRequestError && create.error.code === 'CONFLICT') && (
            <span role="alert" className="field-error">
              {errorMessage(t, create.error)}
            </span>
          )}
        </div>
      </form>
    </div>
  );
}
