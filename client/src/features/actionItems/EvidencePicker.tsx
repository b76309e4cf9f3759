import { EVIDENCE_ACCEPT } from '@tongxin/shared';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from './evidenceFormat.js';
import { EvidenceIcon } from './EvidenceList.js';
import type { EvidenceUploads, PendingUpload } from './useEvidenceUploads.js';
import './evidence.css';

/**
 * 佐证材料 for a report: pick several files (or drop them, on a desktop; or take a photo, on a
 * phone); each uploads at once with its own progress, can be removed before sending, and says
 * under itself what went wrong.
 */
export function EvidencePicker({
  uploads,
  idPrefix,
  legend,
  hint,
}: {
  uploads: EvidenceUploads;
  idPrefix: string;
  /** The fieldset's title (default 佐证材料) and an extra line under the limits. */
  legend?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const files = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) uploads.add(e.dataTransfer.files);
  };
  const hintId = `${idPrefix}-evidence-hint`;
  return (
    <fieldset className="ev-picker" aria-describedby={hintId}>
      <legend>{legend ?? t('evidence.title')}</legend>
      <div
        className={dragging ? 'ev-drop dragging' : 'ev-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="evidence-drop"
      >
        <span className="ev-drop-text">{t('evidence.dropHere')}</span>
        <button type="button" className="ghost" onClick={() => files.current?.click()}>
          {t('evidence.browse')}
        </button>
        <button type="button" className="ghost ev-camera" onClick={() => camera.current?.click()}>
          {t('evidence.camera')}
        </button>
        <input
          ref={files}
          id={`${idPrefix}-evidence`}
          type="file"
          multiple
          accept={EVIDENCE_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('evidence.browse')}
          onChange={(e) => {
            if (e.target.files) uploads.add(e.target.files);
            e.target.value = '';
          }}
        />
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('evidence.camera')}
          onChange={(e) => {
            if (e.target.files) uploads.add(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <p id={hintId} className="muted small ev-hint">
        {t('evidence.pickHint')}
        {hint && <> {hint}</>}
      </p>
      {uploads.entries.length > 0 && (
        <ul className="ev-queue" data-testid="evidence-queue">
          {uploads.entries.map((e) => (
            <QueuedFile key={e.key} entry={e} onRemove={() => uploads.remove(e.key)} onRetry={() => uploads.retry(e.key)} />
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function QueuedFile({ entry, onRemove, onRetry }: { entry: PendingUpload; onRemove: () => void; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const name = entry.file.name;
  const errorId = `${entry.key}-error`;
  const error =
    entry.failure === null
      ? null
      : entry.failure.kind === 'refused'
        ? t(`evidence.refused.${entry.failure.reason}`, { name })
        : t('evidence.refused.failed', { name });
  return (
    <li className={`ev-queued ev-${entry.status}`} aria-describedby={error ? errorId : undefined}>
      {/* A refused file is not shown as a picture: its bytes may be anything. */}
      {entry.preview && entry.status !== 'error' ? (
        <img className="ev-queued-thumb" src={entry.preview} alt="" />
      ) : (
        <EvidenceIcon kind={entry.kind} />
      )}
      <div className="ev-queued-body">
        <span className="ev-name">{name}</span>
        <span className="muted small">
          {formatFileSize(t, entry.file.size, i18n.language)}
          {entry.status === 'done' && <> · {t('evidence.uploaded')}</>}
        </span>
        {entry.status === 'uploading' && (
          <progress
            className="ev-progress"
            max={100}
            value={Math.round(entry.progress * 100)}
            aria-label={t('evidence.uploading', { percent: Math.round(entry.progress * 100) })}
          >
            {t('evidence.uploading', { percent: Math.round(entry.progress * 100) })}
          </progress>
        )}
        {error && (
          <span id={errorId} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="ev-queued-actions">
        {entry.failure?.kind === 'failed' && (
          <button type="button" className="ghost" onClick={onRetry}>
            {t('evidence.retry')}
          </button>
        )}
        <button type="button" className="ghost" onClick={onRemove} aria-label={t('evidence.removeNamed', { name })}>
          {t('evidence.remove')}
        </button>
      </div>
    </li>
  );
}
