import { EvidenceRefusalSchema, EvidenceUploadSchema, ApiErrorSchema, type Evidence, type EvidenceRefusal } from '@tongxin/shared';

export type UploadFailure =
  /** The server (or the browser's first check) refused this file, and why. */
  | { kind: 'refused'; reason: EvidenceRefusal['reason'] }
  /** The network or the server failed: worth a retry. */
  | { kind: 'failed' };

export interface UploadHandle {
  done: Promise<Evidence>;
  abort(): void;
}

/**
 * Sends one file to an evidence endpoint (`POST /api/action-items/:id/evidence`, or a demand's or
 * a whistle's) with XMLHttpRequest, whose upload progress events `fetch` does not offer, so each
 * file shows how far it is.
 */
export function uploadEvidence(url: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Evidence>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 201) {
        const parsed = EvidenceUploadSchema.safeParse(body);
        if (parsed.success && parsed.data.files[0]) return resolve(parsed.data.files[0]);
      }
      const error = ApiErrorSchema.safeParse(body);
      const refusal = error.success ? EvidenceRefusalSchema.safeParse(error.data.error.details) : null;
      reject(refusal?.success ? ({ kind: 'refused', reason: refusal.data.reason } satisfies UploadFailure) : ({ kind: 'failed' } satisfies UploadFailure));
    };
    xhr.onerror = () => reject({ kind: 'failed' } satisfies UploadFailure);
    xhr.onabort = () => reject({ kind: 'failed' } satisfies UploadFailure);
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
