// https://www.mongodb.com/docs/manual/reference/command/findAndModify/
// Errors (including duplicate keys) fail the whole command rather than producing writeErrors.
import { badValue } from '../errors.js';
import { project } from '../query.js';
import type { Doc } from '../types.js';
import { compileUpdate } from '../update/index.js';
import type { CommandContext } from './context.js';
import { upsertDocument } from './write.js';
import { matchDocs, optionalDoc } from './util.js';

export function findAndModify(ctx: CommandContext): Doc {
  const cmd = ctx.cmd;
  const view = ctx.view(ctx.collectionName());
  const query = optionalDoc(cmd['query'], 'query') ?? {};
  const sort = optionalDoc(cmd['sort'], 'sort');
  const fields = optionalDoc(cmd['fields'], 'fields');
  const remove = cmd['remove'] === true;
  const u = cmd['update'];
  const returnNew = cmd['new'] === true;
  if (remove && u !== undefined) throw badValue('Cannot specify both an update and remove=true');
  if (!remove && u === undefined) throw badValue('Either an update or remove=true must be specified');
  if (remove && (returnNew || cmd['upsert'] === true)) throw badValue('Cannot specify both new=true and remove=true; remove always returns the deleted document');

  // Parsed before matching: a malformed update fails even when no document matches.
  const update = remove ? undefined : compileUpdate(u, cmd['arrayFilters']);

  const shape = (doc: Doc | undefined): Doc | null => (doc ? ((fields ? project([doc], fields)[0] : doc) ?? null) : null);
  const [found] = matchDocs(view, query, { sort, limit: 1 });

  if (remove) {
    if (!found) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    view.remove(found);
    return { lastErrorObject: { n: 1 }, value: shape(found), ok: 1 };
  }
  if (!update) throw badValue('Either an update or remove=true must be specified');
  if (found) {
    const { doc, changed } = update.apply(found, { query });
    if (changed) view.replace(found, doc);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(returnNew ? doc : found), ok: 1 };
  }
  if (cmd['upsert'] !== true) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const doc = upsertDocument(query, update);
  view.insert(doc);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc['_id'] },
    value: returnNew ? shape(doc) : null,
    ok: 1,
  };
}
