import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginRequestSchema } from '@tongxin/shared';
import { ApiRequestError, send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { ME_KEY, useMe } from './useMe.js';

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const next = safeNext(params.get('next'));

  const mutation = useMutation({
    mutationFn: (body: { login: string; password: string }) => send('POST', '/api/auth/login', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void navigate(next, { replace: true });
    },
    onError: (err) => {
      setPassword('');
      if (err instanceof ApiRequestError && err.code === 'UNAUTHENTICATED') setFormError(t('login.wrong'));
      else if (err instanceof ApiRequestError && err.code === 'RATE_LIMITED') {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 900;
        setFormError(t('login.locked', { minutes: Math.max(1, Math.ceil(seconds / 60)) }));
      } else setFormError(errorMessage(t, err));
    },
  });

  if (me.data) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    // The same schema the server parses with.
    const parsed = LoginRequestSchema.safeParse({ login, password });
    if (!parsed.success) {
      setFormError(t('login.required'));
      return;
    }
    setFormError(null);
    mutation.mutate(parsed.data);
  };

  return (
    <div className="login-layout">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <form onSubmit={onSubmit} noValidate className="form">
          <label>
            <span>{t('login.login')}</span>
            <input
              name="login"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              aria-invalid={formError !== null}
              autoFocus
            />
          </label>
          <label>
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={formError !== null}
            />
          </label>
          {formError && (
            <p role="alert" className="alert">
              {formError}
            </p>
          )}
          <button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </section>
      <About />
    </div>
  );
}

const FEATURES = ['agenda', 'vote', 'ledger', 'minutes'] as const;

/** What Tongxin is, for someone arriving for the first time. */
function About() {
  const { t } = useTranslation();
  return (
    <section className="card about" aria-labelledby="about-title">
      <h2 id="about-title">{t('home.featuresTitle')}</h2>
      <p className="lead">{t('home.intro')}</p>
      <ul className="feature-list">
        {FEATURES.map((f) => (
          <li key={f}>{t(`home.features.${f}`)}</li>
        ))}
      </ul>
    </section>
  );
}

/** Only same-site paths: a crafted `?next=https://…` must not send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
