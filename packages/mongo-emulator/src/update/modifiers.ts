// Applying a parsed operator update to one document. Paths are processed in the server's order
// (lexicographic, numeric for indexes), which is also the order new fields are appended in.
import { compareValues } from '../bson-order.js';
import { CommandError } from '../errors.js';
import { deepClone, type Doc } from '../types.js';
import type { LeafOperator } from './operator.js';
import type { ModifierPlan } from './parse.js';
import { assertViable, comparePaths, create, isPrefix, remove, replace, resolve } from './paths.js';
import { applyRename } from './rename.js';
import { expand, matchedIndex, noPositionalMatch } from './targets.js';

export interface ApplyOptions {
  query?: Doc | undefined;
  /** True when an upsert inserts: $setOnInsert applies, there is no query match for `$`. */
  inserting?: boolean | undefined;
}

interface Step {
  parts: string[];
  run: () => boolean;
}

/** Applies one operator at one concrete path; returns whether the document changed. */
function applyLeaf(doc: Doc, parts: string[], operator: LeafOperator): boolean {
  const target = { doc, path: parts.join('.'), field: parts[parts.length - 1] as string };
  const r = resolve(doc, parts);
  if (!r.found) {
    if (operator.create) {
      create(r, parts, operator.create(target));
      return true;
    }
    if (!operator.ignoresBlockedPaths) assertViable(r, parts);
    return false;
  }
  const effect = operator.update(r.value, target);
  if (effect.kind === 'noop') return false;
  if (effect.kind === 'remove') remove(r);
  else replace(r, effect.value);
  return true;
}

function steps(plan: ModifierPlan, doc: Doc, opts: ApplyOptions): Step[] {
  const out: Step[] = [];
  for (const { parts, operator } of plan.leaves) {
    if (operator.insertOnly && !opts.inserting) continue;
    const at = parts.indexOf('$');
    let written = parts;
    if (at >= 0) {
      // An upsert that inserts matched nothing, so `$` has no element to stand for.
      if (opts.inserting) throw noPositionalMatch();
      written = [...parts.slice(0, at), matchedIndex(doc, opts.query, parts.slice(0, at)), ...parts.slice(at + 1)];
    }
    for (const concrete of expand(doc, written, plan.filters)) {
      out.push({ parts: concrete, run: () => applyLeaf(doc, concrete, operator) });
    }
  }
  for (const { from, to } of plan.renames) {
    // The source only takes part in the order and in conflict detection.
    out.push({ parts: from, run: () => false });
    out.push({ parts: to, run: () => applyRename(doc, from, to) });
  }
  out.sort((a, b) => comparePaths(a.parts, b.parts));
  // Different array updates can land on the same element (`a.$[]` and `a.$[i]`).
  for (let i = 1; i < out.length; i++) {
    const prev = (out[i - 1] as Step).parts;
    if (isPrefix(prev, (out[i] as Step).parts)) {
      throw new CommandError(40, 'ConflictingUpdateOperators', `Update created a conflict at '${prev.join('.')}'`);
    }
  }
  return out;
}

/** Applies the plan to a copy of `doc`. */
export function applyModifiers(plan: ModifierPlan, doc: Doc, opts: ApplyOptions): { doc: Doc; changed: boolean } {
  const next = deepClone(doc);
  let changed = false;
  for (const step of steps(plan, next, opts)) changed = step.run() || changed;
  if (!changed) return { doc, changed: false };
  if ('_id' in doc && (!('_id' in next) || compareValues(next['_id'], doc['_id']) !== 0)) {
    throw new CommandError(
      66,
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  return { doc: next, changed };
}
