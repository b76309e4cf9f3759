import bcrypt from 'bcryptjs';

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
