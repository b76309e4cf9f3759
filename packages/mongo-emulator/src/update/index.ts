// Update documents of every style: operators ({$set: ...}), replacement ({a: 1}) and pipeline
// ([{$set: ...}]). An update is compiled once per statement so that a malformed update fails
// even when no document matches, as on the server.
// https://www.mongodb.com/docs/manual/reference/method/db.collection.updateOne/#update-document-or-pipeline
import { compareValues } from '../bson-order.js';
import { CommandError, badValue, failedToParse } from '../errors.js';
import { pipelineUpdate } from '../query.js';
import { deepClone, isPlainObject, type Doc } from '../types.js';
import { applyModifiers, type ApplyOptions } from './modifiers.js';
import { parseModifiers } from './parse.js';

export interface UpdateOutcome {
  doc: Doc;
  changed: boolean;
}

export interface CompiledUpdate {
  /** Replacement-style updates cannot be multi and do not seed upserts from the query. */
  replacement: boolean;
  /** Applies the update to a copy of `doc` (the original is never mutated). */
  apply(doc: Doc, opts?: ApplyOptions): UpdateOutcome;
}

/** The replacement keeps the original _id, and _id stays the first field. */
function keepId(original: Doc, next: Doc): Doc {
  const { _id: _drop, ...rest } = next;
  return '_id' in original ? { _id: original['_id'], ...rest } : next;
}

function replacement(u: Doc): CompiledUpdate {
  for (const k of Object.keys(u)) {
    if (k.startsWith('$')) {
      throw new CommandError(
        52,
        'DollarPrefixedFieldName',
        `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
  }
  return {
    replacement: true,
    apply(doc) {
      if ('_id' in u && '_id' in doc && compareValues(u['_id'], doc['_id']) !== 0) {
        throw new CommandError(
          66,
          'ImmutableField',
          "After applying the update, the (immutable) field '_id' was found to have been altered",
        );
      }
      const next = keepId(doc, deepClone(u));
      return { doc: next, changed: compareValues(next, doc) !== 0 };
    },
  };
}

function pipeline(stages: Doc[], arrayFilters: unknown): CompiledUpdate {
  if (arrayFilters !== undefined && arrayFilters !== null) {
    throw failedToParse('arrayFilters may not be specified for pipeline-style updates');
  }
  return {
    replacement: false,
    apply(doc) {
      const out = pipelineUpdate(doc, stages);
      if (!out) throw badValue('pipeline update removed the document');
      const next = keepId(doc, out);
      return { doc: next, changed: compareValues(next, doc) !== 0 };
    },
  };
}

/** Parses and validates `u`; throws the server's error for a malformed update. */
export function compileUpdate(u: unknown, arrayFilters?: unknown): CompiledUpdate {
  if (Array.isArray(u)) return pipeline(u as Doc[], arrayFilters);
  if (!isPlainObject(u)) throw failedToParse('Update argument must be an object or array');
  // The first field decides the style: {} and {a: 1} are replacements.
  if (!Object.keys(u)[0]?.startsWith('$')) return replacement(u);
  const plan = parseModifiers(u, arrayFilters);
  return { replacement: false, apply: (doc, opts = {}) => applyModifiers(plan, doc, opts) };
}
