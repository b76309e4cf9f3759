import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminDialog } from './AdminDialog.js';

/** The one time a one-time password is ever shown: with a copy button and what to do with it. */
export function OneTimePasswordDialog({
  shown,
  onClose,
}: {
  shown: { title: string; password: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown!.password);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <AdminDialog open={shown !== null} title={shown?.title ?? ''} closeLabel={t('admin.otp.done')} onClose={close}>
      <p className="otp-warning">{t('admin.otp.warning')}</p>
      <div className="otp-row">
        <span className="muted">{t('admin.otp.label')}</span>
        <output className="otp" data-testid="one-time-password" aria-label={t('admin.otp.label')}>
          {shown?.password}
        </output>
        <button type="button" onClick={() => void copy()}>
          {copied === 'yes' ? t('admin.otp.copied') : t('admin.otp.copy')}
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'failed' ? t('admin.otp.copyFailed') : ''}
      </p>
    </AdminDialog>
  );
}
