import type { Evidence } from '@tongxin/shared';
import type { EvidenceFileDoc } from '../db/evidence.js';

export function presentEvidence(f: Pick<EvidenceFileDoc, '_id' | 'filename' | 'length' | 'metadata'>): Evidence {
  return {
    id: String(f._id),
    name: f.filename,
    size: f.length,
    contentType: f.metadata.contentType,
    kind: f.metadata.kind,
  };
}
