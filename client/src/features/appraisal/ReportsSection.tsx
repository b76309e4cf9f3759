import type { Appraisal } from '@tongxin/shared';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userColor } from '../../lib/userColor.js';
import { useMe } from '../auth/useMe.js';

// The decision drafts' editor (Tiptap bound to Yjs): its own chunk, loaded when a report is opened.
const DecisionEditor = lazy(() => import('../decision/DecisionEditor.js'));

/**
 * The reports (述职报告), one per reporting unit, each a Yjs document its unit's representatives
 * and the secretaries write live until scoring starts; read-only afterwards (the server says so on
 * the connection too). A report opens on demand, so the page does not hold a socket per unit.
 */
export function ReportsSection({ appraisal: a }: { appraisal: Appraisal }) {
  const { t } = useTranslation();
  const me = useMe().data;
  // The report of the viewer's own unit opens at once while it can be written (a secretary, who
  // may write them all, gets the first); the rest on demand.
  const represents = me?.alliances.find((x) => x.id === a.alliance.id)?.represents ?? [];
  const mine = a.reporters
    .filter((r) => a.status === 'draft' && a.can.editReportOf.includes(r.unit.id) && represents.includes(r.unit.id))
    .map((r) => r.unit.id);
  const [shown, setShown] = useState<Set<string>>(() => new Set(mine.length ? mine : a.reporters.slice(0, 1).map((r) => r.unit.id)));
  const user = { name: me?.user.name ?? '', unit: me?.unit?.name ?? '', color: userColor(me?.user.id ?? '') };
  const toggle = (id: string, open: boolean) =>
    setShown((s) => {
      const next = new Set(s);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="card appraisal-reports" aria-labelledby="appraisal-reports">
      <h2 id="appraisal-reports">{t('appraisal.detail.reports')}</h2>
      {/* Once locked, each open report says so itself. */}
      {a.status === 'draft' && <p className="muted small">{t('appraisal.detail.reportDraftNote')}</p>}
      <ul className="plain-list">
        {a.reporters.map((r) => {
          const editable = a.status === 'draft' && a.can.editReportOf.includes(r.unit.id);
          const open = shown.has(r.unit.id);
          return (
            <li key={r.unit.id} className="appraisal-report" data-testid="appraisal-report" data-unit={r.unit.name}>
              <details open={open} onToggle={(e) => toggle(r.unit.id, (e.currentTarget as HTMLDetailsElement).open)}>
                <summary>
                  <span className="appraisal-report-unit">{r.unit.name}</span>
                  {editable && <span className="tag">{t('appraisal.detail.reportDraftTag')}</span>}
                </summary>
                {open && (
                  <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
                    <DecisionEditor
                      docName={r.docName}
                      user={user}
                      editable={editable}
                      label={t('appraisal.detail.reportOf', { unit: r.unit.name })}
                      placeholder={t('appraisal.detail.reportPlaceholder')}
                      readOnlyNote={a.status === 'draft' ? t('appraisal.detail.reportReadOnly') : t('appraisal.detail.reportLocked')}
                    />
                  </Suspense>
                )}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
