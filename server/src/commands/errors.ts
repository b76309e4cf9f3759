import { Types } from 'mongoose';
import { AppError } from '../errors.js';

export function isDuplicateKey(err: unknown): err is { code: 11000; keyValue?: Record<string, unknown> } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Turns a unique-index violation into a 409 naming the field that collided. */
export async function conflictOnDuplicate<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isDuplicateKey(err)) {
      const fields = Object.keys(err.keyValue ?? {}).join(', ');
      throw new AppError('CONFLICT', `${what} already exists${fields ? ` (${fields})` : ''}`, { fields });
    }
    throw err;
  }
}

export function objectId(id: string, what: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) throw new AppError('NOT_FOUND', `${what} not found`);
  return new Types.ObjectId(id);
}

export const forbidden = (message = 'not allowed') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
