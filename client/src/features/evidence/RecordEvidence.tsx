import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RecordEvidenceSchema, type Evidence } from '@tongxin/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { getJson, send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { EvidenceList } from '../actionItems/EvidenceList.js';
import { EvidencePicker } from '../actionItems/EvidencePicker.js';
import { useEvidenceUploads } from '../actionItems/useEvidenceUploads.js';

export type EvidenceOwnerPath = 'demands' | 'whistles';

const keyOf = (owner: EvidenceOwnerPath, id: string) => ['evidence', owner, id] as const;

/**
 * 需求附件 / 吹哨佐证: the record's files, and for those who may add (the raiser; for a whistle
 * also the summoned departments) a picker whose files are attached as soon as they arrive.
 */
export function RecordEvidence({ owner, id }: { owner: EvidenceOwnerPath; id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = keyOf(owner, id);
  const files = useQuery({ queryKey: key, queryFn: () => getJson(`/api/${owner}/${id}/evidence`, RecordEvidenceSchema) });
  const uploads = useEvidenceUploads(id, {
    url: `/api/${owner}/${id}/evidence`,
    onUploaded: () => void client.invalidateQueries({ queryKey: key }),
  });
  // 移除: a wrong file taken off the record, after a confirmation.
  const [removing, setRemoving] = useState<Evidence | null>(null);
  const remove = useMutation({
    mutationFn: (file: Evidence) => send('DELETE', `/api/${owner}/${id}/evidence/${file.id}`),
    onSuccess: () => {
      setRemoving(null);
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const removable = useMemo(() => new Set(files.data?.canRemove ?? []), [files.data]);
  const title = owner === 'demands' ? t('evidence.record.demandTitle') : t('evidence.record.whistleTitle');
  const headingId = `${owner}-evidence-title`;
  return (
    <section className="card record-evidence" aria-labelledby={headingId} data-testid="record-evidence">
      <h2 id={headingId}>{title}</h2>
      {files.isPending ? (
        <p className="muted" role="status">
          {t('evidence.record.loading')}
        </p>
      ) : files.isError ? (
        <p className="field-error" role="alert">
          {t('evidence.record.loadFailed')}
        </p>
      ) : files.data.files.length === 0 ? (
        <p className="muted">{owner === 'demands' ? t('evidence.record.noneDemand') : t('evidence.record.noneWhistle')}</p>
      ) : (
        <EvidenceList
          files={files.data.files}
          removable={removable}
          onRemove={(f) => {
            remove.reset();
            setRemoving(f);
          }}
        />
      )}
      {removing && (
        <ModalDialog
          className="ev-remove-confirm"
          open
          title={t('evidence.removal.title')}
          confirmLabel={t('evidence.removal.confirm')}
          closeLabel={t('evidence.removal.cancel')}
          pending={remove.isPending}
          error={remove.error ? errorMessage(t, remove.error) : null}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => setRemoving(null)}
        >
          <p>{t('evidence.removal.body', { name: removing.name })}</p>
        </ModalDialog>
      )}
      {files.data?.canAdd && <EvidencePicker uploads={uploads} idPrefix={`${owner}-${id}`} legend={owner === 'demands' ? t('evidence.record.addDemand') : t('evidence.record.addWhistle')} hint={t('evidence.record.addHint')} />}
    </section>
  );
}
