import { DemandDetailSchema, matchReasonText, type DemandDetail, type DemandTransition, type Locale } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { RecordEvidence } from '../evidence/RecordEvidence.js';
import { DemandForm } from './DemandForm.js';
import { Field, FormDialog } from './fields.js';
import { ProjectForm } from './ProjectForm.js';
import { periodText } from './ListsPage.js';
import { post, useCategories, useDemand, useListMutation, useSuggestions } from './queries.js';
import { useActingUnits } from './useActingUnits.js';
import './lists.css';

/** One demand: what is needed, the suggested resources and why, the claims, and what came of it. */
export default function DemandPage() {
  const { id = '' } = useParams();
  const demand = useDemand(id);
  return (
    <div className="page lists-page">
      <QueryState query={demand}>{(d) => <DemandView demand={d} />}</QueryState>
    </div>
  );
}

function DemandView({ demand: d }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { acting, members } = useActingUnits(d.alliance);
  const categories = useCategories(d.alliance).data?.categories ?? [];
  const [editing, setEditing] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [newProject, setNewProject] = useState(false);
  const move = useListMutation((body: { transition: DemandTransition; reason?: string }) =>
    post(`/api/demands/${d.id}/transition`, body, DemandDetailSchema),
  );
  const raisedBy =
    d.source === 'resident'
      ? d.residentName
        ? t('lists.demand.residentNamed', { unit: d.unit.name, name: d.residentName })
        : t('lists.demand.residentBy', { unit: d.unit.name })
      : t('lists.demand.raisedBy', { unit: d.unit.name });

  return (
    <>
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${d.alliance}/lists?tab=demands`}>← {t('lists.back')}</Link>
        </p>
        <h1>{d.title}</h1>
        <p className="lists-meta">
          <span className={`lists-status demand-${d.status}`} data-testid="demand-status">
            {t(`lists.demandStatus.${d.status}`)}
          </span>
          <span className="tag">{d.category}</span>
          <span className={`tag urgency-${d.urgency}`}>{t(`lists.urgency.${d.urgency}`)}</span>
          <span>{raisedBy}</span>
          {d.meeting && <Link to={`/meetings/${d.meeting.id}`}>{d.meeting.name}</Link>}
          {d.location && <span>{d.location}</span>}
        </p>
        {d.description && <p className="lead">{d.description}</p>}
        {d.claimedBy && (
          <p>
            {t('lists.demand.claimedBy', { unit: d.claimedBy.name })}
            {d.resource && <> · {t('lists.demand.withResource', { resource: d.resource.name })}</>}
          </p>
        )}
        {d.rejectReason && <p className="alert">{t('lists.demand.rejectReason', { reason: d.rejectReason })}</p>}
        <div className="lists-actions">
          {d.can.edit && (
            <button type="button" className="outline" onClick={() => setEditing(true)}>
              {t('lists.edit')}
            </button>
          )}
          {d.can.transitions.map((tr) =>
            tr === 'reject' ? (
              <button key={tr} type="button" className="outline" onClick={() => setRejecting(true)}>
                {t('lists.demandTransition.reject')}
              </button>
            ) : (
              <button key={tr} type="button" onClick={() => move.mutate({ transition: tr })} disabled={move.isPending}>
                {t(`lists.demandTransition.${tr}`)}
              </button>
            ),
          )}
          {(d.status === 'claimed' || d.status === 'in_progress') && acting.length > 0 && (
            <button type="button" onClick={() => setNewProject(true)}>
              {t('lists.demand.createProject')}
            </button>
          )}
        </div>
        {move.isError && (
          <p role="alert" className="field-error">
            {errorMessage(t, move.error)}
          </p>
        )}
        {d.projects.length > 0 && (
          <p>
            {t('lists.demand.projects')}：
            {d.projects.map((p) => (
              <Link key={p.id} to={`/projects/${p.id}`} className="lists-link">
                {p.name}
              </Link>
            ))}
          </p>
        )}
      </header>
      {d.status === 'open' ? (
        <div className="stack">
          <div className="column">
            <Suggestions demand={d} />
          </div>
          <div className="column">
            <Offers demand={d} />
          </div>
        </div>
      ) : (
        <Offers demand={d} />
      )}
      <RecordEvidence owner="demands" id={d.id} />
      {editing && <DemandForm allianceId={d.alliance} categories={categories} units={acting} demand={d} open onClose={() => setEditing(false)} />}
      {rejecting && <RejectDialog demand={d} onClose={() => setRejecting(false)} />}
      {newProject && (
        <ProjectForm
          allianceId={d.alliance}
          leadUnits={acting}
          members={members}
          demand={d}
          open
          onClose={(pid) => {
            setNewProject(false);
            if (pid) void navigate(`/projects/${pid}`);
          }}
        />
      )}
    </>
  );
}

/** 推荐资源, best first, each with why it is suggested. */
function Suggestions({ demand: d }: { demand: DemandDetail }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const suggestions = useSuggestions(d.id, d.status === 'open');
  const offer = useListMutation((body: { unit: string; resource: string }) => post(`/api/demands/${d.id}/offers`, body, DemandDetailSchema));
  const words = (key: string) => {
    const s: unknown = i18n.getResource(locale, 'translation', key);
    return typeof s === 'string' ? s : undefined;
  };
  if (d.status !== 'open') return null;
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('lists.demand.suggestions')}</h2>
      <p className="muted small">{t('lists.demand.suggestionsHint')}</p>
      <QueryState query={suggestions} isEmpty={(s) => s.length === 0} empty={t('lists.demand.noSuggestions')}>
        {(list) => (
          <ul className="plain-list lists-items" data-testid="suggestions">
            {list.map((s) => (
              <li key={s.resource.id} className="lists-item">
                <div className="lists-item-head">
                  <span className="lists-item-title">{s.resource.title}</span>
                  <span className="muted small">{t('lists.demand.score', { score: s.score })}</span>
                </div>
                <p className="lists-meta">
                  <span>{t('lists.resource.offeredBy', { unit: s.resource.unit.name })}</span>
                  <span>{t(`lists.resourceKind.${s.resource.kind}`)}</span>
                  {s.resource.quantity && <span>{s.resource.quantity}</span>}
                  <span>{periodText(t, s.resource)}</span>
                </p>
                <p className="lists-reasons" data-testid="reasons">
                  {matchReasonText(s.reasons, words)}
                </p>
                {d.can.offerAs.includes(s.resource.unit.id) && (
                  <button
                    type="button"
                    className="outline"
                    disabled={offer.isPending}
                    onClick={() => offer.mutate({ unit: s.resource.unit.id, resource: s.resource.id })}
                  >
                    {t('lists.demand.offerThis')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {offer.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, offer.error)}
        </p>
      )}
    </section>
  );
}

/** 认领与资源提供: the offers, the raiser's 接受, and a claim form for units that may claim. */
function Offers({ demand: d }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const { members } = useActingUnits(d.alliance);
  const [unit, setUnit] = useState(d.can.offerAs[0] ?? '');
  const [note, setNote] = useState('');
  const [accepting, setAccepting] = useState<{ id: string; unit: string } | null>(null);
  const claim = useListMutation((body: { unit: string; note: string }) => post(`/api/demands/${d.id}/offers`, body, DemandDetailSchema));
  const accept = useListMutation((offerId: string) => post(`/api/demands/${d.id}/offers/${offerId}/accept`, undefined, DemandDetailSchema));
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? id;
  return (
    <section className="card" aria-labelledby="offers-title">
      <h2 id="offers-title">{t('lists.demand.offers')}</h2>
      {d.offers.length === 0 ? (
        <p className="muted">{t('lists.demand.noOffers')}</p>
      ) : (
        <ul className="plain-list lists-items" data-testid="offers">
          {d.offers.map((o) => (
            <li key={o.id} className="lists-item">
              <div className="lists-item-head">
                <span>
                  {o.resource ? t('lists.demand.offerLine', { unit: o.unit.name, resource: o.resource.name }) : t('lists.demand.offerClaim', { unit: o.unit.name })}
                </span>
                <span className={`lists-status offer-${o.status}`}>
                  {t(`lists.demand.offer${o.status === 'pending' ? 'Pending' : o.status === 'accepted' ? 'Accepted' : 'Declined'}`)}
                </span>
              </div>
              {o.note && <p className="lists-desc">{o.note}</p>}
              {d.can.accept && o.status === 'pending' && (
                <button type="button" onClick={() => setAccepting({ id: o.id, unit: o.unit.name })}>
                  {t('lists.demand.accept')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {d.can.offerAs.length > 0 && (
        <form
          className="lists-claim"
          onSubmit={(e) => {
            e.preventDefault();
            claim.mutate({ unit, note }, { onSuccess: () => setNote('') });
          }}
        >
          {d.can.offerAs.length > 1 && (
            <Field label={t('lists.demand.claimAs')}>
              {(p) => (
                <select {...p} value={unit} onChange={(e) => setUnit(e.target.value)}>
                  {d.can.offerAs.map((u) => (
                    <option key={u} value={u}>
                      {nameOf(u)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label={t('lists.demand.claimNote')}>
            {(p) => <input {...p} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <button type="submit" disabled={claim.isPending || !unit}>
            {t('lists.demand.claim')}
          </button>
          {claim.isError && (
            <p role="alert" className="field-error">
              {errorMessage(t, claim.error)}
            </p>
          )}
        </form>
      )}
      <ModalDialog
        className="lists-confirm"
        open={accepting !== null}
        title={t('lists.demand.accept')}
        confirmLabel={t('lists.demand.accept')}
        closeLabel={t('lists.cancel')}
        pending={accept.isPending}
        error={accept.isError ? errorMessage(t, accept.error) : null}
        onConfirm={() => accepting && accept.mutate(accepting.id, { onSuccess: () => setAccepting(null) })}
        onClose={() => setAccepting(null)}
      >
        <p>{t('lists.demand.acceptConfirm', { unit: accepting?.unit ?? '' })}</p>
      </ModalDialog>
    </section>
  );
}

/** 不予受理, with the reason the raiser will read. */
function RejectDialog({ demand: d, onClose }: { demand: DemandDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const move = useListMutation((body: { transition: 'reject'; reason: string }) => post(`/api/demands/${d.id}/transition`, body, DemandDetailSchema));
  return (
    <FormDialog
      open
      title={t('lists.demand.rejectTitle')}
      submitLabel={t('lists.demandTransition.reject')}
      cancelLabel={t('lists.cancel')}
      pending={move.isPending}
      error={move.isError ? errorMessage(t, move.error) : null}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) {
          setError(t('lists.errors.required'));
          return;
        }
        move.mutate({ transition: 'reject', reason }, { onSuccess: onClose });
      }}
    >
      <Field label={t('lists.field.reason')} error={error} hint={t('lists.demand.rejectHint')} wide>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
