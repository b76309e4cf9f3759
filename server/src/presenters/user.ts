import type { User } from '@tongxin/shared';
import type { Id } from './refs.js';

interface UserFields {
  _id: Id;
  name: string;
  login: string;
  unit?: Id | null;
  phone?: string | null;
  email?: string | null;
  isAdmin: boolean;
}

/**
 * A user. The admin flag says whose account is worth attacking, so it goes only to admins and to
 * the user themself: pass `withAdminFlag` when someone else may be looking.
 */
export function presentUser(u: UserFields): User & { isAdmin: boolean };
export function presentUser(u: UserFields, opts: { withAdminFlag: boolean }): User;
export function presentUser(u: UserFields, { withAdminFlag = true }: { withAdminFlag?: boolean } = {}): User {
  return {
    id: String(u._id),
    name: u.name,
    login: u.login,
    unit: u.unit ? String(u.unit) : null,
    ...(u.phone ? { phone: u.phone } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(withAdminFlag ? { isAdmin: u.isAdmin } : {}),
  };
}
