import { readFile } from 'node:fs/promises';
import {
  catalogues,
  checkText,
  RECORD_CHECKS,
  verifyVoteRecord,
  type CheckParams,
  type Locale,
  type RecordReport,
} from '@tongxin/shared';

const USAGE = `usage: tongxin-verify <record.json> [--receipt <code>] [--lang zh-CN|en] [--json]

Checks a vote record exported by Tongxin (GET /api/votes/:id/record.json) with no server:
every entry's SHA-256 and link, the sequence, the head, a secret vote's openings, the count
and the rule's outcome; with --receipt, that a voter's ballot is in the chain and counted.
Exit status: 0 verified, 1 a check failed, 2 the command was used wrongly.
`;

/** A lookup over the shared catalogue, so the command says what the verifier page says. */
function lookup(locale: Locale) {
  return (key: string, params: CheckParams = {}): string => {
    let node: unknown = catalogues[locale];
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

export function formatReport(report: RecordReport, locale: Locale): string {
  const t = lookup(locale);
  const lines: string[] = [];
  const r = report.record;
  if (r) lines.push(t('verify.summary', { title: r.vote.title, n: r.entries.length, head: r.head.slice(0, 12) }), '');
  for (const c of report.checks) lines.push(`${c.ok ? '✓' : '✗'} ${t(`verify.checks.${c.check}`)}: ${checkText(c, t)}`);
  const done = new Set(report.checks.map((c) => c.check));
  if (report.firstProblem) {
    for (const check of RECORD_CHECKS.filter((c) => !done.has(c) && c !== 'receipt' && c !== 'openings')) {
      lines.push(`· ${t(`verify.checks.${check}`)}: ${t('verify.notChecked')}`);
    }
  }
  lines.push('');
  lines.push(
    report.firstProblem
      ? t('verify.verdictFailed', { problem: checkText(report.firstProblem, t) })
      : t('verify.verdictOk'),
  );
  return `${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let receipt: string | undefined;
  let locale: Locale = (process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--receipt') receipt = argv[++i];
    else if (arg === '--lang') locale = argv[++i] === 'zh-CN' ? 'zh-CN' : 'en';
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return void process.stdout.write(USAGE), 0;
    else if (!arg.startsWith('--') && file === undefined) file = arg;
    else return usage(`unexpected argument: ${arg}`);
  }
  if (!file) return usage('give the record file');
  if (argv.includes('--receipt') && !receipt) return usage('--receipt needs a code');

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    process.stderr.write(`tongxin-verify: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const report = verifyVoteRecord(text, { receipt });
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: report.ok, counts: report.counts, checks: report.checks, firstProblem: report.firstProblem }, null, 2)}\n`);
  } else {
    (report.ok ? process.stdout : process.stderr).write(formatReport(report, locale));
  }
  return report.ok ? 0 : 1;
}

function usage(why: string): number {
  process.stderr.write(`tongxin-verify: ${why}\n\n${USAGE}`);
  return 2;
}
