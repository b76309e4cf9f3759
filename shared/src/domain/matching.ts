/**
 * Search keys and demand–resource matching for the three lists, as pure functions.
 *
 * Chinese has no spaces, and MongoDB text indexes do not segment it. Rather than a dictionary
 * segmenter (@node-rs/jieba ships a native binary per platform, which an intranet installation
 * cannot download; jieba-wasm is a 4 MB dictionary for a few short fields), each record stores the
 * character bigrams (and single characters) of its texts plus its Latin/digit words in a
 * `searchKeys` array with a multikey index. A query is split the same way and matched with `$all`:
 * "助餐" finds "老人助餐", on real MongoDB and on the bundled emulator alike.
 */

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, and words of letters or digits (Latin, full-width folded by NFKC). */
const TOKENS = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKENS) ?? [];
}

function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The keys a record is found by: every Han bigram and single character of its texts, and every
 * other word whole. Single characters let a one-character query ("餐") find something too.
 */
export function documentKeys(...texts: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const tok of tokens(text)) {
      if (HAN.test(tok)) {
        for (const c of tok) keys.add(c);
        for (const b of bigramsOf(tok)) keys.add(b);
      } else {
        keys.add(tok);
      }
    }
  }
  return [...keys];
}

/** The keys a query must all match: bigrams of each Han run (a single character alone), words whole. */
export function queryKeys(query: string): string[] {
  const keys = new Set<string>();
  for (const tok of tokens(query)) {
    if (HAN.test(tok)) for (const b of bigramsOf(tok)) keys.add(b);
    else keys.add(tok);
  }
  return [...keys].slice(0, 32);
}

/** The Han bigrams of a text, in order of first appearance: what "shared keywords" are made of. */
export function textBigrams(text: string): string[] {
  const out = new Set<string>();
  for (const tok of tokens(text)) {
    if (HAN.test(tok)) for (const b of bigramsOf(tok)) if ([...b].length === 2) out.add(b);
  }
  return [...out];
}

/** Dice similarity of two sets of bigrams: 1 for the same text, 0 for nothing in common. */
export function bigramSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  const shared = new Set(a.filter((x) => set.has(x))).size;
  return (2 * shared) / (new Set(a).size + set.size);
}

export interface MatchDemand {
  category: string;
  title: string;
  description: string;
  tags: readonly string[];
}

export interface MatchResource {
  category: string;
  title: string;
  description: string;
  tags: readonly string[];
  status: string;
  /** `YYYY-MM-DD`, or null for "from now on" / "until further notice". */
  availableFrom: string | null;
  availableTo: string | null;
}

/** Why a resource is suggested, in the order the user reads them. */
export type MatchReason =
  | { kind: 'category'; category: string }
  | { kind: 'keywords'; words: string[] }
  | { kind: 'availableUntil'; date: string }
  | { kind: 'openEnded' };

export interface Match {
  /** 0–100. */
  score: number;
  reasons: MatchReason[];
}

const MAX_KEYWORDS = 5;
/** Bigrams too common in requests and offers to say anything about a match. */
const STOP_BIGRAMS = new Set(['社区', '提供', '服务', '需要', '开展', '我们', '进行', '工作', '相关', '居民', '单位']);

/** Available on `today` (`YYYY-MM-DD`): in use, and the period (either end open) covers the day. */
export function availableOn(r: Pick<MatchResource, 'status' | 'availableFrom' | 'availableTo'>, today: string): boolean {
  return r.status === 'available' && (!r.availableFrom || r.availableFrom <= today) && (!r.availableTo || today <= r.availableTo);
}

/**
 * How well a resource answers a demand, and why: same category (40), shared tags (10 each, up to
 * 20), similar wording (up to 30, Dice over Han bigrams, which finds 助餐 in 老人助餐服务 without a
 * dictionary), available today (10). A resource not available today, or with neither the category
 * nor any word in common, is not suggested (null).
 */
export function scoreMatch(demand: MatchDemand, resource: MatchResource, today: string): Match | null {
  if (!availableOn(resource, today)) return null;
  const reasons: MatchReason[] = [];
  let score = 0;
  const sameCategory = demand.category !== '' && demand.category === resource.category;
  if (sameCategory) {
    score += 40;
    reasons.push({ kind: 'category', category: demand.category });
  }
  const resourceTags = new Set(resource.tags.map((t) => t.trim()).filter(Boolean));
  const sharedTags = [...new Set(demand.tags.map((t) => t.trim()))].filter((t) => t && resourceTags.has(t));
  score += Math.min(sharedTags.length * 10, 20);
  const demandGrams = textBigrams(`${demand.title} ${demand.description}`).filter((b) => !STOP_BIGRAMS.has(b));
  const resourceGrams = textBigrams(`${resource.title} ${resource.description} ${resource.tags.join(' ')}`).filter(
    (b) => !STOP_BIGRAMS.has(b),
  );
  const similarity = bigramSimilarity(demandGrams, resourceGrams);
  // Short texts share few bigrams even when they mean the same: twice the Dice, capped.
  score += Math.round(Math.min(similarity * 2, 1) * 30);
  const inResource = new Set(resourceGrams);
  const words = [...sharedTags, ...demandGrams.filter((b) => inResource.has(b) && !sharedTags.includes(b))].slice(0, MAX_KEYWORDS);
  if (words.length > 0) reasons.push({ kind: 'keywords', words });
  if (!sameCategory && words.length === 0) return null;
  score += 10;
  reasons.push(resource.availableTo ? { kind: 'availableUntil', date: resource.availableTo } : { kind: 'openEnded' });
  return { score: Math.min(score, 100), reasons };
}

/**
 * The reasons in words, as the suggestion shows them: "同类：养老服务 · 关键词：助餐、老人 · 可用至
 * 2027-03-31". `str` reads the catalogue (`lists.reason.*`, `lists.reason.separator` for the list of words).
 */
export function matchReasonText(reasons: readonly MatchReason[], str: (key: string) => string | undefined): string {
  const fill = (key: string, vars: Record<string, string>) =>
    (str(`lists.reason.${key}`) ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
  const sep = str('lists.reason.wordSeparator') ?? '、';
  return reasons
    .map((r) => {
      switch (r.kind) {
        case 'category':
          return fill('category', { category: r.category });
        case 'keywords':
          return fill('keywords', { words: r.words.join(sep) });
        case 'availableUntil':
          return fill('availableUntil', { date: r.date });
        case 'openEnded':
          return fill('openEnded', {});
      }
    })
    .join(' · ');
}
