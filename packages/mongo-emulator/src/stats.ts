// Counters that tests read to prove a query went through an index (like explain's
// totalDocsExamined and winning plan). Not exported from the package entry, not on the wire.

export const queryStats = {
  /** Documents the matcher tested, over all queries since the process started. */
  docsExamined: 0,
  /** The plan of the last query: 'IDHACK', 'IXSCAN <index name>' or 'COLLSCAN'. */
  lastPlan: '',
};
