// Parsing an operator-style update document into a plan, with the checks the server makes
// before it looks at any document: known operators, well-formed paths, valid arguments,
// no two operators on overlapping paths, array filters that exist and are used.
// https://www.mongodb.com/docs/manual/reference/operator/update/
import { CommandError, badValue, failedToParse } from '../errors.js';
import { isPlainObject, type Doc } from '../types.js';
import { render, renderField, typeName } from './describe.js';
import { parseArrayFilters, type ArrayFilters } from './arrayFilters.js';
import { arrayOperators } from './arrayOperators.js';
import { fieldOperators } from './fieldOperators.js';
import type { LeafOperator, OperatorParser } from './operator.js';
import { isArrayUpdatePart } from './paths.js';

const OPERATORS: Record<string, OperatorParser> = { ...fieldOperators, ...arrayOperators };

export interface Leaf {
  parts: string[];
  operator: LeafOperator;
}

export interface Rename {
  from: string[];
  to: string[];
}

export interface ModifierPlan {
  leaves: Leaf[];
  renames: Rename[];
  filters: ArrayFilters;
}

const conflict = (path: string, at: string): CommandError =>
  new CommandError(40, 'ConflictingUpdateOperators', `Updating the path '${path}' would create a conflict at '${at}'`);
const emptyFieldName = (msg: string): CommandError => new CommandError(56, 'EmptyFieldName', msg);

/** Splits and checks one update path; records the array filter identifiers it uses. */
function parsePath(path: string, filters: ArrayFilters, used: Set<string>): string[] {
  if (path === '') throw emptyFieldName('An empty update path is not valid.');
  const parts = path.split('.');
  if (parts.includes(''))
    throw emptyFieldName(`The update path '${path}' contains an empty field name, which is not allowed.`);
  const positional = parts.filter((p) => p === '$').length;
  if (positional > 1) throw badValue(`Too many positional (i.e. '$') elements found in path '${path}'`);
  if (parts[0] === '$')
    throw badValue(`Cannot have positional (i.e. '$') element in the first position in path '${path}'`);
  parts.forEach((part, i) => {
    if (!isArrayUpdatePart(part)) return;
    if (i === 0)
      throw badValue(
        `Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '${path}'`,
      );
    const id = part.slice(2, -1);
    if (id === '') return;
    if (!filters.has(id)) throw badValue(`No array filter found for identifier '${id}' in path '${path}'`);
    used.add(id);
  });
  return parts;
}

interface TreeNode {
  kind: 'object' | 'array' | 'leaf';
  children: Map<string, TreeNode>;
}

/**
 * The server merges all paths into one tree (children of an array-update node are the
 * identifiers); a path that runs into another one, or needs a node of the other kind, conflicts.
 */
function addToTree(root: TreeNode, parts: string[]): void {
  const path = parts.join('.');
  const name = (p: string): string => (isArrayUpdatePart(p) ? p.slice(2, -1) : p);
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const kind = isArrayUpdatePart(parts[i + 1] as string) ? 'array' : 'object';
    let next = cur.children.get(name(parts[i] as string));
    if (next && next.kind !== kind) throw conflict(path, parts.slice(0, i + 1).join('.'));
    if (!next) {
      next = { kind, children: new Map() };
      cur.children.set(name(parts[i] as string), next);
    }
    cur = next;
  }
  const last = name(parts[parts.length - 1] as string);
  if (cur.children.has(last)) throw conflict(path, path);
  cur.children.set(last, { kind: 'leaf', children: new Map() });
}

export function parseModifiers(u: Doc, arrayFilters: unknown): ModifierPlan {
  const plan: ModifierPlan = { leaves: [], renames: [], filters: parseArrayFilters(arrayFilters) };
  const used = new Set<string>();
  const tree: TreeNode = { kind: 'object', children: new Map() };
  for (const [op, arg] of Object.entries(u)) {
    const parser = Object.hasOwn(OPERATORS, op) ? OPERATORS[op] : undefined;
    if (!parser && op !== '$rename') {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(arg)) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${typeName(arg)} instead. For example: {$mod: {<field>: ...}} not {${renderField(op, arg)}}`,
      );
    }
    for (const [path, value] of Object.entries(arg)) {
      if (op === '$rename') {
        plan.renames.push(parseRename(path, value, plan.filters, used, tree));
        continue;
      }
      const parts = parsePath(path, plan.filters, used);
      const operator = (parser as OperatorParser)(value, path);
      if (operator.create && parts[0]?.startsWith('$')) throw dollarPrefixed(path);
      addToTree(tree, parts);
      plan.leaves.push({ parts, operator });
    }
  }
  for (const id of plan.filters.keys()) {
    if (!used.has(id))
      throw failedToParse(`The array filter for identifier '${id}' was not used in the update ${render(u)}`);
  }
  return plan;
}

const dollarPrefixed = (path: string): CommandError =>
  new CommandError(
    52,
    'DollarPrefixedFieldName',
    `The dollar ($) prefixed field '${path.split('.')[0]}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
  );

function parseRename(from: string, to: unknown, filters: ArrayFilters, used: Set<string>, tree: TreeNode): Rename {
  const fromParts = parsePath(from, filters, used);
  addToTree(tree, fromParts);
  if (typeof to !== 'string') throw badValue(`The 'to' field for $rename must be a string: ${renderField(from, to)}`);
  const toParts = parsePath(to, filters, used);
  const spec = renderField(from, to);
  if (from === to) throw badValue(`The source and target field for $rename must differ: ${spec}`);
  const prefixOf = (a: string[], b: string[]): boolean => a.every((p, i) => b[i] === p);
  if (prefixOf(fromParts, toParts) || prefixOf(toParts, fromParts)) {
    throw badValue(`The source and target field for $rename must not be on the same path: ${spec}`);
  }
  const dynamic = (parts: string[]): boolean => parts.some((p) => p === '$' || isArrayUpdatePart(p));
  if (dynamic(fromParts)) throw badValue(`The source field for $rename may not be dynamic: ${from}`);
  if (dynamic(toParts)) throw badValue(`The destination field for $rename may not be dynamic: ${to}`);
  if (toParts[0]?.startsWith('$')) throw dollarPrefixed(to);
  addToTree(tree, toParts);
  return { from: fromParts, to: toParts };
}
