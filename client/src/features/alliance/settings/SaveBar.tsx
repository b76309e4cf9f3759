import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';

/** The save button of a section, with what became of the last attempt. */
export function SaveBar({
  mutation,
  label,
  disabled = false,
}: {
  mutation: Pick<UseMutationResult<unknown, Error, never>, 'isPending' | 'isError' | 'isSuccess' | 'error'>;
  label?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" disabled={disabled || mutation.isPending}>
        {mutation.isPending ? t('allianceSettings.saving') : (label ?? t('allianceSettings.save'))}
      </button>
      {mutation.isError && (
        <span role="alert" className="field-error">
          {errorMessage(t, mutation.error)}
        </span>
      )}
      {mutation.isSuccess && (
        <span role="status" className="success">
          {t('allianceSettings.saved')}
        </span>
      )}
    </div>
  );
}
