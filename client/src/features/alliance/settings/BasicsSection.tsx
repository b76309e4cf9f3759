import {
  ACK_WORKING_DAYS_MAX,
  ACK_WORKING_DAYS_MIN,
  AllianceKindSchema,
  AlliancePatchSchema,
  type Alliance,
  type AllianceKind,
} from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../../lib/api.js';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { useAllianceChange } from './queries.js';
import { SaveBar } from './SaveBar.js';

export function BasicsSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [name, setName] = useState(alliance.name);
  const [kind, setKind] = useState<AllianceKind>(alliance.kind);
  const [description, setDescription] = useState(alliance.description);
  // 签收时限: kept as typed, so an empty or odd value is shown back with its error, not replaced.
  const [ackDays, setAckDays] = useState(String(alliance.ackWorkingDays));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => '');
  const taken = save.error instanceof ApiRequestError && save.error.code === 'CONFLICT';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name, kind, description, ackWorkingDays: ackDays.trim() === '' ? Number.NaN : Number(ackDays) };
    const parsed = AlliancePatchSchema.safeParse(body);
    if (!parsed.success) {
      return setErrors(fieldErrors(t, parsed.error, { ackWorkingDays: t('allianceSettings.errAckWorkingDays') }));
    }
    setErrors({});
    save.mutate(body);
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <Field
        id="ab-name"
        label={t('allianceSettings.name')}
        error={errors.name ?? (taken ? t('allianceSettings.errNameTaken') : undefined)}
      >
        {(p) => (
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={100}
            disabled={!alliance.can.manage}
            {...p}
          />
        )}
      </Field>
      <Field id="ab-kind" label={t('allianceSettings.kind')} error={errors.kind}>
        {(p) => (
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as AllianceKind)}
            disabled={!alliance.can.manage}
            {...p}
          >
            {AllianceKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`allianceKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ab-description" label={t('allianceSettings.description')} error={errors.description}>
        {(p) => (
          <textarea
            rows={4}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            disabled={!alliance.can.manage}
            {...p}
          />
        )}
      </Field>
      <Field
        id="ab-ack-days"
        label={t('allianceSettings.ackWorkingDays')}
        hint={t('allianceSettings.ackWorkingDaysHint')}
        error={errors.ackWorkingDays}
      >
        {(p) => (
          <input
            type="number"
            inputMode="numeric"
            min={ACK_WORKING_DAYS_MIN}
            max={ACK_WORKING_DAYS_MAX}
            step={1}
            value={ackDays}
            onChange={(e) => setAckDays(e.target.value)}
            disabled={!alliance.can.manage}
            {...p}
          />
        )}
      </Field>
      {alliance.can.manage && <SaveBar mutation={taken ? { ...save, isError: false } : save} />}
    </form>
  );
}
