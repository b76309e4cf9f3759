import type { Unit } from '@tongxin/shared';
import type { Id } from './refs.js';

export function presentUnit(u: {
  _id: Id;
  name: string;
  kind: string;
  level: string;
  region?: string | null;
  active?: boolean | null;
}): Unit {
  return {
    id: String(u._id),
    name: u.name,
    kind: u.kind as Unit['kind'],
    level: u.level as Unit['level'],
    region: u.region ?? '',
    // Units stored before deactivation existed have no flag: they are active.
    active: u.active !== false,
  };
}
