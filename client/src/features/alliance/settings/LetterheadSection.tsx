import { MinutesLetterheadSchema, type Alliance, type MinutesLetterhead } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { useAllianceChange } from './queries.js';
import { SaveBar } from './SaveBar.js';

/**
 * 纪要版头: the issuing body the minutes name at their head (GB/T 9704), printed red (红头) or
 * black. Published minutes keep the 版头 they were published with; a change reaches later ones.
 */
export function LetterheadSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [v, setV] = useState<MinutesLetterhead>(alliance.minutesLetterhead);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => '');
  const manage = alliance.can.manage;
  const issuer = v.issuer.trim() || alliance.name;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = MinutesLetterheadSchema.safeParse(v);
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error));
    setErrors({});
    save.mutate({ minutesLetterhead: parsed.data });
  };

  return (
    <form className="form letterhead-form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('allianceSettings.letterheadLead')}</p>
      <Field
        id="lh-issuer"
        label={t('allianceSettings.letterheadIssuer')}
        hint={t('allianceSettings.letterheadIssuerHint', { name: alliance.name })}
        error={errors.issuer}
      >
        {(p) => (
          <input
            value={v.issuer}
            maxLength={40}
            placeholder={alliance.name}
            onChange={(e) => setV({ ...v, issuer: e.target.value })}
            disabled={!manage}
            {...p}
          />
        )}
      </Field>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={v.red}
            disabled={!manage}
            onChange={(e) => setV({ ...v, red: e.target.checked })}
          />
          {t('allianceSettings.letterheadRed')}
        </label>
      </div>
      <div className="letterhead-preview" aria-hidden="true">
        <span className={v.red ? 'letterhead-issuer red' : 'letterhead-issuer'}>{issuer}</span>
        <span className="letterhead-number">
          {t('allianceSettings.letterheadNumber', { year: new Date().getFullYear() })}
        </span>
        <span className={v.red ? 'letterhead-rule red' : 'letterhead-rule'} />
      </div>
      {manage && <SaveBar mutation={save} />}
    </form>
  );
}
