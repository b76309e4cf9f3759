const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * 1 → 一, 12 → 十二, 25 → 二十五, 100 → 一百, 305 → 三百零五. Official documents count meetings,
 * sections and items in Chinese numerals (第二次联席会议), so every screen and the minutes say it
 * the same way.
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n <= 10) return NUMERALS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : NUMERALS[n % 10]}`;
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : NUMERALS[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail = rest === 0 ? '' : rest < 10 ? `零${NUMERALS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
    return `${NUMERALS[Math.floor(n / 100)]}百${tail}`;
  }
  return String(n);
}

/** The ordinal of a meeting as its title says it: 第二次 in Chinese, no. 2 elsewhere. */
export function meetingOrdinal(seq: number, lang: string): string {
  return lang.startsWith('zh') ? chineseNumber(seq) : String(seq);
}
