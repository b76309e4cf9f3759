import { describe, expect, it } from 'vitest';
import { docName, parseDocName } from '../src/index.js';

const id = '65a0f0f0f0f0f0f0f0f0f0f0';

describe('collaborative document names', () => {
  it('round-trips the three kinds', () => {
    for (const name of [`meeting:${id}:agenda`, `decision:${id}`, `meeting:${id}:minutes`]) {
      expect(docName(parseDocName(name)!)).toBe(name);
    }
  });

  it('names a unit\'s report in a 述职评议 session by the session and the unit', () => {
    const unit = '65a0f0f0f0f0f0f0f0f0f0f1';
    const name = `appraisal:${id}:report:${unit}`;
    expect(parseDocName(name)).toEqual({ kind: 'appraisalReport', appraisalId: id, unitId: unit });
    expect(docName({ kind: 'appraisalReport', appraisalId: id, unitId: unit })).toBe(name);
    for (const bad of [`appraisal:${id}`, `appraisal:${id}:report:`, `appraisal:${id}:report:${unit}:x`, `appraisal:x:report:${unit}`]) {
      expect(parseDocName(bad)).toBeNull();
    }
  });

  it('rejects anything else, including path tricks and upper-case ids', () => {
    for (const name of ['', 'meeting:x:agenda', `meeting:${id}:notes`, `decision:${id}/../x`, `decision:${id.toUpperCase()}`]) {
      expect(parseDocName(name)).toBeNull();
    }
  });
});
