import {
  computeQuorum,
  VoteThresholdSchema,
  VotingDefaultsSchema,
  type Alliance,
  type TallyVisibility,
  type VotingDefaults,
} from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { useAllianceChange } from './queries.js';
import { SaveBar } from './SaveBar.js';

const percentText = (fraction: number) => String(Math.round(fraction * 10000) / 100);

/** Those with voting rights: voting units, or their representatives when the vote is per member. */
function eligibleCount(alliance: Alliance, basis: VotingDefaults['basis']): number {
  const voting = alliance.memberships.filter((m) => m.role !== 'observer');
  return basis === 'unit' ? voting.length : new Set(voting.flatMap((m) => m.representatives.map((r) => r.id))).size;
}

/** 表决规则: where every vote starts — basis, quorum as "N of M", threshold, secrecy, tally, changing a ballot. */
export function VotingSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const [v, setV] = useState<VotingDefaults>(alliance.votingDefaults);
  const [percent, setPercent] = useState(percentText(alliance.votingDefaults.quorum));
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAllianceChange<unknown>(alliance.id, 'PATCH', () => '');
  const manage = alliance.can.manage;
  const m = eligibleCount(alliance, v.basis);
  const valid = v.quorum > 0 && v.quorum <= 1;
  const required =
    valid && m > 0 ? computeQuorum({ basis: v.basis, fraction: v.quorum, eligible: m, present: 0 }).required : null;

  const set = (patch: Partial<VotingDefaults>) => setV({ ...v, ...patch });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = VotingDefaultsSchema.safeParse(v);
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, { quorum: t('allianceSettings.errQuorum') }));
    setErrors({});
    save.mutate({ votingDefaults: parsed.data });
  };

  return (
    <form className="form voting-form" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('allianceSettings.votingLead')}</p>
      <Field id="vd-basis" label={t('allianceSettings.basis')}>
        {(p) => (
          <select
            value={v.basis}
            onChange={(e) => set({ basis: e.target.value as VotingDefaults['basis'] })}
            disabled={!manage}
            {...p}
          >
            <option value="unit">{t('allianceSettings.basisUnit')}</option>
            <option value="member">{t('allianceSettings.basisMember')}</option>
          </select>
        )}
      </Field>
      <div className="quorum-pair">
        <Field id="vd-quorum-n" label={t('allianceSettings.quorumPick')}>
          {(p) =>
            m === 0 ? (
              <span className="muted" id={p.id}>
                {t('allianceSettings.quorumNone')}
              </span>
            ) : (
              <select
                value={required ?? ''}
                onChange={(e) => {
                  const fraction = Number(e.target.value) / m;
                  set({ quorum: fraction });
                  setPercent(percentText(fraction));
                  setErrors({ ...errors, quorum: undefined });
                }}
                disabled={!manage}
                {...p}
              >
                {required === null && <option value="">—</option>}
                {Array.from({ length: m }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {t('allianceSettings.quorumOption', { n, m })}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
        <Field id="vd-quorum" label={t('allianceSettings.quorumPercent')} error={errors.quorum}>
          {(p) => (
            <input
              type="number"
              inputMode="decimal"
              min={1}
              max={100}
              step="any"
              value={percent}
              onChange={(e) => {
                setPercent(e.target.value);
                set({ quorum: e.target.value === '' ? Number.NaN : Number(e.target.value) / 100 });
              }}
              disabled={!manage}
              {...p}
            />
          )}
        </Field>
      </div>
      <p className="quorum-line" aria-live="polite" data-testid="quorum-line">
        {required !== null &&
          t(v.basis === 'unit' ? 'allianceSettings.quorumUnits' : 'allianceSettings.quorumPersons', { n: required, m })}
      </p>
      <Field id="vd-threshold" label={t('allianceSettings.threshold')} hint={t(`room.vote.rules.${v.threshold}`)}>
        {(p) => (
          <select
            value={v.threshold}
            onChange={(e) => set({ threshold: e.target.value as VotingDefaults['threshold'] })}
            disabled={!manage}
            {...p}
          >
            {VoteThresholdSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`room.vote.thresholds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="radios" disabled={!manage}>
        <legend>{t('allianceSettings.secrecy')}</legend>
        {(['named', 'secret'] as const).map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="vd-secret"
              checked={v.secret === (k === 'secret')}
              onChange={() => set({ secret: k === 'secret', ...(k === 'secret' ? { allowBallotChange: false } : {}) })}
            />
            {t(`allianceSettings.${k}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="radios" disabled={!manage}>
        <legend>{t('allianceSettings.tallyVisibility')}</legend>
        {(['live', 'at_close'] as TallyVisibility[]).map((k) => (
          <label key={k} className="check">
            <input
              type="radio"
              name="vd-tally"
              checked={v.tallyVisibility === k}
              onChange={() => set({ tallyVisibility: k })}
            />
            {t(k === 'live' ? 'allianceSettings.tallyLive' : 'allianceSettings.tallyAtClose')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={v.allowBallotChange}
            disabled={!manage || v.secret}
            onChange={(e) => set({ allowBallotChange: e.target.checked })}
            aria-describedby="vd-change-note"
          />
          {t('allianceSettings.allowBallotChange')}
        </label>
        <span className="muted small" id="vd-change-note">
          {t('allianceSettings.allowBallotChangeNote')}
        </span>
      </div>
      {manage && <SaveBar mutation={save} />}
    </form>
  );
}
