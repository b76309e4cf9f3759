import { AppraisalLinkCreateSchema, type Appraisal, type AppraisalLink } from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { Field, serverErrors, type FieldErrors } from '../lists/fields.js';
import { createLinks, postAppraisal, useAppraisalMutation } from './queries.js';

export type LinkState = 'unused' | 'used' | 'expired' | 'revoked';

export function linkState(l: AppraisalLink, now: number): LinkState {
  if (l.revokedAt) return 'revoked';
  if (l.usedAt) return 'used';
  return Date.parse(l.expiresAt) <= now ? 'expired' : 'unused';
}

/**
 * 群众代表链接: a secretary makes single-use, expiring links for public representatives. The
 * address is shown once, right after it is made (the server keeps only a hash of the token).
 */
export function LinksPanel({ appraisal: a }: { appraisal: Appraisal }) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState({ label: '', hours: '48', count: '1' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<AppraisalLink[]>([]);
  const [revoking, setRevoking] = useState<AppraisalLink | null>(null);
  const create = useAppraisalMutation((body: unknown) => createLinks(a.id, body));
  const revoke = useAppraisalMutation((linkId: string) => postAppraisal(`/api/appraisals/${a.id}/links/${linkId}/revoke`));
  const now = Date.now();
  const closed = a.status === 'closed';

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = AppraisalLinkCreateSchema.safeParse({ label: v.label, hours: Number(v.hours), count: Number(v.count) });
    if (!parsed.success) {
      const out: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0] ?? '');
        if (f && !out[f]) out[f] = f === 'label' ? t('appraisal.form.required') : t('appraisal.form.invalid');
      }
      setErrors(out);
      return;
    }
    setErrors({});
    setFormError(null);
    create.mutate(parsed.data, {
      onSuccess: (answer) => {
        setCreated(answer?.links ?? []);
        setV((o) => ({ ...o, label: '' }));
      },
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };

  return (
    <section className="card appraisal-links" aria-labelledby="appraisal-links" data-testid="appraisal-links">
      <h2 id="appraisal-links">{t('appraisal.links.title')}</h2>
      <p className="muted small">{t('appraisal.links.intro')}</p>
      {!closed && (
        <form className="appraisal-links-form" onSubmit={onSubmit} noValidate>
          <Field label={t('appraisal.links.label')} error={errors.label}>
            {(p) => <input {...p} value={v.label} maxLength={60} placeholder={t('appraisal.links.labelPlaceholder')} onChange={(e) => setV({ ...v, label: e.target.value })} />}
          </Field>
          <div className="appraisal-links-numbers">
            <Field label={t('appraisal.links.hours')} error={errors.hours}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={720} value={v.hours} onChange={(e) => setV({ ...v, hours: e.target.value })} />}
            </Field>
            <Field label={t('appraisal.links.count')} error={errors.count}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={50} value={v.count} onChange={(e) => setV({ ...v, count: e.target.value })} />}
            </Field>
          </div>
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
          <button type="submit" disabled={create.isPending}>
            {t('appraisal.links.create')}
          </button>
        </form>
      )}
      {created.length > 0 && (
        <div className="appraisal-created" data-testid="appraisal-created-links" role="status">
          <h3>{t('appraisal.links.createdTitle')}</h3>
          <p className="small">{t('appraisal.links.createdNote')}</p>
          <ul className="plain-list">
            {created.map((l) => l.url && <CreatedLink key={l.id} label={l.label} url={l.url} />)}
          </ul>
        </div>
      )}
      {a.links.length === 0 ? (
        <p className="muted">{t('appraisal.links.empty')}</p>
      ) : (
        <ul className="plain-list appraisal-link-list" data-testid="appraisal-link-list">
          {a.links.map((l) => {
            const state = linkState(l, now);
            return (
              <li key={l.id} className="appraisal-link" data-state={state}>
                <span className="appraisal-link-label">{l.label}</span>
                <span className={`appraisal-link-state state-${state}`}>{t(`appraisal.links.state.${state}`)}</span>
                <span className="muted small">
                  {state === 'used' && l.usedAt
                    ? t('appraisal.links.usedAt', { time: formatShortDateTime(l.usedAt, i18n.language) })
                    : state === 'revoked' && l.revokedAt
                      ? t('appraisal.links.revokedAt', { time: formatShortDateTime(l.revokedAt, i18n.language) })
                      : t('appraisal.links.expiresAt', { time: formatShortDateTime(l.expiresAt, i18n.language) })}
                </span>
                {state === 'unused' && !closed && (
                  <button type="button" className="ghost" aria-label={t('appraisal.links.revokeLabel', { label: l.label })} onClick={() => setRevoking(l)}>
                    {t('appraisal.links.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ModalDialog
        className="lists-confirm"
        open={revoking !== null}
        title={t('appraisal.links.revokeTitle')}
        confirmLabel={t('appraisal.links.revoke')}
        closeLabel={t('appraisal.links.keep')}
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(t, revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        <p>{t('appraisal.links.revokeBody', { label: revoking?.label ?? '' })}</p>
      </ModalDialog>
    </section>
  );
}

/** A fresh link as plain text, selectable by hand, with a copy button beside it. */
function CreatedLink({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <li className="appraisal-created-link">
      <label htmlFor={id}>{t('appraisal.links.linkFor', { label })}</label>
      <div className="appraisal-created-row">
        <input id={id} readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-testid="appraisal-link-url" />
        <button type="button" className="outline" onClick={() => void copy()}>
          {copied === 'yes' ? t('appraisal.links.copied') : t('appraisal.links.copy')}
        </button>
      </div>
      {copied === 'failed' && <span className="field-error">{t('appraisal.links.copyFailed')}</span>}
    </li>
  );
}
