import { formatLogTime, zonedInstant, type WhistleDepartment, type WhistleDetail } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ModalDialog } from '../../app/ModalDialog.js';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { RecordEvidence } from '../evidence/RecordEvidence.js';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { useMeetings } from '../meeting/queries.js';
import { RatingDialog } from './RatingDialog.js';
import { WhistleLight } from './WhistleLight.js';
import { postWhistle, useWhistle, useWhistleMutation } from './queries.js';
import '../lists/lists.css';
import './whistles.css';

/** One whistle: the problem, each summoned department's timeline and actions, the rating. */
export default function WhistlePage() {
  const { id = '' } = useParams();
  const whistle = useWhistle(id);
  return <QueryState query={whistle}>{(w) => <WhistleView w={w} />}</QueryState>;
}

function WhistleView({ w }: { w: WhistleDetail }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatLogTime(iso, i18n.language);
  const [rating, setRating] = useState(false);
  const [reopening, setReopening] = useState(false);
  return (
    <div className="page whistle-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${w.alliance}/whistles`}>{t('whistles.detail.back')}</Link>
        </p>
        <h1>{w.title}</h1>
        <p className="whistles-meta">
          <WhistleLight light={w.light} />
          <span className={`whistles-stage stage-${w.stage}`}>{t(`whistles.stage.${w.stage}`)}</span>
          <span className="tag">{w.category}</span>
          {w.urgency === 'urgent' && <span className="tag urgent">{t('whistles.urgency.urgent')}</span>}
          <span>{t('whistles.raisedBy', { unit: w.unit.name })}</span>
          <span>{t('whistles.raisedAt', { time: when(w.raisedAt) })}</span>
        </p>
      </header>
      <section className="card" aria-labelledby="whistle-problem">
        <h2 id="whistle-problem">{t('whistles.detail.problem')}</h2>
        <p className="whistle-desc">{w.description}</p>
        {w.location && <p className="muted">{t('whistles.detail.location', { location: w.location })}</p>}
      </section>
      <RecordEvidence owner="whistles" id={w.id} />
      <section className="card" aria-labelledby="whistle-departments">
        <h2 id="whistle-departments">{t('whistles.detail.departments')}</h2>
        <ul className="plain-list whistle-departments">
          {w.departments.map((d) => (
            <DepartmentCard key={d.unit.id} w={w} d={d} />
          ))}
        </ul>
      </section>
      <section className="card whistle-actions" aria-label={t('whistles.detail.close')}>
        {w.status === 'open' && !w.can.close && <p className="muted small">{t('whistles.detail.closeHint')}</p>}
        {w.can.close && (
          <button type="button" onClick={() => setRating(true)}>
            {t('whistles.detail.close')}
          </button>
        )}
        {w.status === 'closed' && w.can.reopenUntil && w.can.reopen && <p className="muted small">{t('whistles.detail.reopenUntil', { time: when(w.can.reopenUntil) })}</p>}
        {w.can.reopen && (
          <button type="button" className="outline" onClick={() => setReopening(true)}>
            {t('whistles.detail.reopen')}
          </button>
        )}
        {w.project && (
          <p>
            <Link to={`/projects/${w.project.id}`}>{t('whistles.detail.projectLink', { title: w.project.name })}</Link>
          </p>
        )}
        {w.can.project && <ProjectButton w={w} />}
        {w.agenda.map((a) => (
          <p key={a.meeting.id}>
            <Link to={`/meetings/${a.meeting.id}`}>{t('whistles.detail.onAgenda', { meeting: a.meeting.name })}</Link>
          </p>
        ))}
        {w.can.agenda && <AgendaPicker w={w} />}
        {w.reopenings.length > 0 && (
          <div>
            <h3>{t('whistles.detail.reopenings')}</h3>
            <ul className="plain-list">
              {w.reopenings.map((r) => (
                <li key={r.at} className="muted small">
                  {when(r.at)} · {r.by.name}：{r.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      {rating && <RatingDialog w={w} onClose={() => setRating(false)} />}
      {reopening && <ReopenDialog w={w} onClose={() => setReopening(false)} />}
    </div>
  );
}

const STEPS = ['ack', 'contact', 'report'] as const;

function DepartmentCard({ w, d }: { w: WhistleDetail; d: WhistleDepartment }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatLogTime(iso, i18n.language);
  const mine = w.can.respondAs.includes(d.unit.id);
  const [acting, setActing] = useState<null | 'acknowledge' | 'contact' | 'report'>(null);
  return (
    <li className="whistle-department" data-testid="whistle-department" data-role={d.role}>
      <div className="whistle-department-head">
        <h3>
          {d.unit.name}
          <span className={`tag role-${d.role}`}>{t(`whistles.role.${d.role}`)}</span>
        </h3>
        {w.status === 'open' && <WhistleLight light={d.light} />}
      </div>
      <ol className="whistle-steps">
        {STEPS.map((s) => {
          const step = d[s];
          return (
            <li key={s} className={`whistle-step state-${step.state}`}>
              <span className="whistle-step-name">{t(`whistles.step.${s}`)}</span>
              <span className={`whistle-step-state state-${step.state}`}>{t(`whistles.stepState.${step.state}`)}</span>
              <span className="muted small">{t('whistles.dueAt', { time: when(step.dueAt) })}</span>
              {step.doneAt && (
                <span className="small">
                  {t('whistles.doneAt', { time: when(step.doneAt) })}
                  {step.by ? ` · ${step.by.name}` : ''}
                </span>
              )}
              {step.note && s !== 'report' && <span className="small whistle-note">{step.note}</span>}
            </li>
          );
        })}
      </ol>
      {d.reports.length > 0 ? (
        <div className="whistle-reports">
          <h4>{t('whistles.detail.reports')}</h4>
          <ul className="plain-list">
            {d.reports.map((r) => (
              <li key={r.at}>
                <p className="whistle-desc">{r.text}</p>
                <p className="muted small">
                  {t('whistles.doneAt', { time: when(r.doneAt) })} · {r.by.name}
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted small">{t('whistles.detail.noReport')}</p>
      )}
      {d.rating && (
        <p className={`whistle-rating rating-${d.rating.value}`}>
          <strong>{t(`whistles.rating.${d.rating.value}`)}</strong>
          {d.rating.comment && <span>：{d.rating.comment}</span>}
        </p>
      )}
      {mine && (
        <div className="whistle-department-actions">
          {!d.ack.doneAt && (
            <button type="button" onClick={() => setActing('acknowledge')}>
              {t('whistles.detail.acknowledge')}
            </button>
          )}
          {d.ack.doneAt && !d.contact.doneAt && (
            <button type="button" className="outline" onClick={() => setActing('contact')}>
              {t('whistles.detail.contact')}
            </button>
          )}
          {d.ack.doneAt && (
            <button type="button" className={d.report.doneAt ? 'outline' : ''} onClick={() => setActing('report')}>
              {d.report.doneAt ? t('whistles.detail.reportMore') : t('whistles.detail.report')}
            </button>
          )}
        </div>
      )}
      {acting && <StepDialog w={w} d={d} step={acting} onClose={() => setActing(null)} />}
    </li>
  );
}

/** 签收 / 联系对接 (an optional note) or 报到 (what was done, and when). */
function StepDialog({ w, d, step, onClose }: { w: WhistleDetail; d: WhistleDepartment; step: 'acknowledge' | 'contact' | 'report'; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [doneAt, setDoneAt] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const run = useWhistleMutation((body: unknown) => postWhistle(`/api/whistles/${w.id}/departments/${d.unit.id}/${step}`, body));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (step === 'report' && !text.trim()) {
      setErrors({ text: t('whistles.form.required') });
      return;
    }
    const body =
      step === 'report' ? { text, ...(doneAt ? { doneAt: zonedInstant(doneAt).toISOString() } : {}) } : { note: text };
    run.mutate(body, {
      onSuccess: onClose,
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };
  const title = `${t(step === 'acknowledge' ? 'whistles.detail.acknowledge' : step === 'contact' ? 'whistles.detail.contact' : 'whistles.detail.report')} · ${d.unit.name}`;
  return (
    <FormDialog
      open
      title={title}
      submitLabel={step === 'report' ? t('whistles.detail.submitReport') : t('whistles.detail.submitStep')}
      cancelLabel={t('whistles.detail.cancel')}
      pending={run.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="whistle-step"
    >
      <Field label={step === 'report' ? t('whistles.detail.reportText') : t('whistles.detail.note')} error={errors.text} wide>
        {(p) => <textarea {...p} rows={4} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {step === 'report' && (
        <Field label={t('whistles.detail.doneAtLabel')} error={errors.doneAt}>
          {(p) => <input {...p} type="datetime-local" value={doneAt} onChange={(e) => setDoneAt(e.target.value)} />}
        </Field>
      )}
    </FormDialog>
  );
}

function ReopenDialog({ w, onClose }: { w: WhistleDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const run = useWhistleMutation((body: unknown) => postWhistle(`/api/whistles/${w.id}/reopen`, body));
  return (
    <FormDialog
      open
      title={t('whistles.detail.reopen')}
      submitLabel={t('whistles.detail.reopen')}
      cancelLabel={t('whistles.detail.cancel')}
      pending={run.isPending}
      error={formError}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setError(t('whistles.form.required'));
        run.mutate({ reason }, { onSuccess: onClose, onError: (err) => setFormError(errorMessage(t, err)) });
      }}
      onClose={onClose}
    >
      <Field label={t('whistles.detail.reopenReason')} error={error} wide>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}

function ProjectButton({ w }: { w: WhistleDetail }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const run = useWhistleMutation(() => postWhistle(`/api/whistles/${w.id}/project`, {}));
  return (
    <>
      <button type="button" className="outline" onClick={() => setAsking(true)}>
        {t('whistles.detail.project')}
      </button>
      <ModalDialog
        className="lists-dialog"
        open={asking}
        title={t('whistles.detail.project')}
        confirmLabel={t('whistles.detail.project')}
        closeLabel={t('whistles.detail.cancel')}
        pending={run.isPending}
        error={run.error ? errorMessage(t, run.error) : null}
        onConfirm={() => run.mutate(undefined, { onSuccess: () => setAsking(false) })}
        onClose={() => setAsking(false)}
      >
        <p>{t('whistles.detail.projectConfirm')}</p>
      </ModalDialog>
    </>
  );
}

/** 列入会议议程: a meeting being prepared, one click. */
function AgendaPicker({ w }: { w: WhistleDetail }) {
  const { t } = useTranslation();
  const meetings = useMeetings(w.alliance, 'upcoming', 20);
  const open = (meetings.data?.items ?? []).filter((m) => (m.status === 'draft' || m.status === 'scheduled') && !w.agenda.some((a) => a.meeting.id === m.id));
  const [meeting, setMeeting] = useState('');
  const chosen = meeting || open[0]?.id || '';
  const put = useWhistleMutation((meetingId: string) => postWhistle(`/api/whistles/${w.id}/agenda`, { meetingId }));
  if (meetings.isPending) return null;
  if (open.length === 0) return <p className="muted small">{t('whistles.detail.noMeetings')}</p>;
  return (
    <form
      className="whistle-agenda"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) put.mutate(chosen);
      }}
    >
      <Field label={t('whistles.detail.chooseMeeting')} error={put.error ? errorMessage(t, put.error) : undefined}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setMeeting(e.target.value)}>
            {open.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="outline" disabled={put.isPending}>
        {t('whistles.detail.agenda')}
      </button>
    </form>
  );
}
