import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

// bcryptjs is pure JavaScript: no native build step on install. Cost 10 ≈ 60–100 ms per hash.
const COST = 10;
/** A hash of a random string, compared against when the login does not exist, so that an
 * unknown login takes as long as a wrong password and timing does not reveal which it was. */
const DUMMY_HASH = bcrypt.hashSync(globalThis.crypto.randomUUID(), COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== undefined;
}

/** No 0/O, 1/l/I: a one-time password is read off a screen and typed, often on a phone. */
const READABLE = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ONE_TIME_LENGTH = 14;

/**
 * A random one-time password (≈ 80 bits), shown once to whoever created or reset the account.
 * Rejection sampling keeps every character equally likely (256 is not a multiple of 56).
 */
export function oneTimePassword(): string {
  const limit = 256 - (256 % READABLE.length);
  let out = '';
  while (out.length < ONE_TIME_LENGTH) {
    for (const byte of randomBytes(ONE_TIME_LENGTH * 2)) {
      if (byte < limit && out.length < ONE_TIME_LENGTH) out += READABLE[byte % READABLE.length];
    }
  }
  return out;
}
