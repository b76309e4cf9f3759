import { catalogueString, chineseNumber, POINT_CRITERIA, starGlyphs, type RatingRules } from '@tongxin/shared';
import { chinaDay } from './minutesExport.js';

// 星级评定反馈函: the letter an alliance sends each member unit's 党组织 after publishing a period's
// stars (反馈到单位) — its stars, its points and where they came from, its 述职评议 score, its rank,
// any adjustment with the reason, the issuing body and the date. The words are built here once;
// ratingLetterDocx.ts and ratingLetterPdf.ts only lay them out (and are loaded on first use: the
// DOCX and PDF libraries take seconds to load).

/** What one letter says, from the published snapshot. */
export interface RatingLetter {
  /** The issuing body: the alliance. */
  issuer: string;
  period: string;
  unit: { id: string; name: string };
  stars: number;
  computedStars: number;
  points: number;
  byCriterion: Record<string, number>;
  appraisal: number | null;
  composite: number;
  rank: number;
  /** How many units were rated. */
  of: number;
  adjustmentReason: string | null;
  rules: RatingRules;
  version: number;
  issuedAt: Date;
}

export interface LetterText {
  title: string;
  addressee: string;
  /** Paragraphs in order; `heading` ones are the 一、二、 headings (黑体). */
  body: { text: string; heading?: boolean }[];
  issuer: string;
  date: string;
}

/** 2026年第四季度, 2026年10月, 2026年度. */
export function periodLabel(key: string): string {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(key);
  if (!m) return key;
  if (m[2]) return `${m[1]}年${Number(m[2])}月`;
  if (m[3]) return `${m[1]}年第${chineseNumber(Number(m[3]))}季度`;
  return `${m[1]}年度`;
}

const num = (n: number) => String(Math.round(n * 100) / 100);

/** The criterion in the words of the points screens (the shared catalogue). */
export function criterionWords(criterion: string): string {
  return catalogueString('zh-CN', `evaluation.criterion.${criterion}`) ?? criterion;
}

/** A unit's 党组织 as addressee: “某某社区党组织：”, or the name itself when it already is one. */
function addresseeOf(unitName: string): string {
  return /(党委|党工委|党总支|党支部|党组织|党组)$/.test(unitName) ? `${unitName}：` : `${unitName}党组织：`;
}

function methodWords(r: RatingRules): string {
  if (r.method === 'thresholds') {
    const [t2, t3, t4, t5] = r.thresholds;
    return `按综合得分分数线评定（2星${num(t2)}分、3星${num(t3)}分、4星${num(t4)}分、5星${num(t5)}分及以上）`;
  }
  const [s5, s4, s3, s2] = r.rankShares;
  return `按综合得分名次比例评定（5星前${num(s5)}%、4星其后${num(s4)}%、3星其后${num(s3)}%、2星其后${num(s2)}%，其余1星；并列者星级相同）`;
}

export function letterText(l: RatingLetter): LetterText {
  const label = periodLabel(l.period);
  const known = POINT_CRITERIA.filter((c) => (l.byCriterion[c] ?? 0) !== 0);
  const others = Object.keys(l.byCriterion).filter(
    (c) => !(POINT_CRITERIA as readonly string[]).includes(c) && l.byCriterion[c] !== 0,
  );
  const breakdown = [...known, ...others].map((c) => `${criterionWords(c)}${num(l.byCriterion[c]!)}分`);
  const body: LetterText['body'] = [
    {
      text: `根据${l.issuer}星级评定规则，经积分核算、述职评议和综合评定，你单位${label}星级评定结果为${starGlyphs(l.stars)}（${l.stars}星），综合得分${num(l.composite)}分，在${l.of}个参评成员单位中排名第${l.rank}位。现将有关情况反馈如下。`,
    },
    { text: '一、积分情况', heading: true },
    {
      text:
        breakdown.length > 0
          ? `本期积分共计${num(l.points)}分。其中：${breakdown.join('；')}。`
          : `本期积分共计${num(l.points)}分，暂无积分记录。`,
    },
    { text: '二、述职评议', heading: true },
    {
      text:
        l.appraisal === null
          ? '本期你单位未参加述职评议，该项按0分计入综合得分。'
          : `本期述职评议得分${num(l.appraisal)}分（满分100分）。`,
    },
    { text: '三、综合评定', heading: true },
    {
      text: `综合得分＝积分×${num(l.rules.pointsWeight)}＋述职评议得分×${num(l.rules.appraisalWeight)}＝${num(l.points)}×${num(l.rules.pointsWeight)}＋${num(l.appraisal ?? 0)}×${num(l.rules.appraisalWeight)}＝${num(l.composite)}分；${methodWords(l.rules)}。`,
    },
  ];
  if (l.adjustmentReason !== null) {
    body.push(
      { text: '四、星级调整', heading: true },
      {
        text: `经审核，你单位星级由按规则评定的${l.computedStars}星调整为${l.stars}星。调整理由：${l.adjustmentReason}${/[。！？.!?]$/.test(l.adjustmentReason) ? '' : '。'}`,
      },
    );
  }
  body.push(
    {
      text: `请你单位对照评定结果，总结经验、查找不足，持续提升共建工作水平。对评定结果有异议的，请与${l.issuer}秘书联系。`,
    },
    { text: `特此反馈。${l.version > 1 ? `（本函依据第${l.version}版评定结果出具。）` : ''}` },
  );
  return {
    title: `关于${label}星级评定结果的反馈`,
    addressee: addresseeOf(l.unit.name),
    body,
    issuer: l.issuer,
    date: chinaDay(l.issuedAt),
  };
}

/** A file name without characters a file system refuses. */
export function letterFileName(base: string, ext: 'docx' | 'pdf'): string {
  const safe =
    [...base]
      .filter((c) => c.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(c))
      .join('')
      .slice(0, 80) || '反馈函';
  return `${safe}.${ext}`;
}

export async function ratingLetterDocx(letters: RatingLetter[]): Promise<Buffer> {
  return (await import('./ratingLetterDocx.js')).lettersDocx(letters.map(letterText));
}

export async function ratingLettersPdf(letters: RatingLetter[]): Promise<Buffer> {
  return (await import('./ratingLetterPdf.js')).lettersPdf(letters.map(letterText));
}
