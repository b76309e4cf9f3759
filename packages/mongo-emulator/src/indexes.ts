// Index metadata, unique-key bookkeeping and the ordered keys the planner looks documents up by.
// Two structures per index, on purpose: `entries` enforces uniqueness with MongoDB's key rules
// (sparse, partial, missing = null), while `lookup` covers every document with exactly the
// values the query matcher compares against, so a lookup can never miss a match.
import { formatValue, keyString } from './bson-order.js';
import { badValue, DuplicateKeyError } from './errors.js';
import { OrderedKeys } from './orderedKeys.js';
import { candidates, compileFilter, getPath } from './query.js';
import { isPlainObject, type Doc } from './types.js';

const MAX_KEYS_PER_DOC = 1000;

export interface IndexKey {
  key: string;
  keyValue: Doc;
}

export class Index {
  readonly name: string;
  readonly key: Doc;
  readonly fields: string[];
  readonly unique: boolean;
  readonly sparse: boolean;
  private readonly partial: ((doc: unknown) => boolean) | undefined;
  /** unique key → idKey of the document holding it */
  readonly entries = new Map<string, string>();
  /** Ordered keys of every document, for queries; undefined for _id, hidden and special (text, hashed) indexes. */
  readonly lookup: OrderedKeys | undefined;
  /** Per field: some document held several values there (an array), so ranges cannot be intersected. */
  readonly multikey: boolean[];
  /** Documents with more key combinations than MAX_KEYS_PER_DOC: always candidates. */
  readonly overflow = new Set<string>();

  constructor(readonly spec: Doc) {
    if (!isPlainObject(spec['key']) || Object.keys(spec['key']).length === 0) throw badValue('index key must be a non-empty object');
    this.key = spec['key'];
    this.fields = Object.keys(this.key);
    this.name = typeof spec['name'] === 'string' ? spec['name'] : defaultIndexName(this.key);
    this.unique = spec['unique'] === true || this.name === '_id_';
    this.sparse = spec['sparse'] === true;
    this.partial = isPlainObject(spec['partialFilterExpression']) ? compileFilter(spec['partialFilterExpression']) : undefined;
    const ordered = Object.values(this.key).every((d) => d === 1 || d === -1);
    this.lookup = ordered && !this.isIdIndex && spec['hidden'] !== true ? new OrderedKeys() : undefined;
    this.multikey = this.fields.map(() => false);
  }

  /**
   * The lookup keys of a document: per field every value the matcher tests (an array, its
   * elements, values reached through arrays of subdocuments), combined across fields. Undefined
   * when there are too many combinations.
   */
  private lookupKeysOf(doc: Doc): unknown[][] | undefined {
    let combos: unknown[][] = [[]];
    for (let i = 0; i < this.fields.length; i++) {
      let values = candidates(doc, this.fields[i] as string);
      if (values.length > 1) {
        this.multikey[i] = true;
        const seen = new Set<string>();
        values = values.filter((v) => {
          const k = keyString(v);
          return !seen.has(k) && seen.add(k) !== undefined;
        });
      }
      if (combos.length * values.length > MAX_KEYS_PER_DOC) return undefined;
      combos = values.length === 1 ? combos.map((c) => [...c, values[0]]) : combos.flatMap((c) => values.map((v) => [...c, v]));
    }
    return combos;
  }

  /** Adds a stored document to the lookup keys. */
  addLookup(doc: Doc, idKey: string): void {
    if (!this.lookup) return;
    const keys = this.lookupKeysOf(doc);
    if (!keys) this.overflow.add(idKey);
    else for (const key of keys) this.lookup.insert({ key, id: idKey });
  }

  /** Removes a document (as it was stored: documents are never mutated) from the lookup keys. */
  removeLookup(doc: Doc, idKey: string): void {
    if (!this.lookup) return;
    const keys = this.lookupKeysOf(doc);
    if (!keys) this.overflow.delete(idKey);
    else for (const key of keys) this.lookup.remove({ key, id: idKey });
  }

  get isIdIndex(): boolean {
    return this.name === '_id_';
  }

  /**
   * The keys a document contributes. Missing fields index as null; array values contribute one
   * key per element (multikey); sparse and partial indexes skip documents they do not cover.
   * https://www.mongodb.com/docs/manual/core/index-unique/#missing-document-field-in-a-unique-single-field-index
   */
  keysOf(doc: Doc): IndexKey[] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map((f) => getPath(doc, f));
    if (this.sparse && perField.every((v) => v === undefined)) return [];
    let combos: unknown[][] = [[]];
    for (const v of perField) {
      const options = Array.isArray(v) ? (v.length === 0 ? [undefined] : [...new Set(v)]) : [v];
      const next: unknown[][] = [];
      for (const c of combos) for (const o of options) if (next.length < MAX_KEYS_PER_DOC) next.push([...c, o]);
      combos = next;
    }
    return combos.map((values) => {
      const keyValue: Doc = {};
      this.fields.forEach((f, i) => (keyValue[f] = values[i] ?? null));
      return { key: values.map(keyString).join('|'), keyValue };
    });
  }

  duplicate(ns: string, keyValue: Doc): DuplicateKeyError {
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(', ');
    return new DuplicateKeyError(
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: { ${shown} }`,
      { ...this.key },
      keyValue,
    );
  }

  /** Same definition (ignoring name and version), so createIndexes is a no-op. */
  sameAs(spec: Doc): boolean {
    const norm = (s: Doc) =>
      JSON.stringify([s['key'], s['unique'] === true, s['sparse'] === true, s['partialFilterExpression'] ?? null, s['expireAfterSeconds'] ?? null]);
    return norm(this.spec) === norm(spec);
  }
}

export function defaultIndexName(key: Doc): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');
}
