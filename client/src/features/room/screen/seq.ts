const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS = ['', '十', '百', '千'];

/**
 * A number written in Chinese numerals as meeting titles use it (第二次, 第十二次, 第一百零一次);
 * 1–9999, anything else in Arabic digits.
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) return String(n);
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = UNITS[digits.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += DIGITS[0];
    zero = false;
    out += DIGITS[d]! + unit;
  });
  // 十二, not 一十二: the leading one of the tens is not said.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** The meeting's number in the reader's language: 第二次联席会议 / Joint meeting no. 2. */
export function seqFor(seq: number, lang: string): string {
  return lang.startsWith('zh') ? chineseNumber(seq) : String(seq);
}
