import type { Doc } from '../types.js';

/** The element an operator is applied to. */
export interface Target {
  /** The whole document being updated (messages name its _id). */
  doc: Doc;
  /** Full dotted path of the element, positional parts resolved. */
  path: string;
  /** Last component of the path. */
  field: string;
}

export type Effect = { kind: 'noop' } | { kind: 'set'; value: unknown } | { kind: 'remove' };

export const NOOP: Effect = { kind: 'noop' };
export const setTo = (value: unknown): Effect => ({ kind: 'set', value });

/** One operator on one path, its argument already validated. */
export interface LeafOperator {
  /** Value for a missing target; operators without it leave missing paths alone. */
  create?(t: Target): unknown;
  /** Only $unset ignores paths blocked by a scalar; the other non-creating operators fail. */
  ignoresBlockedPaths?: boolean;
  /** $setOnInsert only acts when an upsert inserts. */
  insertOnly?: boolean;
  update(current: unknown, t: Target): Effect;
}

/** Validates the argument given for `field` and returns the operator, or throws the server's error. */
export type OperatorParser = (arg: unknown, field: string) => LeafOperator;
