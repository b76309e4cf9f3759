import { z } from 'zod';

// Text people type: names, titles, descriptions. A name is compared with other names (a unit or an
// alliance is unique by name), so two names that look the same must be the same string: NFKC folds
// compatibility variants (full-width Ｌａｔｉｎ and digits, half-width ｶﾅ, ligatures), and invisible
// characters — zero-width spaces and joiners, the byte-order mark, bidirectional marks and
// overrides — are removed, as a paste from a web page or a chat client often carries them.
// Control characters (NUL, BEL, ESC …) have no business in text and are refused, not dropped.
//
// One exception to NFKC: the full-width punctuation Chinese is written with （）：，；！？ and the
// ellipsis …… stay as typed. NFKC would make them ASCII, and "联席会议（第三次）" would become
// "联席会议(第三次)" in the minutes, a visible departure from how official documents are written.

/** Zero-width space, non-joiner and joiner; word joiner; byte-order mark / zero-width no-break space. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** LRM, RLM; LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI. */
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, except tab and line feed, which multi-line text keeps. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS_BUT_TAB_AND_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (such as NUL, BEL or ESC) or line breaks';
export const MULTILINE_CONTROL_CHARACTER_MESSAGE = 'must not contain control characters (such as NUL, BEL or ESC)';

/** Full-width ASCII punctuation (U+FF01–FF0F, FF1A–FF20, FF3B–FF40, FF5B–FF5E), the ellipsis. */
const NOT_CJK_PUNCTUATION = /[^\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF5E\u2026]+/g;

/** A single-line name or title as it is stored and compared: NFKC, invisible characters removed, trimmed. */
export function cleanName(s: string): string {
  return s
    .replace(ZERO_WIDTH, '')
    .replace(BIDI_CONTROLS, '')
    .replace(NOT_CJK_PUNCTUATION, (run) => run.normalize('NFKC'))
    .trim();
}

/**
 * Multi-line text (descriptions, measures, notes) keeps what its writer typed, including joiners
 * that emoji and some scripts need, and Chinese full-width punctuation NFKC would fold; only line
 * endings are made `\n` and the ends trimmed.
 */
export function cleanMultiline(s: string): string {
  return s.replace(/\r\n?/g, '\n').trim();
}

/** A single line that may be empty (a place, a region): cleaned like a name, at most `max` characters. */
export function lineSchema(max: number) {
  return z
    .string()
    .overwrite(cleanName)
    .refine((s) => !CONTROLS.test(s), { message: CONTROL_CHARACTER_MESSAGE })
    .max(max);
}

/** A person-facing name or title: cleaned, never empty, bounded so a paste accident cannot bloat a list. */
export function nameSchema(max = 100) {
  return lineSchema(max).min(1);
}

/** Multi-line text: tabs and line breaks allowed, other control characters refused. */
export function multilineSchema(max: number) {
  return z
    .string()
    .overwrite(cleanMultiline)
    .refine((s) => !CONTROLS_BUT_TAB_AND_LF.test(s), { message: MULTILINE_CONTROL_CHARACTER_MESSAGE })
    .max(max);
}

/**
 * A web link people will click: http or https only — never `javascript:`, `data:` or `vbscript:`,
 * which would run in the reader's browser. Any host: intranet links are often bare IP addresses.
 */
export const WebLinkSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// link' })
  .max(500)
  .refine((s) => !CONTROLS.test(s), { message: CONTROL_CHARACTER_MESSAGE });
