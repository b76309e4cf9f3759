import { catalogues, type Locale } from '../i18n/index.js';
import { auditActionKey, type AuditChange, type AuditEvent, type AuditValue } from '../schemas/audit.js';
import { dateTimeFormat } from './dateTimeFormat.js';
import { DEFAULT_TIME_ZONE } from './overdue.js';
import { formatLogTime } from './timeZone.js';

/**
 * An audit event in words, the same on every screen: "11月30日 21:05 城东街道 张敏 冻结了决议草稿
 * 《关于共建停车场的决定》". The sentence comes from the catalogue (`audit.sentence` around the
 * action's own words in `auditAction`), so a new action needs only its words there; the target
 * becomes a link where the product has a page for it.
 */
export type ProseSegment =
  | { kind: 'text'; text: string }
  /** The moment, with the instant for a `<time dateTime>`. */
  | { kind: 'time'; text: string; dateTime: string }
  /** Who acted. */
  | { kind: 'actor'; text: string }
  /** What it was done to: a link when `path` is set. */
  | { kind: 'target'; text: string; path?: string };

export interface AuditProse {
  sentence: ProseSegment[];
  /** One line per field that changed: "状态：已安排 → 进行中". */
  changes: string[];
}

export interface ProseOptions {
  /**
   * Where the words come from: the shared catalogue by default; the client passes its i18n
   * resources, so the log speaks exactly as the rest of the screen (pseudo-localised in tests too).
   */
  strings?: (key: string) => string | undefined;
  timeZone?: string;
  /** Today, to decide whether a date needs its year. */
  now?: Date;
}

/** The catalogue string at a dotted key, or undefined. */
export function catalogueString(locale: Locale, key: string): string | undefined {
  let node: unknown = catalogues[locale];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `{{name}}` placeholders filled with segments or words; an unknown name becomes nothing. */
function fill(template: string, values: Record<string, ProseSegment[] | string>): ProseSegment[] {
  const out: ProseSegment[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  let rest = template;
  for (const m of template.matchAll(/\{\{(\w+)\}\}/g)) {
    const [before] = rest.split(m[0], 1);
    pushText(before ?? '');
    rest = rest.slice((before ?? '').length + m[0].length);
    const v = values[m[1]!];
    if (typeof v === 'string') pushText(v);
    else
      for (const seg of v ?? []) {
        if (seg.kind === 'text') pushText(seg.text);
        else out.push(seg);
      }
  }
  pushText(rest);
  return out;
}

type Strings = (key: string) => string | undefined;
const stringsOf = (locale: Locale, opts: ProseOptions): Strings => (key) =>
  opts.strings?.(key) ?? catalogueString(locale, key);

const words = (str: Strings, key: string, values: Record<string, string> = {}) =>
  fill(str(key) ?? '', values)
    .map((s) => s.text)
    .join('');

const LONG_TEXT = 60;
const shorten = (s: string) => (s.length > LONG_TEXT ? `${s.slice(0, LONG_TEXT)}…` : s);

function formatDayWords(day: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return shorten(day);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (locale === 'zh-CN') return `${y}年${mo}月${d}日`;
  const month = dateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, mo - 1, 1)));
  return `${d} ${month} ${y}`;
}

/** One value in words: names for ids, labels for codes, local time for instants. */
export function auditValueWords(value: AuditValue, locale: Locale, opts: ProseOptions = {}): string {
  const str = stringsOf(locale, opts);
  switch (value.type) {
    case 'text':
      return shorten(value.text);
    case 'number':
      return value.unit
        ? words(str, `audit.${value.unit}`, { value: String(value.value) })
        : String(value.value);
    case 'boolean':
      return words(str, value.value ? 'audit.yes' : 'audit.no');
    case 'time':
      return formatLogTime(value.at, locale, { timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE, ...(opts.now ? { now: opts.now } : {}) });
    case 'day':
      return formatDayWords(value.day, locale);
    case 'enum':
      // A code without a label is never shown as the code itself.
      return str(value.key) ?? words(str, 'audit.unknown');
    case 'ref':
      return value.ref.name === '—' ? words(str, 'audit.removed') : value.ref.name;
    case 'list':
      return value.items.length === 0
        ? words(str, 'audit.none')
        : value.items.map((v) => auditValueWords(v, locale, opts)).join(locale === 'zh-CN' ? '、' : ', ');
  }
}

/** "状态：已安排 → 进行中", or undefined for a field without a label. */
export function auditChangeWords(change: AuditChange, locale: Locale, opts: ProseOptions = {}): string | undefined {
  const str = stringsOf(locale, opts);
  const field = str(`audit.field.${change.field}`);
  if (!field) return undefined;
  const before = change.before ? auditValueWords(change.before, locale, opts) : undefined;
  const after = change.after ? auditValueWords(change.after, locale, opts) : words(str, 'audit.none');
  return before === undefined
    ? words(str, 'audit.changeSet', { field, after })
    : words(str, 'audit.change', { field, before, after });
}

/** The words of an action: its catalogue entry, with the target where the entry does not place it. */
function actionSegments(event: AuditEvent, locale: Locale, str: Strings): ProseSegment[] {
  const target: ProseSegment[] = event.target
    ? [
        {
          kind: 'target',
          text: event.target.name === '—' ? words(str, 'audit.removed') : event.target.name,
          ...(event.target.path ? { path: event.target.path } : {}),
        },
      ]
    : [];
  let template = str(auditActionKey(event.action)) ?? words(str, 'audit.category.other');
  // English words are written as labels ("Closed a vote"); mid-sentence they read lower-case.
  if (locale === 'en' && /^[A-Z][a-z]/.test(template)) template = template[0]!.toLowerCase() + template.slice(1);
  const placesTarget = template.includes('{{target}}');
  const segments = fill(template, { target });
  if (!placesTarget && target.length > 0) segments.push(...fill(str('audit.about') ?? '', { target }));
  return segments;
}

export function auditProse(event: AuditEvent, locale: Locale, opts: ProseOptions = {}): AuditProse {
  const str = stringsOf(locale, opts);
  const time: ProseSegment = {
    kind: 'time',
    text: formatLogTime(event.at, locale, { timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE, ...(opts.now ? { now: opts.now } : {}) }),
    dateTime: event.at,
  };
  const actorName = event.actor
    ? event.actor.name === '—'
      ? words(str, 'audit.removed')
      : event.actor.name
    : event.login !== undefined
      ? words(str, 'audit.loginActor', { login: shorten(event.login) })
      : words(str, 'audit.system');
  const values = {
    time: [time],
    actor: [{ kind: 'actor', text: actorName }] as ProseSegment[],
    unit: event.actorUnit?.name ?? '',
    action: actionSegments(event, locale, str),
  };
  const sentence = fill(str(event.actorUnit ? 'audit.sentence' : 'audit.sentenceNoUnit') ?? '', values);
  const changes = event.changes.flatMap((c) => auditChangeWords(c, locale, opts) ?? []);
  return { sentence, changes };
}
