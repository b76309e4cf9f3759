import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DecisionVersionSchema, type Decision, type DecisionVersion } from '@tongxin/shared';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useMe } from '../auth/useMe.js';
import { userColor } from '../../lib/userColor.js';
import { useDecision, useDiff, useVersions } from './queries.js';

// The editor (Tiptap, ProseMirror, Yjs bindings) is its own chunk, loaded only on this screen.
const DecisionEditor = lazy(() => import('./DecisionEditor.js'));

export function DecisionPage() {
  const { id = '' } = useParams();
  const decision = useDecision(id);
  return <QueryState query={decision}>{(d) => <DecisionView decision={d} />}</QueryState>;
}

function DecisionView({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const mine = me.alliances.find((a) => a.id === decision.alliance);
  const isSecretary = me.user.isAdmin || mine?.isSecretary === true;
  // Secretaries and representatives of voting units draft; the server enforces the same rule.
  const canEdit =
    decision.status === 'drafting' &&
    (isSecretary || ((mine?.represents.length ?? 0) > 0 && mine?.unitRole !== 'observer'));
  const user = { name: me.user.name, unit: me.unit?.name ?? '', color: userColor(me.user.id) };

  return (
    <div className="page">
      <p>
        <Link to={`/meetings/${decision.meeting}`}>← {t('decision.back')}</Link>
      </p>
      <header className="page-head">
        <p className="muted">{t('decision.title')}</p>
        <h1>{decision.title}</h1>
        <span className={`status decision-${decision.status}`}>{t(`decision.status.${decision.status}`)}</span>
      </header>
      <div className="stack">
        <section className="card" aria-label={t('decision.editorLabel')}>
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <DecisionEditor docName={decision.docName} user={user} editable={canEdit} />
          </Suspense>
        </section>
        <Versions decision={decision} canFreeze={isSecretary && decision.status === 'drafting'} />
      </div>
    </div>
  );
}

function Versions({ decision, canFreeze }: { decision: Decision; canFreeze: boolean }) {
  const { t } = useTranslation();
  const versions = useVersions(decision.id);
  const queryClient = useQueryClient();
  const [done, setDone] = useState<number | null>(null);
  const freeze = useMutation({
    mutationFn: () => send('POST', `/api/decisions/${decision.id}/versions`, undefined, DecisionVersionSchema),
    onSuccess: async (v) => {
      setDone(v!.number);
      await queryClient.invalidateQueries({ queryKey: ['decision', decision.id] });
    },
  });
  return (
    <section className="card" aria-labelledby="versions">
      <h2 id="versions">{t('decision.versions')}</h2>
      {canFreeze && (
        <div className="form-actions">
          <button type="button" onClick={() => freeze.mutate()} disabled={freeze.isPending}>
            {freeze.isPending ? t('decision.freezing') : t('decision.freeze')}
          </button>
          {done !== null && !freeze.isPending && (
            <span role="status" className="success">
              {t('decision.frozen', { number: done })}
            </span>
          )}
          {freeze.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, freeze.error)}
            </span>
          )}
        </div>
      )}
      <QueryState query={versions} isEmpty={(v) => v.items.length === 0} empty={t('decision.noVersions')}>
        {(v) => (
          <ol className="plain-list versions">
            {[...v.items].reverse().map((version) => (
              <VersionItem key={version.id} decisionId={decision.id} version={version} />
            ))}
          </ol>
        )}
      </QueryState>
    </section>
  );
}

function VersionItem({ decisionId, version }: { decisionId: string; version: DecisionVersion }) {
  const { t, i18n } = useTranslation();
  const [compare, setCompare] = useState(false);
  const diff = useDiff(decisionId, version.number - 1, version.number, compare);
  return (
    <li className="version" data-testid={`version-${version.number}`}>
      <h3>{t('decision.versionLabel', { number: version.number })}</h3>
      <p className="muted">
        {t('decision.frozenBy', {
          name: version.frozenBy?.name ?? '—',
          time: formatShortDateTime(version.frozenAt, i18n.language),
        })}
      </p>
      <p className="fingerprint">{t('decision.fingerprint', { hash: version.sha256 })}</p>
      <blockquote className="version-text">{version.text}</blockquote>
      {version.number > 1 && (
        <button type="button" className="ghost" aria-expanded={compare} onClick={() => setCompare(!compare)}>
          {compare ? t('decision.hideCompare') : t('decision.compare')}
        </button>
      )}
      {compare && (
        <QueryState query={diff}>
          {(d) => (
            <>
              {d.coarse && (
                <p role="note" className="muted">
                  {t('decision.compareCoarse')}
                </p>
              )}
              <p className="diff">
                {d.parts.map((p, i) =>
                  p.added ? (
                    <ins key={i}>{p.value}</ins>
                  ) : p.removed ? (
                    <del key={i}>{p.value}</del>
                  ) : (
                    <span key={i}>{p.value}</span>
                  ),
                )}
              </p>
            </>
          )}
        </QueryState>
      )}
    </li>
  );
}
