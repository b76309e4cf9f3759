// What surrounds the text of the minutes on paper (GB/T 9704-2012): the 版头 (issuing body, red
// or not), the 发文字号, and the 版记 (分送, 印发机关和印发日期). A draft shows the alliance's
// settings as they are now; published minutes keep what was fixed when they were published, so a
// later rename or a new member never changes a record already filed.
import { dateTimeFormat } from '@tongxin/shared';


export interface MinutesFrame {
  /** 发文机关 as printed in the 版头 and as 印发机关 in the 版记. */
  issuer: string;
  /** 红头: the 版头 and its rule in red. */
  red: boolean;
  /** 〔2026〕3号; null while a draft (the exports then leave the number open). */
  docNumber: string | null;
  /** The year of the number, or of today for a draft's placeholder (China time). */
  year: number;
  /** 分送: member units. */
  distribution: string[];
  /** 印发日期: the publication, null while a draft. */
  printedOn: Date | null;
}

/** The year of `d` on a Beijing calendar. */
export function chinaYear(d: Date): number {
  return Number(dateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));
}
