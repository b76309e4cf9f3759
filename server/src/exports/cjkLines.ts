// Line breaking for Chinese text, where a line may end between any two characters: pdfkit only
// breaks at spaces, so a long Chinese paragraph would run off the page. Latin words and numbers
// stay whole; a few punctuation marks may not begin a line (。，、；：？！）》 …) and a few may
// not end one (（《“ …) — the simple part of the rules of 禁则 (kinsoku), done by carrying one
// character over to the next line.

export interface Run {
  text: string;
  bold: boolean;
}

export interface Piece extends Run {
  width: number;
}

/** Measures a piece of text in the font of its run. */
export type Measure = (text: string, bold: boolean) => number;

/** Characters that must not begin a line. */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉’”…—·％%,.;:?!)]}']);
/** Characters that must not end a line. */
const NO_END = new Set([...'（《「『【〔〈‘“([{']);

/** Splits runs into unbreakable units: one CJK character, or one Latin word or number, or one space. */
export function tokens(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    for (const m of run.text.matchAll(/[A-Za-z0-9@#&_\-+=/\\.:'",;!?()[\]{}<>*~$^|`]+|\s|./gsu)) {
      out.push({ text: m[0], bold: run.bold });
    }
  }
  return out;
}

/**
 * Breaks runs into lines no wider than `width` (`firstWidth` for the first, e.g. after a
 * first-line indent), each line a list of pieces (consecutive tokens of the same weight merged)
 * with their widths. A single token wider than a line gets a line of its own.
 */
export function breakLines(runs: Run[], width: number, measure: Measure, firstWidth = width): Piece[][] {
  const toks = tokens(runs)
    .filter((t) => t.text !== '\n' && t.text !== '\r')
    .map((t) => ({ ...t, width: measure(t.text, t.bold) }));
  const lines: (Run & { width: number })[][] = [];
  let line: (Run & { width: number })[] = [];
  let used = 0;
  for (const tok of toks) {
    if (line.length === 0 && /^\s$/.test(tok.text)) continue; // no leading spaces
    const room = lines.length === 0 ? firstWidth : width;
    if (used + tok.width <= room || line.length === 0) {
      line.push(tok);
      used += tok.width;
      continue;
    }
    // The token does not fit: start a new line, carrying characters over so that the new line
    // does not begin with closing punctuation and the old one does not end with an opening mark.
    const carried: typeof line = [];
    if (NO_START.has(tok.text[0]!) && line.length > 1) carried.unshift(line.pop()!);
    while (line.length > 1 && NO_END.has(line[line.length - 1]!.text)) carried.unshift(line.pop()!);
    while (line.length > 0 && /^\s$/.test(line[line.length - 1]!.text)) line.pop();
    lines.push(line);
    line = [...carried, tok];
    used = line.reduce((s, t) => s + t.width, 0);
  }
  if (line.length > 0) lines.push(line);
  return lines.map(merge);
}

function merge(line: (Run & { width: number })[]): Piece[] {
  const out: Piece[] = [];
  for (const t of line) {
    const last = out[out.length - 1];
    if (last && last.bold === t.bold) {
      last.text += t.text;
      last.width += t.width;
    } else {
      out.push({ ...t });
    }
  }
  return out;
}
