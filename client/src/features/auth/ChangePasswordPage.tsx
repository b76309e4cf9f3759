import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChangePasswordFormSchema } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { control, Field } from '../admin/Field.js';
import { fieldErrors, serverFieldError, type FieldErrors } from '../admin/fieldErrors.js';
import '../admin/admin.css';
import { ME_KEY, useMe } from './useMe.js';

type F = 'currentPassword' | 'newPassword' | 'confirmPassword';
const EMPTY: Record<F, string> = { currentPassword: '', newPassword: '', confirmPassword: '' };

/**
 * 修改密码. A one-time password (first admin, a new or reset account) leads here and nowhere else
 * until it is changed. The change ends every session, this one too, so the page signs in again
 * with the new password and goes on.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const forced = me.user.mustChangePassword;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => {
      await send('POST', '/api/me/password', body);
      await send('POST', '/api/auth/login', { login: me.user.login, password: body.newPassword });
    },
    onSuccess: async () => {
      setValues(EMPTY);
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      if (forced) void navigate('/', { replace: true });
    },
    onError: (err) => {
      const pinned = serverFieldError(t, err);
      if (pinned) setErrors({ [pinned.field]: pinned.message });
      else setFormError(errorMessage(t, err));
    },
  });
  const logout = useMutation({
    mutationFn: () => send('POST', '/api/auth/logout'),
    onSettled: () => {
      queryClient.setQueryData(ME_KEY, null);
      void navigate('/login');
    },
  });
  const set = (f: F) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setDone(false);
    const parsed = ChangePasswordFormSchema.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, values));
    setErrors({});
    change.mutate({ currentPassword: parsed.data.currentPassword, newPassword: parsed.data.newPassword });
  };

  return (
    <div className="page">
      <section className="card narrow" aria-labelledby="password-title">
        <h1 id="password-title">{forced ? t('admin.password.forcedTitle') : t('admin.password.title')}</h1>
        <p className={forced ? 'notice' : 'muted'}>
          {forced ? t('admin.password.forcedIntro') : t('admin.password.intro')}
        </p>
        <form className="form" onSubmit={onSubmit} noValidate>
          <Field
            id="pw-current"
            label={forced ? t('admin.password.currentForced') : t('admin.password.current')}
            error={errors.currentPassword}
          >
            <input
              type="password"
              autoComplete="current-password"
              value={values.currentPassword}
              onChange={set('currentPassword')}
              autoFocus
              {...control('pw-current', errors.currentPassword)}
            />
          </Field>
          <Field
            id="pw-new"
            label={t('admin.password.new')}
            hint={t('admin.password.newHint')}
            error={errors.newPassword}
          >
            <input
              type="password"
              autoComplete="new-password"
              value={values.newPassword}
              onChange={set('newPassword')}
              {...control('pw-new', errors.newPassword, t('admin.password.newHint'))}
            />
          </Field>
          <Field id="pw-confirm" label={t('admin.password.confirm')} error={errors.confirmPassword}>
            <input
              type="password"
              autoComplete="new-password"
              value={values.confirmPassword}
              onChange={set('confirmPassword')}
              {...control('pw-confirm', errors.confirmPassword)}
            />
          </Field>
          {formError && (
            <p role="alert" className="field-error">
              {formError}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={change.isPending}>
              {change.isPending ? t('admin.password.submitting') : t('admin.password.submit')}
            </button>
            {forced ? (
              <button type="button" className="ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
                {t('admin.password.logout')}
              </button>
            ) : (
              <Link to="/">{t('admin.back')}</Link>
            )}
          </div>
          <p role="status" className="success">
            {done ? t('admin.password.done') : ''}
          </p>
        </form>
      </section>
    </div>
  );
}
