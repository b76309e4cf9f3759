import { describe, expect, it } from 'vitest';
import { inQuietHours, NotificationPreferencesSchema } from '../src/index.js';

const beijing = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+08:00`);

describe('quiet hours (免打扰), on a Beijing clock', () => {
  const night = { from: '22:00', to: '07:00' };

  it('a span over midnight covers the late evening and the early morning, start included, end not', () => {
    expect(inQuietHours(beijing('21:59'), night)).toBe(false);
    expect(inQuietHours(beijing('22:00'), night)).toBe(true);
    expect(inQuietHours(beijing('02:30'), night)).toBe(true);
    expect(inQuietHours(beijing('06:59'), night)).toBe(true);
    expect(inQuietHours(beijing('07:00'), night)).toBe(false);
  });

  it('a span within the day (a lunch break) covers only itself', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(inQuietHours(beijing('11:59'), lunch)).toBe(false);
    expect(inQuietHours(beijing('12:45'), lunch)).toBe(true);
    expect(inQuietHours(beijing('13:30'), lunch)).toBe(false);
  });

  it('no quiet hours, no quiet', () => {
    expect(inQuietHours(beijing('03:00'), null)).toBe(false);
  });

  it('the settings refuse a span that starts and ends at once, a time that is not one, a kind twice', () => {
    const base = { disabledKinds: [], quietHours: null, dailyDigest: false };
    expect(NotificationPreferencesSchema.safeParse(base).success).toBe(true);
    expect(NotificationPreferencesSchema.safeParse({ ...base, quietHours: { from: '22:00', to: '22:00' } }).success).toBe(false);
    expect(NotificationPreferencesSchema.safeParse({ ...base, quietHours: { from: '24:00', to: '07:00' } }).success).toBe(false);
    expect(NotificationPreferencesSchema.safeParse({ ...base, disabledKinds: ['item.nudged', 'item.nudged'] }).success).toBe(false);
    expect(NotificationPreferencesSchema.safeParse({ ...base, disabledKinds: ['digest.daily'] }).success).toBe(false);
  });
});
