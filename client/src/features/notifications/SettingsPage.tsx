import {
  NOTIFICATION_KIND_GROUPS,
  TimeOfDaySchema,
  type NotificationKindGroup,
  type NotificationPreferences,
} from '@tongxin/shared';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { usePreferences, useSavePreferences } from './queries.js';
import './notifications.css';

type Kind = NotificationPreferences['disabledKinds'][number];
const GROUPS = Object.keys(NOTIFICATION_KIND_GROUPS) as NotificationKindGroup[];
const kindKey = (kind: Kind) => kind.replace('.', '_');

/** 消息设置: which kinds to receive (grouped 会议 / 表决 / 督办 / 纪要), quiet hours, the daily summary. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  return (
    <div className="page notif-page">
      <div className="page-head notif-page-head">
        <h1>{t('notifications.settings.title')}</h1>
        <Link to="/notifications">{t('notifications.settings.back')}</Link>
      </div>
      <QueryState query={prefs}>{(data) => <SettingsForm initial={data} />}</QueryState>
    </div>
  );
}

function SettingsForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation();
  const save = useSavePreferences();
  const ids = useId();
  const [disabled, setDisabled] = useState<Set<Kind>>(new Set(initial.disabledKinds));
  const [quietOn, setQuietOn] = useState(initial.quietHours !== null);
  const [from, setFrom] = useState(initial.quietHours?.from ?? '22:00');
  const [to, setTo] = useState(initial.quietHours?.to ?? '07:00');
  const [digest, setDigest] = useState(initial.dailyDigest);
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => setSaved(false), [disabled, quietOn, from, to, digest]);

  const toggle = (kind: Kind, on: boolean) =>
    setDisabled((d) => {
      const next = new Set(d);
      if (on) next.delete(kind);
      else next.add(kind);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: { from?: string; to?: string } = {};
    if (quietOn) {
      if (!TimeOfDaySchema.safeParse(from).success) found.from = t('notifications.settings.timeRequired');
      if (!TimeOfDaySchema.safeParse(to).success) found.to = t('notifications.settings.timeRequired');
      else if (from === to) found.to = t('notifications.settings.sameTimes');
    }
    setErrors(found);
    if (found.from || found.to) return;
    save.mutate(
      { disabledKinds: [...disabled], quietHours: quietOn ? { from, to } : null, dailyDigest: digest },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form className="card notif-settings" onSubmit={submit} noValidate>
      <p className="muted">{t('notifications.settings.intro')}</p>
      <fieldset className="notif-fieldset">
        <legend>{t('notifications.settings.kindsLegend')}</legend>
        <div className="notif-groups">
          {GROUPS.map((group) => (
            <fieldset key={group} className="notif-group">
              <legend>{t(`notifications.settings.groups.${group}`)}</legend>
              {(NOTIFICATION_KIND_GROUPS[group] as readonly Kind[]).map((kind) => (
                <label key={kind} className="notif-check">
                  <input
                    type="checkbox"
                    name={kind}
                    checked={!disabled.has(kind)}
                    onChange={(e) => toggle(kind, e.target.checked)}
                  />
                  {t(`notifications.settings.kinds.${kindKey(kind)}`)}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>

      <fieldset className="notif-fieldset">
        <legend>{t('notifications.settings.quietLegend')}</legend>
        <label className="notif-check">
          <input type="checkbox" checked={quietOn} onChange={(e) => setQuietOn(e.target.checked)} />
          {t('notifications.settings.quietEnabled')}
        </label>
        <p className="muted small">{t('notifications.settings.quietHint')}</p>
        {quietOn && (
          <div className="notif-times">
            <label className={errors.from ? 'invalid' : undefined}>
              {t('notifications.settings.quietFrom')}
              <input
                type="time"
                value={from}
                required
                aria-invalid={!!errors.from}
                aria-describedby={errors.from ? `${ids}-from` : undefined}
                onChange={(e) => setFrom(e.target.value)}
              />
              {errors.from && (
                <span id={`${ids}-from`} className="field-error">
                  {errors.from}
                </span>
              )}
            </label>
            <label className={errors.to ? 'invalid' : undefined}>
              {t('notifications.settings.quietTo')}
              <input
                type="time"
                value={to}
                required
                aria-invalid={!!errors.to}
                aria-describedby={errors.to ? `${ids}-to` : undefined}
                onChange={(e) => setTo(e.target.value)}
              />
              {errors.to && (
                <span id={`${ids}-to`} className="field-error">
                  {errors.to}
                </span>
              )}
            </label>
          </div>
        )}
      </fieldset>

      <fieldset className="notif-fieldset">
        <legend>{t('notifications.settings.digestLegend')}</legend>
        <label className="notif-check">
          <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)} />
          {t('notifications.settings.digestEnabled')}
        </label>
        <p className="muted small">{t('notifications.settings.digestHint')}</p>
      </fieldset>

      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('notifications.settings.saving') : t('notifications.settings.save')}
        </button>
        <span role="status" className={save.isError ? 'field-error' : 'success'}>
          {save.isError ? errorMessage(t, save.error) : saved ? t('notifications.settings.saved') : ''}
        </span>
      </div>
    </form>
  );
}
