import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_PER_REPORT,
  evidenceTypeOfName,
  type Evidence,
  type EvidenceKind,
} from '@tongxin/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadEvidence, type UploadFailure, type UploadHandle } from './evidenceUpload.js';

export interface PendingUpload {
  key: string;
  file: File;
  kind: EvidenceKind | null;
  /** An object URL for an image's preview. */
  preview: string | null;
  status: 'uploading' | 'done' | 'error';
  /** 0–1 while uploading. */
  progress: number;
  evidence: Evidence | null;
  failure: UploadFailure | null;
}

let counter = 0;

export interface EvidenceUploadOptions {
  /** Where the files go; by default the action item's endpoint. */
  url?: string;
  /**
   * For a record that takes files at once (a demand, a whistle): a finished upload leaves the
   * queue, as it now shows among the record's files.
   */
  onUploaded?: (evidence: Evidence) => void;
}

/**
 * The files picked for one report: each uploads on its own as soon as it is picked (with its
 * progress), may be removed before sending, and shows its own error. The report then names the
 * uploaded ones by id.
 */
export function useEvidenceUploads(itemId: string, options: EvidenceUploadOptions = {}) {
  const url = options.url ?? `/api/action-items/${itemId}/evidence`;
  const onUploaded = useRef(options.onUploaded);
  onUploaded.current = options.onUploaded;
  const [entries, setEntries] = useState<PendingUpload[]>([]);
  const handles = useRef(new Map<string, UploadHandle>());
  const update = useCallback((key: string, patch: Partial<PendingUpload>) => {
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  }, []);

  const start = useCallback(
    (entry: PendingUpload) => {
      const handle = uploadEvidence(url, entry.file, (fraction) => update(entry.key, { progress: fraction }));
      handles.current.set(entry.key, handle);
      handle.done.then(
        (evidence) => {
          const done = onUploaded.current;
          if (!done) return update(entry.key, { status: 'done', progress: 1, evidence });
          if (entry.preview) URL.revokeObjectURL(entry.preview);
          setEntries((list) => list.filter((e) => e.key !== entry.key));
          done(evidence);
        },
        (failure: UploadFailure) => update(entry.key, { status: 'error', failure }),
      ).finally(() => handles.current.delete(entry.key));
    },
    [url, update],
  );

  const add = (files: FileList | File[]) => {
    const picked = Array.from(files);
    const room = EVIDENCE_MAX_PER_REPORT - entries.filter((e) => e.status !== 'error').length;
    const next = picked.map((file, n): PendingUpload => {
      const type = evidenceTypeOfName(file.name);
      const base = {
        key: `ev-${++counter}`,
        file,
        kind: type?.kind ?? null,
        preview: type?.kind === 'image' ? URL.createObjectURL(file) : null,
        progress: 0,
        evidence: null,
      };
      // The browser's first check (the server decides by the bytes): type by name, size, count.
      const reason: UploadFailure | null =
        n >= room
          ? { kind: 'refused', reason: 'tooMany' }
          : type === null
            ? { kind: 'refused', reason: 'type' }
            : file.size > EVIDENCE_MAX_BYTES
              ? { kind: 'refused', reason: 'tooLarge' }
              : file.size === 0
                ? { kind: 'refused', reason: 'empty' }
                : null;
      return reason ? { ...base, status: 'error', failure: reason } : { ...base, status: 'uploading', failure: null };
    });
    setEntries((list) => [...list, ...next]);
    for (const e of next) if (e.status === 'uploading') start(e);
  };

  const remove = (key: string) => {
    handles.current.get(key)?.abort();
    setEntries((list) => {
      const gone = list.find((e) => e.key === key);
      if (gone?.preview) URL.revokeObjectURL(gone.preview);
      return list.filter((e) => e.key !== key);
    });
  };

  const retry = (key: string) => {
    const entry = entries.find((e) => e.key === key);
    if (!entry) return;
    const again = { ...entry, status: 'uploading' as const, progress: 0, failure: null };
    update(key, again);
    start(again);
  };

  const clear = () => {
    for (const e of entries) if (e.preview) URL.revokeObjectURL(e.preview);
    setEntries([]);
  };

  // Leaving the page stops what is still being sent.
  useEffect(() => {
    const current = handles.current;
    return () => {
      for (const h of current.values()) h.abort();
    };
  }, []);

  return {
    entries,
    add,
    remove,
    retry,
    clear,
    ids: entries.flatMap((e) => (e.evidence ? [e.evidence.id] : [])),
    busy: entries.some((e) => e.status === 'uploading'),
    failed: entries.some((e) => e.status === 'error'),
  };
}
export type EvidenceUploads = ReturnType<typeof useEvidenceUploads>;
