import type { Person, User } from '@tongxin/shared';
import { ref, type Id, type Named } from './refs.js';

interface UserFields {
  _id: Id;
  name: string;
  login: string;
  unit?: Id | null;
  phone?: string | null;
  email?: string | null;
  isAdmin: boolean;
  active?: boolean | null;
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
    active: u.active !== false,
  };
}

/** One row of the people screen: the person, their unit's name, and whom they represent where. */
export function presentPerson(
  u: UserFields & { mustChangePassword?: boolean | null },
  facts: {
    withAdminFlag: boolean;
    unitName: string | null;
    represents: { alliance: Named; unit: Named }[];
  },
): Person {
  return {
    ...presentUser(u, { withAdminFlag: facts.withAdminFlag }),
    unitName: facts.unitName,
    mustChangePassword: u.mustChangePassword === true,
    represents: facts.represents.map((r) => ({ alliance: ref(r.alliance), unit: ref(r.unit) })),
  };
}
