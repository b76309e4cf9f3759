/**
 * Names of the collaborative (Yjs) documents, as they appear in `/yjs/<docName>`:
 * a meeting's agenda, a decision draft, a meeting's minutes, and a unit's report in a 述职评议
 * session (outside any meeting).
 */
export type DocRef =
  | { kind: 'agenda'; meetingId: string }
  | { kind: 'decision'; decisionId: string }
  | { kind: 'minutes'; meetingId: string }
  | { kind: 'appraisalReport'; appraisalId: string; unitId: string };

const ID = '[0-9a-f]{24}';
const PATTERNS: [RegExp, (id: string) => DocRef][] = [
  [new RegExp(`^meeting:(${ID}):agenda$`), (meetingId) => ({ kind: 'agenda', meetingId })],
  [new RegExp(`^decision:(${ID})$`), (decisionId) => ({ kind: 'decision', decisionId })],
  [new RegExp(`^meeting:(${ID}):minutes$`), (meetingId) => ({ kind: 'minutes', meetingId })],
];
const APPRAISAL_REPORT = new RegExp(`^appraisal:(${ID}):report:(${ID})$`);

export function parseDocName(name: string): DocRef | null {
  for (const [re, make] of PATTERNS) {
    const m = re.exec(name);
    if (m) return make(m[1]!);
  }
  const report = APPRAISAL_REPORT.exec(name);
  if (report) return { kind: 'appraisalReport', appraisalId: report[1]!, unitId: report[2]! };
  return null;
}

export function docName(ref: DocRef): string {
  switch (ref.kind) {
    case 'agenda':
      return `meeting:${ref.meetingId}:agenda`;
    case 'decision':
      return `decision:${ref.decisionId}`;
    case 'minutes':
      return `meeting:${ref.meetingId}:minutes`;
    case 'appraisalReport':
      return `appraisal:${ref.appraisalId}:report:${ref.unitId}`;
  }
}
