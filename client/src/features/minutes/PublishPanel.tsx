import type { Minutes } from '@tongxin/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { usePublish } from './queries.js';

/**
 * Publishing cannot be undone (the text is locked and fingerprinted), so it takes a second,
 * deliberate step that says how many units have not confirmed.
 */
export function PublishPanel({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const publish = usePublish(minutes.meeting);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const pending = minutes.confirmations.filter((c) => c.state === 'pending').length;

  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);

  const cancel = () => {
    setAsking(false);
    // Back to where the person was, not to the top of the page.
    setTimeout(() => openButton.current?.focus());
  };

  return (
    <section className="card minutes-publish" aria-labelledby="minutes-publish">
      <h2 id="minutes-publish">{t('minutes.publishTitle')}</h2>
      <p className="muted small">{t('minutes.publishHint')}</p>
      {!asking ? (
        <button ref={openButton} type="button" onClick={() => setAsking(true)}>
          {t('minutes.publish')}
        </button>
      ) : (
        <div
          className="minutes-publish-confirm"
          role="group"
          aria-labelledby="minutes-publish"
          aria-describedby="minutes-publish-question"
          onKeyDown={(e) => e.key === 'Escape' && cancel()}
        >
          <div id="minutes-publish-question">
            <p className={pending > 0 ? 'minutes-warning' : undefined} data-testid="publish-pending">
              {pending > 0 ? t('minutes.publishConfirmPending', { count: pending }) : t('minutes.publishConfirmAll')}
            </p>
            <p>{t('minutes.publishConfirmLock')}</p>
          </div>
          <div className="form-actions">
            <button ref={confirmButton} type="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
              {publish.isPending ? t('minutes.publishing') : t('minutes.publishConfirm')}
            </button>
            <button type="button" className="ghost" disabled={publish.isPending} onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {publish.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, publish.error)}
        </p>
      )}
    </section>
  );
}
