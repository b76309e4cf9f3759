import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  DecisionDetailSchema,
  DecisionReviseSchema,
  DecisionVersionSchema,
  type Decision,
  type DecisionDetail,
  type DecisionRevise,
  type DecisionVersion,
} from '@tongxin/shared';
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { useMe } from '../auth/useMe.js';
import { userColor } from '../../lib/userColor.js';
import { decisionsKey, useDecision, useDiff, useVersions } from './queries.js';
import { DecisionLinks } from './DecisionLinks.js';
import { ReasonForm } from './ReasonForm.js';

// The editor (Tiptap, ProseMirror, Yjs bindings) is its own chunk, loaded only on this screen.
const DecisionEditor = lazy(() => import('./DecisionEditor.js'));

export function DecisionPage() {
  const { id = '' } = useParams();
  const decision = useDecision(id);
  return <QueryState query={decision}>{(d) => <DecisionView key={d.id} decision={d} />}</QueryState>;
}

function DecisionView({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const queryClient = useQueryClient();
  // Withdrawn, revised, put to the vote or settled elsewhere: read it again (status, links, `can`).
  useAllianceChannel([decision.alliance], 'decision:changed', (changed) => {
    if (changed === null || changed.decisionId === decision.id) {
      void queryClient.invalidateQueries({ queryKey: ['decision', decision.id] });
    }
  });
  // What the viewer may do comes from the server's policies (`can`), not re-derived here.
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
        <DecisionLinks decision={decision} />
      </header>
      <div className="stack">
        <section className="card" aria-label={t('decision.editorLabel')}>
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            <DecisionEditor
              docName={decision.docName}
              user={user}
              editable={decision.can.edit}
              readOnlyNote={decision.status === 'withdrawn' ? t('connection.readOnly_decision_withdrawn') : undefined}
            />
          </Suspense>
          <WithdrawalNote decision={decision} />
          {decision.can.withdraw && <Withdraw decision={decision} />}
          {decision.can.revise && <Revise decision={decision} />}
        </section>
        <Versions decision={decision} canFreeze={decision.can.freeze} />
      </div>
    </div>
  );
}

function WithdrawalNote({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  const w = decision.withdrawal;
  if (!w) return null;
  return (
    <p className="decision-note" data-testid="withdrawal">
      {t('decision.withdrawnNote', {
        name: w.by?.name ?? '—',
        time: formatShortDateTime(w.at, i18n.language),
        reason: w.reason,
      })}
    </p>
  );
}

/** 撤回: a secretary takes the draft back, with a reason, after a confirmation step. */
function Withdraw({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const withdraw = useMutation({
    mutationFn: (reason: string) => send('POST', `/api/decisions/${decision.id}/withdraw`, { reason }, DecisionDetailSchema),
    onSuccess: async (d) => {
      setAsking(false);
      queryClient.setQueryData(['decision', decision.id], d);
      await queryClient.invalidateQueries({ queryKey: decisionsKey(decision.meeting) });
    },
  });
  if (!asking) {
    return (
      <div className="form-actions">
        <button type="button" className="ghost" onClick={() => setAsking(true)}>
          {t('decision.withdraw')}
        </button>
      </div>
    );
  }
  return (
    <ReasonForm
      title={t('decision.withdrawTitle')}
      hint={t('decision.withdrawHint')}
      label={t('decision.withdrawReason')}
      confirm={t('decision.withdrawConfirm')}
      pending={withdraw.isPending ? t('decision.withdrawing') : null}
      error={
        withdraw.isError && (
          <p role="alert" className="field-error">
            {errorMessage(t, withdraw.error)}
          </p>
        )
      }
      onConfirm={(reason) => withdraw.mutate(reason)}
      onCancel={() => {
        withdraw.reset();
        setAsking(false);
      }}
    />
  );
}

/** 修改后重新表决: a new linked draft from this rejected or withdrawn decision; opens it when made. */
function Revise({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [title, setTitle] = useState(decision.title);
  const [invalid, setInvalid] = useState(false);
  const revise = useMutation({
    mutationFn: (body: DecisionRevise) => send('POST', `/api/decisions/${decision.id}/revise`, body, DecisionDetailSchema),
    onSuccess: async (d) => {
      if (d) {
        queryClient.setQueryData(['decision', d.id], d);
        void navigate(`/decisions/${d.id}`);
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['decision', decision.id] }),
        queryClient.invalidateQueries({ queryKey: decisionsKey(decision.meeting) }),
      ]);
    },
  });
  if (!asking) {
    return (
      <div className="form-actions">
        <button type="button" onClick={() => setAsking(true)}>
          {t('decision.revise')}
        </button>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = DecisionReviseSchema.safeParse({ title });
    setInvalid(!parsed.success);
    if (parsed.success) revise.mutate(parsed.data);
  };
  const source = decision.status === 'rejected' ? t('decision.reviseFromRejected') : t('decision.reviseFromWithdrawn');
  return (
    <form className="revise-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('decision.revise')}</h3>
      <p className="muted small">{t('decision.reviseHint', { source })}</p>
      <label htmlFor={`${id}-name`}>{t('decision.reviseTitle')}</label>
      <input
        id={`${id}-name`}
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      />
      {invalid && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t('decision.titleRequired')}
        </span>
      )}
      <div className="form-actions">
        <button type="submit" disabled={revise.isPending}>
          {revise.isPending ? t('decision.revising') : t('decision.reviseConfirm')}
        </button>
        <button type="button" className="ghost" disabled={revise.isPending} onClick={() => setAsking(false)}>
          {t('decision.keep')}
        </button>
      </div>
      {revise.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, revise.error)}
        </p>
      )}
    </form>
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
