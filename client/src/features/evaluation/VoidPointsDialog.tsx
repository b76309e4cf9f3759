import { type PointEntry } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { formatPoints } from './pointsFormat.js';
import { postVoid, usePointsMutation } from './pointsQueries.js';
import '../lists/lists.css';

/** 撤销: a manual entry withdrawn, with a reason; its line stays in the ledger, struck through. */
export function VoidPointsDialog({ entry, onClose }: { entry: PointEntry; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const run = usePointsMutation((why: string) => postVoid(entry.id, why));
  const name = entry.unit?.name ?? entry.member?.name ?? '';
  return (
    <ModalDialog
      className="lists-confirm"
      open
      title={t('evaluation.void.title')}
      confirmLabel={t('evaluation.void.confirm')}
      closeLabel={t('evaluation.void.cancel')}
      pending={run.isPending}
      error={run.error ? errorMessage(t, run.error) : null}
      onClose={onClose}
      onConfirm={() => {
        if (!reason.trim()) {
          setMissing(true);
          return;
        }
        run.mutate(reason.trim(), { onSuccess: onClose });
      }}
    >
      <p>
        <strong>
          {t('evaluation.void.entry', {
            criterion: t(`evaluation.criterion.${entry.criterion}`),
            points: formatPoints(entry.points, i18n.language, true),
            name,
          })}
        </strong>
      </p>
      {entry.reason && <p className="muted small">{entry.reason}</p>}
      <p>{t('evaluation.void.body')}</p>
      <div className={missing ? 'lists-field invalid' : 'lists-field'} data-testid="void-points">
        <label htmlFor={`${id}-reason`}>{t('evaluation.void.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
        />
        {missing && (
          <span id={`${id}-error`} className="field-error">
            {t('evaluation.void.required')}
          </span>
        )}
      </div>
    </ModalDialog>
  );
}
