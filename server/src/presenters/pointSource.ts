import type { PointSourceKind } from '@tongxin/shared';

/** Where the ledger links a line to its record (the client's routes). */
export function sourceLink(kind: PointSourceKind, id: string | null): string | null {
  if (!id) return null;
  switch (kind) {
    case 'meeting':
      return `/meetings/${id}`;
    case 'actionItem':
      return `/action-items/${id}`;
    case 'whistle':
      return `/whistles/${id}`;
    case 'demand':
      return `/demands/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'service':
      return `/service-activities/${id}`;
    case 'manual':
      return null;
  }
}
