import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserCreatedSchema, UserCreateFormSchema, type Unit } from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { control, Field } from './Field.js';
import { fieldErrors, serverFieldError, type FieldErrors } from './fieldErrors.js';
import { PEOPLE_KEY } from './queries.js';

type F = 'name' | 'login' | 'unit' | 'phone' | 'email';
const EMPTY: Record<F, string> = { name: '', login: '', unit: '', phone: '', email: '' };

/**
 * A new account for a unit. The server makes the one-time password; it is handed to `onCreated`
 * to be shown once.
 */
export function PersonForm({
  units,
  onCreated,
}: {
  units: Unit[];
  onCreated: (name: string, password: string) => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: unknown) => send('POST', '/api/users', body, UserCreatedSchema),
    onSuccess: async (user) => {
      setValues(EMPTY);
      await queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
      if (user?.oneTimePassword) onCreated(user.name, user.oneTimePassword);
    },
    onError: (err) => {
      const pinned = serverFieldError(t, err);
      if (pinned) setErrors({ [pinned.field]: pinned.message });
      else setFormError(errorMessage(t, err));
    },
  });
  const set = (f: F) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = UserCreateFormSchema.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, values, ['unit']));
    setErrors({});
    const { phone, email, ...rest } = parsed.data;
    // No password: the server makes a one-time one, and the person changes it at first login.
    create.mutate({ ...rest, ...(phone ? { phone } : {}), ...(email ? { email } : {}) });
  };

  const id = (f: F) => `${uid}-${f}`;
  const optional = (label: string) => t('admin.people.optional', { label });
  return (
    <form className="form grid admin-form" onSubmit={onSubmit} noValidate>
      <Field id={id('name')} label={t('admin.people.name')} error={errors.name}>
        <input
          value={values.name}
          onChange={set('name')}
          maxLength={100}
          autoComplete="off"
          {...control(id('name'), errors.name)}
        />
      </Field>
      <Field id={id('login')} label={t('admin.people.login')} hint={t('admin.people.loginHint')} error={errors.login}>
        <input
          value={values.login}
          onChange={set('login')}
          maxLength={40}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          {...control(id('login'), errors.login, t('admin.people.loginHint'))}
        />
      </Field>
      <Field id={id('unit')} label={t('admin.people.unit')} error={errors.unit}>
        <select value={values.unit} onChange={set('unit')} {...control(id('unit'), errors.unit)}>
          <option value="">{t('admin.people.chooseUnit')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('phone')} label={optional(t('admin.people.phone'))} error={errors.phone}>
        <input
          type="tel"
          value={values.phone}
          onChange={set('phone')}
          maxLength={30}
          autoComplete="off"
          {...control(id('phone'), errors.phone)}
        />
      </Field>
      <Field id={id('email')} label={optional(t('admin.people.email'))} error={errors.email}>
        <input
          type="email"
          value={values.email}
          onChange={set('email')}
          maxLength={200}
          autoComplete="off"
          {...control(id('email'), errors.email)}
        />
      </Field>
      {formError && (
        <p role="alert" className="field-error form-wide">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('admin.people.creating') : t('admin.people.create')}
        </button>
      </div>
    </form>
  );
}
