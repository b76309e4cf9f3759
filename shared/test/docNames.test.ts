import { describe, expect, it } from 'vitest';
import { docName, parseDocName } from '../src/index.js';

const id = '65a0f0f0f0f0f0f0f0f0f0f0';

describe('collaborative document names', () => {
  it('round-trips the three kinds', () => {
    for (const name of [`meeting:${id}:agenda`, `decision:${id}`, `meeting:${id}:minutes`]) {
      expect(docName(parseDocName(name)!)).toBe(name);
    }
  });

  it('rejects anything else, including path tricks and upper-case ids', () => {
    for (const name of ['', 'meeting:x:agenda', `meeting:${id}:notes`, `decision:${id}/../x`, `decision:${id.toUpperCase()}`]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});
