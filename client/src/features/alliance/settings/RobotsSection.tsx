import {
  NOTIFICATION_KINDS,
  ROBOT_PLATFORMS,
  RobotCreateSchema,
  RobotPatchSchema,
  DEFAULT_ROBOT_KINDS,
  type Alliance,
  type NotificationKind,
  type Robot,
  type RobotPlatform,
} from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../../app/ModalDialog.js';
import { ApiRequestError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatShortDateTime } from '../../../lib/format.js';
import { useMe } from '../../auth/useMe.js';
import { Field, fieldErrors, type FieldErrors } from './fields.js';
import { useRobotChange, useRobotDeliveries, useRobots, useRobotTest } from './robotQueries.js';
import './robots.css';

/** The kinds a robot can post: every notification but the personal daily summary. */
const ROBOT_KINDS = NOTIFICATION_KINDS.filter((k) => k !== 'digest.daily');
const kindKey = (k: string) => `notifications.settings.kinds.${k.replace('.', '_')}`;

/**
 * 群机器人: the 企业微信 / 钉钉 / 飞书 groups that receive the alliance's (or a member unit's)
 * notifications, each with a test message, and the 推送记录 of what was posted.
 */
export function RobotsSection({ alliance }: { alliance: Alliance }) {
  const { t } = useTranslation();
  const robots = useRobots(alliance.id);
  const me = useMe();
  const [editing, setEditing] = useState<Robot | 'new' | null>(null);
  const [removing, setRemoving] = useState<Robot | null>(null);
  const change = useRobotChange(alliance.id);
  const myUnit = me.data?.unit?.id ?? null;
  // Secretaries choose the alliance's group or any member's; a unit's people their own unit's.
  const scopes = alliance.can.manage
    ? [null, ...alliance.memberships.map((m) => m.unit)]
    : alliance.memberships.filter((m) => m.unit.id === myUnit).map((m) => m.unit);

  return (
    <div className="robots">
      <p className="muted">{t('robots.lead')}</p>
      {robots.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : robots.isError ? (
        <p role="alert" className="field-error">
          {errorMessage(t, robots.error)}
        </p>
      ) : robots.data.items.length === 0 ? (
        <p className="muted">{t('robots.none')}</p>
      ) : (
        <ul className="plain-list robot-list">
          {robots.data.items.map((r) => (
            <RobotRow key={r.id} robot={r} onEdit={() => setEditing(r)} onRemove={() => setRemoving(r)} />
          ))}
        </ul>
      )}
      {scopes.length > 0 && (
        <div className="form-actions">
          <button type="button" onClick={() => setEditing('new')}>
            {t('robots.add')}
          </button>
        </div>
      )}
      {editing && (
        <RobotDialog
          allianceId={alliance.id}
          robot={editing === 'new' ? null : editing}
          scopes={scopes}
          onClose={() => setEditing(null)}
        />
      )}
      <ModalDialog
        className="robot-dialog"
        open={removing !== null}
        title={t('robots.removeTitle')}
        closeLabel={t('robots.cancel')}
        confirmLabel={t('robots.removeConfirmButton')}
        pending={change.isPending}
        error={change.isError ? errorMessage(t, change.error) : null}
        onConfirm={() =>
          removing &&
          change.mutate({ op: 'delete', id: removing.id }, { onSuccess: () => setRemoving(null) })
        }
        onClose={() => {
          change.reset();
          setRemoving(null);
        }}
      >
        <p>{t('robots.removeConfirm', { name: removing?.name ?? '' })}</p>
      </ModalDialog>
      <DeliveryLog allianceId={alliance.id} />
    </div>
  );
}

function RobotRow({ robot, onEdit, onRemove }: { robot: Robot; onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const test = useRobotTest();
  return (
    <li className="robot-row">
      <div className="robot-head">
        <span className={`tag robot-platform robot-${robot.platform}`}>{t(`robots.platform.${robot.platform}`)}</span>
        <strong className="robot-name">{robot.name}</strong>
        <span className={robot.enabled ? 'tag robot-on' : 'tag robot-off'}>
          {robot.enabled ? t('robots.enabled') : t('robots.disabled')}
        </span>
      </div>
      <dl className="facts robot-facts">
        <dt>{t('robots.fieldScope')}</dt>
        <dd>{robot.unit ? robot.unit.name : t('robots.scopeAlliance')}</dd>
        <dt>{t('robots.fieldUrl')}</dt>
        <dd className="robot-url">{robot.webhookHint}</dd>
        <dt>{t('robots.secretLabel')}</dt>
        <dd>{robot.secretSet ? t('robots.secretSet') : t('robots.noSecret')}</dd>
        <dt>{t('robots.fieldKinds')}</dt>
        <dd>{t('robots.kindsCount', { count: robot.kinds.length })}</dd>
      </dl>
      <div className="robot-actions">
        <button type="button" className="ghost" onClick={() => test.mutate(robot.id)} disabled={test.isPending}>
          {test.isPending ? t('robots.testing') : t('robots.test')}
        </button>
        <button type="button" className="ghost" onClick={onEdit}>
          {t('robots.edit')}
        </button>
        <button type="button" className="secondary" onClick={onRemove}>
          {t('robots.remove')}
        </button>
      </div>
      {test.isSuccess && test.data && (
        <p role={test.data.ok ? 'status' : 'alert'} className={test.data.ok ? 'success robot-answer' : 'field-error robot-answer'}>
          {test.data.ok
            ? t('robots.testOk', { body: test.data.answer.body })
            : t('robots.testFailed', { status: test.data.answer.status, body: test.data.answer.body })}
        </p>
      )}
      {test.isError && (
        <p role="alert" className="field-error robot-answer">
          {errorMessage(t, test.error)}
        </p>
      )}
    </li>
  );
}

interface FormValues {
  platform: RobotPlatform;
  name: string;
  unitId: string;
  webhookUrl: string;
  secret: string;
  clearSecret: boolean;
  kinds: NotificationKind[];
  enabled: boolean;
}

/** The add / edit form, in a modal dialog. */
function RobotDialog({
  allianceId,
  robot,
  scopes,
  onClose,
}: {
  allianceId: string;
  robot: Robot | null;
  scopes: ({ id: string; name: string } | null)[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const change = useRobotChange(allianceId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [v, setV] = useState<FormValues>(() => ({
    platform: robot?.platform ?? 'wecom',
    name: robot?.name ?? '',
    unitId: robot?.unit?.id ?? (scopes[0] ? scopes[0].id : ''),
    // The address is never sent back: empty keeps it (see robots.urlKeep).
    webhookUrl: '',
    secret: '',
    clearSecret: false,
    kinds: robot?.kinds ?? [...DEFAULT_ROBOT_KINDS],
    enabled: robot?.enabled ?? true,
  }));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const serverErrors = (err: unknown): FieldErrors => {
    if (!(err instanceof ApiRequestError) || err.code !== 'VALIDATION' || !Array.isArray(err.details)) return {};
    const out: FieldErrors = {};
    for (const issue of err.details as { path?: unknown[] }[]) {
      const field = String(issue.path?.[0] ?? '');
      if (field === 'webhookUrl') out.webhookUrl = t('robots.errHttps');
      else if (field) out[field] = t('allianceSettings.errInvalid');
    }
    return out;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const secret = v.platform === 'wecom' ? undefined : v.secret.trim() || undefined;
    const special = { webhookUrl: t('robots.errHttps') };
    const done = { onSuccess: onClose, onError: (err: unknown) => setErrors(serverErrors(err)) };
    if (robot === null) {
      const parsed = RobotCreateSchema.safeParse({
        platform: v.platform,
        name: v.name,
        unitId: v.unitId || null,
        webhookUrl: v.webhookUrl,
        ...(secret ? { secret } : {}),
        kinds: v.kinds,
        enabled: v.enabled,
      });
      if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, special));
      setErrors({});
      change.mutate({ op: 'create', body: parsed.data }, done);
    } else {
      const parsed = RobotPatchSchema.safeParse({
        platform: v.platform,
        name: v.name,
        ...(v.webhookUrl.trim() ? { webhookUrl: v.webhookUrl.trim() } : {}),
        ...(v.clearSecret || v.platform === 'wecom' ? { secret: null } : secret ? { secret } : {}),
        kinds: v.kinds,
        enabled: v.enabled,
      });
      if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, special));
      setErrors({});
      change.mutate({ op: 'update', id: robot.id, body: parsed.data }, done);
    }
  };

  const toggleKind = (k: NotificationKind, on: boolean) =>
    setV({ ...v, kinds: on ? [...v.kinds, k] : v.kinds.filter((x) => x !== k) });

  return (
    <dialog
      ref={ref}
      className="robot-dialog"
      aria-labelledby="robot-dialog-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="robot-dialog-title">{robot ? t('robots.editTitle') : t('robots.addTitle')}</h2>
      <form className="form robot-form" onSubmit={onSubmit} noValidate>
        <Field id="robot-platform" label={t('robots.fieldPlatform')} hint={t(`robots.help.${v.platform}`)} error={errors.platform}>
          {(p) => (
            <select value={v.platform} onChange={(e) => setV({ ...v, platform: e.target.value as RobotPlatform })} {...p}>
              {ROBOT_PLATFORMS.map((pl) => (
                <option key={pl} value={pl}>
                  {t(`robots.platform.${pl}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="robot-name" label={t('robots.fieldName')} hint={t('robots.fieldNameHint')} error={errors.name}>
          {(p) => <input value={v.name} maxLength={100} onChange={(e) => setV({ ...v, name: e.target.value })} {...p} />}
        </Field>
        {robot === null && (
          <Field id="robot-scope" label={t('robots.fieldScope')} error={errors.unitId}>
            {(p) => (
              <select value={v.unitId} onChange={(e) => setV({ ...v, unitId: e.target.value })} {...p}>
                {scopes.map((s) => (
                  <option key={s?.id ?? ''} value={s?.id ?? ''}>
                    {s ? s.name : t('robots.scopeAlliance')}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          id="robot-url"
          label={t('robots.fieldUrl')}
          hint={robot ? t('robots.urlKeep', { hint: robot.webhookHint }) : undefined}
          error={errors.webhookUrl}
        >
          {(p) => (
            <input
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              value={v.webhookUrl}
              onChange={(e) => setV({ ...v, webhookUrl: e.target.value })}
              {...p}
            />
          )}
        </Field>
        {v.platform === 'wecom' ? (
          <p className="muted small">{t('robots.secretNotUsed')}</p>
        ) : (
          <>
            <Field
              id="robot-secret"
              label={t('robots.fieldSecret')}
              hint={robot?.secretSet ? t('robots.secretKeep') : undefined}
              error={errors.secret}
            >
              {(p) => (
                <input
                  type="password"
                  autoComplete="new-password"
                  value={v.secret}
                  disabled={v.clearSecret}
                  onChange={(e) => setV({ ...v, secret: e.target.value })}
                  {...p}
                />
              )}
            </Field>
            {robot?.secretSet && (
              <div className="field">
                <label className="check">
                  <input type="checkbox" checked={v.clearSecret} onChange={(e) => setV({ ...v, clearSecret: e.target.checked })} />
                  {t('robots.secretClear')}
                </label>
              </div>
            )}
          </>
        )}
        <fieldset>
          <legend>{t('robots.fieldKinds')}</legend>
          <div className="robot-kinds">
            {ROBOT_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="checkbox" checked={v.kinds.includes(k)} onChange={(e) => toggleKind(k, e.target.checked)} />
                {t(kindKey(k))}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={v.enabled} onChange={(e) => setV({ ...v, enabled: e.target.checked })} />
            {t('robots.fieldEnabled')}
          </label>
        </div>
        {change.isError && Object.keys(errors).length === 0 && (
          <p role="alert" className="field-error">
            {errorMessage(t, change.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('robots.cancel')}
          </button>
          <button type="submit" disabled={change.isPending}>
            {change.isPending ? t('robots.saving') : t('robots.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** 推送记录: what was posted where, when, how many tries, and what the platform answered. */
function DeliveryLog({ allianceId }: { allianceId: string }) {
  const { t, i18n } = useTranslation();
  const log = useRobotDeliveries(allianceId);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="robot-log" aria-labelledby="robot-log-title">
      <h3 id="robot-log-title">{t('robots.logTitle')}</h3>
      {log.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : log.isError ? (
        <p role="alert" className="field-error">
          {errorMessage(t, log.error)}
        </p>
      ) : items.length === 0 ? (
        <p className="muted">{t('robots.logEmpty')}</p>
      ) : (
        <ul className="plain-list robot-log-list">
          {items.map((d) => (
            <li key={d.id} className="robot-log-item">
              <div className="robot-log-head">
                <span className={`tag robot-state robot-state-${d.state}`}>{t(`robots.state.${d.state}`)}</span>
                <span className="robot-log-title">{d.title}</span>
              </div>
              <div className="muted small robot-log-meta">
                {d.robot ? (
                  <>
                    <span>{t(`robots.platform.${d.robot.platform}`)}</span>
                    <span>{d.robot.name}</span>
                  </>
                ) : (
                  <span>{t('robots.removedRobot')}</span>
                )}
                <span>
                  <time dateTime={d.sentAt ?? d.createdAt}>{formatShortDateTime(d.sentAt ?? d.createdAt, i18n.language)}</time>
                </span>
                <span>{t('robots.logAttempts', { count: d.attempts })}</span>
                {d.nextAttemptAt && (
                  <span>{t('robots.logNext', { time: formatShortDateTime(d.nextAttemptAt, i18n.language) })}</span>
                )}
              </div>
              {d.lastAnswer && d.state !== 'sent' && (
                <p className="robot-log-answer small">
                  {t('robots.logAnswer', { status: d.lastAnswer.status, body: d.lastAnswer.body })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {log.hasNextPage && (
        <div className="form-actions">
          <button type="button" className="ghost" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {t('robots.logMore')}
          </button>
        </div>
      )}
    </section>
  );
}
