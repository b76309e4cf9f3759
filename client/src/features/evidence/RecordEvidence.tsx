import { useQuery, useQueryClient } from '@tanstack/react-query';
import { RecordEvidenceSchema } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../lib/api.js';
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
        <EvidenceList files={files.data.files} />
      )}
      {files.data?.canAdd && <EvidencePicker uploads={uploads} idPrefix={`${owner}-${id}`} legend={owner === 'demands' ? t('evidence.record.addDemand') : t('evidence.record.addWhistle')} hint={t('evidence.record.addHint')} />}
    </section>
  );
}
