import { MemberRoleSchema, MembershipPatchSchema, type Alliance, type MemberRole, type Unit } from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../app/QueryState.js';
import { formatList, formatShortDateTime } from '../../../lib/format.js';
import { errorMessage } from '../../../lib/errors.js';
import { fieldErrors, type FieldErrors } from './fields.js';
import { useAllianceChange, useUnitPeople } from './queries.js';
import { SaveBar } from './SaveBar.js';
import { UnitPicker } from './UnitPicker.js';

type Membership = Alliance['memberships'][number];

/** 成员单位与代表: roles, representatives (several, one primary), adding and removing units. */
export function MembersSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      {alliance.memberships.length === 0 ? (
        <p className="muted">{t('allianceSettings.noMembers')}</p>
      ) : (
        <ul className="plain-list member-rows">
          {alliance.memberships.map((m) => (
            <MemberRow
              key={m.unit.id}
              alliance={alliance}
              membership={m}
              editing={editing === m.unit.id}
              onEdit={(open) => setEditing(open ? m.unit.id : null)}
            />
          ))}
        </ul>
      )}
      {alliance.can.manage && <AddMember alliance={alliance} onAdded={(unitId) => setEditing(unitId)} />}
    </>
  );
}

function MemberRow({
  alliance,
  membership: m,
  editing,
  onEdit,
}: {
  alliance: Alliance;
  membership: Membership;
  editing: boolean;
  onEdit: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const remove = useAllianceChange<string>(alliance.id, 'DELETE', (unitId) => `/members/${unitId}`);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const others = m.representatives.filter((r) => r.id !== m.primaryRepresentative?.id);
  return (
    <li className="member-row" data-testid={`member-${m.unit.id}`}>
      <div className="member-row-head">
        <h3 className="member-unit">{m.unit.name}</h3>
        <span className={`tag role-${m.role}`}>{t(`roles.${m.role}`)}</span>
        <span className="muted small">
          {t('allianceSettings.joinedAt', { date: formatShortDateTime(m.joinedAt, i18n.language) })}
        </span>
      </div>
      <p className="member-reps">
        <span className="muted">{t('allianceSettings.repsLabel')}</span>
        {m.representatives.length === 0 ? (
          <span className="muted">{t('alliance.noRepresentative')}</span>
        ) : (
          <>
            {m.primaryRepresentative && (
              <>
                {m.primaryRepresentative.name} <span className="tag">{t('allianceSettings.primaryTag')}</span>
              </>
            )}
            {others.length > 0 && (
              <span>
                {' '}
                {formatList(
                  others.map((r) => r.name),
                  i18n.language,
                )}
              </span>
            )}
          </>
        )}
      </p>
      {alliance.can.manage && (
        <div className="row-actions">
          <button type="button" className="secondary" aria-expanded={editing} onClick={() => onEdit(!editing)}>
            {editing ? t('allianceSettings.closeEditor') : t('allianceSettings.editMember', { unit: m.unit.name })}
          </button>
          <button type="button" className="ghost" onClick={() => setConfirming(true)} disabled={confirming}>
            {t('allianceSettings.removeMember', { unit: m.unit.name })}
          </button>
        </div>
      )}
      {confirming && (
        <div className="confirm-panel" role="group" aria-labelledby={`confirm-remove-${m.unit.id}`}>
          <h4 id={`confirm-remove-${m.unit.id}`} ref={confirmRef} tabIndex={-1}>
            {t('allianceSettings.confirmRemoveTitle')}
          </h4>
          <p>{t('allianceSettings.confirmRemoveText', { unit: m.unit.name })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(m.unit.id)}
            >
              {remove.isPending ? t('allianceSettings.removing') : t('allianceSettings.confirmRemove')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('allianceSettings.cancel')}
            </button>
            {remove.isError && (
              <span role="alert" className="field-error">
                {errorMessage(t, remove.error)}
              </span>
            )}
          </div>
        </div>
      )}
      {editing && <MemberEditor alliance={alliance} membership={m} />}
    </li>
  );
}

function MemberEditor({ alliance, membership: m }: { alliance: Alliance; membership: Membership }) {
  const { t } = useTranslation();
  const people = useUnitPeople(m.unit.id);
  const [role, setRole] = useState<MemberRole>(m.role);
  const [reps, setReps] = useState<string[]>(m.representatives.map((r) => r.id));
  const [primary, setPrimary] = useState<string>(m.primaryRepresentative?.id ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => `/members/${m.unit.id}`);
  const id = (k: string) => `me-${m.unit.id}-${k}`;
  // The primary follows the representatives: the first one when the named one is unticked.
  const effectivePrimary = reps.includes(primary) ? primary : (reps[0] ?? '');

  const toggle = (userId: string, on: boolean) => setReps(on ? [...reps, userId] : reps.filter((r) => r !== userId));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      role,
      representatives: reps,
      ...(effectivePrimary ? { primaryRepresentative: effectivePrimary } : {}),
    };
    const parsed = MembershipPatchSchema.safeParse(body);
    if (!parsed.success) {
      return setErrors(fieldErrors(t, parsed.error, { primaryRepresentative: t('allianceSettings.errPrimary') }));
    }
    setErrors({});
    save.mutate(body);
  };
  return (
    <form className="form member-editor" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={id('role')}>{t('allianceSettings.unitRole', { unit: m.unit.name })}</label>
        <select id={id('role')} value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          {MemberRoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset aria-describedby={errors.representatives ? id('reps-err') : undefined}>
        <legend>{t('allianceSettings.representativesOf', { unit: m.unit.name })}</legend>
        <QueryState query={people} isEmpty={(p) => p.items.length === 0} empty={t('allianceSettings.noPeople')}>
          {(p) => (
            <ul className="plain-list checks">
              {p.items.map((u) => (
                <li key={u.id}>
                  <input
                    type="checkbox"
                    id={id(`rep-${u.id}`)}
                    checked={reps.includes(u.id)}
                    onChange={(e) => toggle(u.id, e.target.checked)}
                  />
                  <label htmlFor={id(`rep-${u.id}`)}>{u.name}</label>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
        {errors.representatives && (
          <span className="field-error" id={id('reps-err')}>
            {errors.representatives}
          </span>
        )}
      </fieldset>
      <div className={errors.primaryRepresentative ? 'field invalid' : 'field'}>
        <label htmlFor={id('primary')}>{t('allianceSettings.primaryOf', { unit: m.unit.name })}</label>
        <select
          id={id('primary')}
          value={effectivePrimary}
          onChange={(e) => setPrimary(e.target.value)}
          disabled={reps.length === 0}
          aria-invalid={errors.primaryRepresentative !== undefined}
          aria-describedby={errors.primaryRepresentative ? id('primary-err') : undefined}
        >
          {reps.length === 0 && <option value="">{t('allianceSettings.noPrimary')}</option>}
          {reps.map((r) => (
            <option key={r} value={r}>
              {people.data?.items.find((u) => u.id === r)?.name ?? m.representatives.find((x) => x.id === r)?.name ?? r}
            </option>
          ))}
        </select>
        {errors.primaryRepresentative && (
          <span className="field-error" id={id('primary-err')}>
            {errors.primaryRepresentative}
          </span>
        )}
      </div>
      <SaveBar mutation={save} />
    </form>
  );
}

function AddMember({ alliance, onAdded }: { alliance: Alliance; onAdded: (unitId: string) => void }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [role, setRole] = useState<MemberRole>('member');
  const add = useAllianceChange<{ unit: string; role: MemberRole }>(alliance.id, 'POST', () => '/members');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!unit) return;
    add.mutate(
      { unit: unit.id, role },
      {
        onSuccess: () => {
          onAdded(unit.id);
          setUnit(null);
          setRole('member');
        },
      },
    );
  };
  return (
    <form className="form add-member" onSubmit={onSubmit} noValidate aria-labelledby="add-member">
      <h3 id="add-member">{t('allianceSettings.addMember')}</h3>
      <p className="muted small">{t('allianceSettings.addMemberLead')}</p>
      {unit ? (
        <div className="picked">
          <span className="member-unit">{unit.name}</span>
          <button type="button" className="ghost" onClick={() => setUnit(null)}>
            {t('allianceSettings.removeFromList', { unit: unit.name })}
          </button>
        </div>
      ) : (
        <UnitPicker
          id="am-unit-search"
          exclude={new Set(alliance.memberships.map((m) => m.unit.id))}
          onPick={setUnit}
        />
      )}
      <div className="field">
        <label htmlFor="am-role">{t('allianceSettings.role')}</label>
        <select id="am-role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
          {MemberRoleSchema.options.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={!unit || add.isPending}>
          {add.isPending ? t('allianceSettings.adding') : t('allianceSettings.addMember')}
        </button>
        {add.isError && (
          <span role="alert" className="field-error">
            {errorMessage(t, add.error)}
          </span>
        )}
      </div>
    </form>
  );
}
