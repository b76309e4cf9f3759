import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DecisionVersionSchema, type Decision, meetingPhase } from '@tongxin/shared';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { userColor } from '../../lib/userColor.js';
import { decisionsKey, useDecisions, useVersions } from '../decision/queries.js';
import { NewDecisionForm } from '../decision/NewDecisionForm.js';
import { DecisionLinks } from '../decision/DecisionLinks.js';
import { useRoomContext } from './roomContext.js';
import { VerifyDetails } from './VoteVerify.js';

// Tiptap and its Yjs bindings load only when a decision is shown.
const DecisionEditor = lazy(() => import('../decision/DecisionEditor.js'));


/** The meeting's decisions: co-draft one live, freeze it into a version, start another. */
export function DecisionPanel() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const decisions = useDecisions(meetingId);
  const [selected, setSelected] = useState<string | null>(null);
  const canCreate = viewer.canDraft && meetingPhase.openForDrafting(snapshot.flow.status);

  return (
    <section className="card room-panel room-decisions" aria-labelledby="room-decisions">
      <h2 id="room-decisions">{t('room.decisions.title')}</h2>
      <QueryState query={decisions} isEmpty={(d) => d.items.length === 0} empty={t('room.decisions.none')}>
        {(d) => {
          const shown =
            d.items.find((i) => i.id === selected) ??
            d.items.find((i) => i.status === 'drafting') ??
            d.items.find((i) => i.status === 'voting') ??
            d.items[0]!;
          return (
            <>
              {d.items.length > 1 && (
                <label className="room-field">
                  <span>{t('room.decisions.choose')}</span>
                  <select value={shown.id} onChange={(e) => setSelected(e.target.value)}>
                    {d.items.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.title}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <DecisionShown key={shown.id} decision={shown} />
            </>
          );
        }}
      </QueryState>
      {canCreate && <NewDecisionForm meetingId={meetingId} onCreated={setSelected} />}
    </section>
  );
}

function DecisionShown({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { viewer } = useRoomContext();
  const versions = useVersions(decision.id);
  const queryClient = useQueryClient();
  const latest = versions.data?.items.at(-1);
  const drafting = decision.status === 'drafting';
  const freeze = useMutation({
    mutationFn: () => send('POST', `/api/decisions/${decision.id}/versions`, undefined, DecisionVersionSchema),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['decision', decision.id] }),
        queryClient.invalidateQueries({ queryKey: decisionsKey(decision.meeting) }),
      ]);
    },
  });
  const user = { name: viewer.name, unit: viewer.unitName ?? '', color: userColor(viewer.userId) };
  // Someone froze a version (the polled list says so): fetch the versions again.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['decision', decision.id, 'versions'] });
  }, [queryClient, decision.id, decision.versionCount]);

  return (
    <div className="room-decision" data-testid="room-decision">
      <div className="section-head">
        <h3 className="room-decision-title">{decision.title}</h3>
        <span className={`status decision-${decision.status}`}>{t(`decision.status.${decision.status}`)}</span>
      </div>
      <DecisionLinks decision={decision} />
      <p className="small muted room-version-line" data-testid="latest-version">
        {latest ? t('room.decisions.latest', { number: latest.number }) : t('room.decisions.noVersion')}
      </p>
      {latest && (
        <VerifyDetails
          testId="decision-verify"
          items={[{ label: t('room.vote.verify.textHash'), value: latest.sha256, testId: 'decision-hash' }]}
        />
      )}
      <div className="room-editor">
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <DecisionEditor
            docName={decision.docName}
            user={user}
            editable={drafting && viewer.canDraft}
            readOnlyNote={
              drafting
                ? undefined
                : decision.status === 'withdrawn'
                  ? t('connection.readOnly_decision_withdrawn')
                  : t('room.decisions.locked')
            }
          />
        </Suspense>
      </div>
      <div className="room-actions">
        {viewer.isSecretary && drafting && (
          <button type="button" disabled={freeze.isPending} onClick={() => freeze.mutate()}>
            {freeze.isPending ? t('decision.freezing') : t('decision.freeze')}
          </button>
        )}
        {freeze.isSuccess && !freeze.isPending && (
          <span role="status" className="success">
            {t('decision.frozen', { number: freeze.data!.number })}
          </span>
        )}
        <Link to={`/decisions/${decision.id}`} className="small">
          {t('room.decisions.openPage')}
        </Link>
      </div>
      {freeze.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, freeze.error)}
        </p>
      )}
    </div>
  );
}
