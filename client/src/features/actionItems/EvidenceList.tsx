import type { Evidence, EvidenceKind } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { evidenceUrl, formatFileSize } from './evidenceFormat.js';
import './evidence.css';

const ICON_LABEL: Record<EvidenceKind, string> = { image: 'IMG', pdf: 'PDF', word: 'W', excel: 'X', powerpoint: 'P' };

/** A small typed badge for a file that is not shown as a picture: PDF, W(ord), X (Excel), P(PowerPoint). */
export function EvidenceIcon({ kind }: { kind: EvidenceKind | null }) {
  return (
    <span className={`ev-icon ev-icon-${kind ?? 'unknown'}`} aria-hidden="true">
      {kind ? ICON_LABEL[kind] : '?'}
    </span>
  );
}

/**
 * 佐证材料 of one report: photos as thumbnails, other files as a typed icon with name and size; each
 * opens or downloads. `onRemove`: a 移除 button under the files in `removable`.
 */
export function EvidenceList({
  files,
  removable,
  onRemove,
}: {
  files: Evidence[];
  removable?: ReadonlySet<string>;
  onRemove?: (file: Evidence) => void;
}) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="ev-list" aria-label={t('evidence.listLabel', { count: files.length })} data-testid="evidence-list">
      {files.map((f) => {
        const size = formatFileSize(t, f.size, i18n.language);
        const label = t('evidence.open', { name: f.name, kind: t(`evidence.kind.${f.kind}`), size });
        const remove =
          onRemove && removable?.has(f.id) ? (
            <button type="button" className="ghost small ev-remove" onClick={() => onRemove(f)} aria-label={t('evidence.removal.label', { name: f.name })}>
              {t('evidence.removal.button')}
            </button>
          ) : null;
        return f.kind === 'image' ? (
          <li key={f.id} className="ev-item ev-item-image">
            <a href={evidenceUrl(f.id)} target="_blank" rel="noopener" aria-label={label} title={f.name}>
              <img src={evidenceUrl(f.id)} alt={f.name} loading="lazy" className="ev-thumb" />
            </a>
            {remove}
          </li>
        ) : (
          <li key={f.id} className="ev-item ev-item-file">
            <a href={evidenceUrl(f.id)} aria-label={label} title={f.name}>
              <EvidenceIcon kind={f.kind} />
              <span className="ev-file-text">
                <span className="ev-name">{f.name}</span>
                <span className="muted small">
                  {t(`evidence.kind.${f.kind}`)} · {size}
                </span>
              </span>
            </a>
            {remove}
          </li>
        );
      })}
    </ul>
  );
}
