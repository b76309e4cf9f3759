import { describe, expect, it } from 'vitest';
import { computeQuorum } from '../src/domain/quorum.js';

describe('quorum (法定人数)', () => {
  it('with fifteen voting units and one half, the eighth unit to arrive makes the quorum', () => {
    expect(computeQuorum({ basis: 'unit', fraction: 0.5, eligible: 15, present: 7 }).reached).toBe(false);
    const q = computeQuorum({ basis: 'unit', fraction: 0.5, eligible: 15, present: 8 });
    expect(q).toMatchObject({ required: 8, reached: true });
  });

  it('exactly half of an even number is enough when the fraction is one half', () => {
    expect(computeQuorum({ basis: 'unit', fraction: 0.5, eligible: 8, present: 4 })).toMatchObject({ required: 4, reached: true });
    expect(computeQuorum({ basis: 'unit', fraction: 0.5, eligible: 8, present: 3 }).reached).toBe(false);
  });

  it('floating-point fractions do not demand one unit too many', () => {
    expect(computeQuorum({ basis: 'member', fraction: 0.6, eligible: 10, present: 6 })).toMatchObject({ required: 6, reached: true });
    expect(computeQuorum({ basis: 'unit', fraction: 2 / 3, eligible: 9, present: 6 })).toMatchObject({ required: 6, reached: true });
  });

  it('a body with nobody entitled to vote never has a quorum', () => {
    expect(computeQuorum({ basis: 'unit', fraction: 0.5, eligible: 0, present: 0 }).reached).toBe(false);
  });

  it('nobody counts twice: presence is capped at those with voting rights', () => {
    expect(computeQuorum({ basis: 'unit', fraction: 1, eligible: 3, present: 5 }).present).toBe(3);
  });

  it('rejects a fraction outside (0, 1]', () => {
    expect(() => computeQuorum({ basis: 'unit', fraction: 0, eligible: 3, present: 1 })).toThrow(RangeError);
    expect(() => computeQuorum({ basis: 'unit', fraction: 1.5, eligible: 3, present: 1 })).toThrow(RangeError);
  });
});
