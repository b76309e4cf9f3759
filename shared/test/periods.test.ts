import { describe, expect, it } from 'vitest';
import { periodsWithin } from '../src/index.js';

describe('periodsWithin: the period and every shorter one inside it', () => {
  it('a year holds its four quarters and twelve months', () => {
    const year = periodsWithin('2026');
    expect(year).toHaveLength(17);
    expect(year.slice(0, 5)).toEqual(['2026', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(year.at(-1)).toBe('2026-12');
    expect(year).not.toContain('2025-Q4');
  });

  it('a quarter holds its three months; a month only itself', () => {
    expect(periodsWithin('2026-Q4')).toEqual(['2026-Q4', '2026-10', '2026-11', '2026-12']);
    expect(periodsWithin('2026-Q1')).toEqual(['2026-Q1', '2026-01', '2026-02', '2026-03']);
    expect(periodsWithin('2026-07')).toEqual(['2026-07']);
  });

  it('a key that names no period holds nothing', () => {
    expect(periodsWithin('2026-Q5')).toEqual([]);
    expect(periodsWithin('2026-13')).toEqual([]);
    expect(periodsWithin('soon')).toEqual([]);
  });
});
