import type { ServiceActivity } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe.js';
import { errorMessage } from '../../lib/errors.js';
import { postActivity, useServiceMutation } from './queries.js';

export const isFull = (a: ServiceActivity) => a.signups.length >= a.needed;

/** 报名 / 取消报名 for the viewer, or 已满 when no place is left; what the server allows decides. */
export function SignupButtons({ activity: a }: { activity: ServiceActivity }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const signedUp = a.signups.some((s) => s.member.id === me.user.id);
  const act = useServiceMutation((path: 'signup' | 'withdraw') => postActivity(`${a.id}/${path}`));
  return (
    <div className="service-signup">
      {signedUp && <span className="tag service-signed">{t('people.service.signedUpTag')}</span>}
      {a.status === 'open' && !signedUp && isFull(a) && (
        <span className="tag service-full">{t('people.service.full')}</span>
      )}
      {a.can.signUp && (
        <button
          type="button"
          disabled={act.isPending}
          onClick={() => act.mutate('signup')}
          aria-label={t('people.service.signUpFor', { title: a.title })}
        >
          {t('people.service.signUp')}
        </button>
      )}
      {a.can.withdraw && (
        <button
          type="button"
          className="secondary"
          disabled={act.isPending}
          onClick={() => act.mutate('withdraw')}
          aria-label={t('people.service.withdrawFrom', { title: a.title })}
        >
          {t('people.service.withdraw')}
        </button>
      )}
      {act.isError && (
        <span role="alert" className="field-error">
          {errorMessage(t, act.error)}
        </span>
      )}
    </div>
  );
}
