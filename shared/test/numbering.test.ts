import { describe, expect, it } from 'vitest';
import { chineseNumber, isAtRisk, meetingOrdinal } from '../src/index.js';

describe('one numbering style: 第二次联席会议', () => {
  it('writes meeting numbers in Chinese numerals as titles and the minutes do', () => {
    expect([1, 2, 10, 11, 20, 25, 99, 100, 101, 110, 115, 305].map(chineseNumber)).toEqual([
      '一', '二', '十', '十一', '二十', '二十五', '九十九', '一百', '一百零一', '一百一十', '一百一十五', '三百零五',
    ]);
  });

  it('says 第二次 in Chinese and no. 2 in English', () => {
    expect(meetingOrdinal(2, 'zh-CN')).toBe('二');
    expect(meetingOrdinal(2, 'en')).toBe('2');
  });
});

describe('progress bars by meaning: on time, at risk, overdue', () => {
  const now = new Date('2026-12-01T04:00:00Z'); // 12:00 on 1 December in Beijing
  it('open work due within three days is at risk; later work is on time', () => {
    expect(isAtRisk({ dueDate: '2026-12-04', status: 'in_progress' }, now)).toBe(true);
    expect(isAtRisk({ dueDate: '2026-12-01', status: 'todo' }, now)).toBe(true);
    expect(isAtRisk({ dueDate: '2026-12-05', status: 'in_progress' }, now)).toBe(false);
  });
  it('overdue, handed-in and closed work is not "at risk"', () => {
    expect(isAtRisk({ dueDate: '2026-11-30', status: 'in_progress' }, now)).toBe(false);
    expect(isAtRisk({ dueDate: '2026-12-02', status: 'awaiting_verification' }, now)).toBe(false);
    expect(isAtRisk({ dueDate: '2026-12-02', status: 'closed' }, now)).toBe(false);
  });
});
