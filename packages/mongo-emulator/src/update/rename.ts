// $rename: sets the target to the source value (creating its path), then removes the source.
// Neither side may go through an array. https://www.mongodb.com/docs/manual/reference/operator/update/rename/
import { badValue } from '../errors.js';
import type { Doc } from '../types.js';
import { renderField } from './describe.js';
import { create, pathNotViable, replace, resolve, viable, type Resolution } from './paths.js';
import { identical } from './values.js';

const idOf = (doc: Doc): string => ('_id' in doc ? renderField('_id', doc['_id']) : 'no id');

/** The closest enclosing array field, if the path goes through one. */
const arrayAncestor = (r: Resolution): string | undefined =>
  [...r.ancestors].reverse().find((a) => Array.isArray(a.value))?.name;

/** Applies one rename; returns whether the document changed. */
export function applyRename(doc: Doc, from: string[], to: string[]): boolean {
  const source = resolve(doc, from);
  if (!source.found) {
    if (viable(source, from)) return false; // Nothing to rename.
    throw pathNotViable(
      `cannot use the part (${from[source.at]} of ${from.join('.')}) to traverse the element ({${renderField(source.name, source.container)}})`,
    );
  }
  const sourceArray = arrayAncestor(source);
  if (sourceArray !== undefined) {
    throw badValue(
      `The source field cannot be an array element, '${from.join('.')}' in doc with ${idOf(doc)} has an array field called '${sourceArray}'`,
    );
  }
  const target = resolve(doc, to);
  const targetArray = arrayAncestor(target);
  if (targetArray !== undefined) {
    throw badValue(
      `The destination field cannot be an array element, '${to.join('.')}' in doc with ${idOf(doc)} has an array field called '${targetArray}'`,
    );
  }
  if (!target.found) create(target, to, source.value);
  else if (!identical(target.value, source.value)) replace(target, source.value);
  delete (source.parent as Doc)[source.key];
  return true;
}
