import { ProjectDetailSchema, type ProjectDetail, type ProjectStatus } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { errorMessage } from '../../lib/errors.js';
import { useMeetings } from '../meeting/queries.js';
import { LightBadge } from '../actionItems/StatusLight.js';
import { Field } from './fields.js';
import { patch, post, useListMutation, useProject } from './queries.js';
import './lists.css';

/** One joint project (共建项目): units and commitments, milestones, progress, status, agenda. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const project = useProject(id);
  return (
    <div className="page lists-page">
      <QueryState query={project}>{(p) => <ProjectView project={p} />}</QueryState>
    </div>
  );
}

function ProjectView({ project: p }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const move = useListMutation((status: ProjectStatus) => post(`/api/projects/${p.id}/transition`, { status }, ProjectDetailSchema));
  return (
    <>
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${p.alliance}/lists?tab=projects`}>← {t('lists.back')}</Link>
        </p>
        <h1>{p.title}</h1>
        <p className="lists-meta">
          <span className={`lists-status project-${p.status}`} data-testid="project-status">
            {t(`lists.projectStatus.${p.status}`)}
          </span>
          <LightBadge light={p.light} />
          {p.category && <span className="tag">{p.category}</span>}
          <span>{t('lists.project.lead', { unit: p.leadUnit.name })}</span>
          {p.budget !== null && <span>{t('lists.project.budget', { amount: p.budget.toLocaleString() })}</span>}
        </p>
        {p.nextMilestone && <p data-testid="project-next">{t('lists.project.nextMilestone', { title: p.nextMilestone.title, date: p.nextMilestone.dueDate })}</p>}
        {p.description && <p className="lead">{p.description}</p>}
        {p.demand && (
          <p>
            {t('lists.project.demand')}
            <Link to={`/demands/${p.demand.id}`}>{p.demand.name}</Link>
          </p>
        )}
        {p.decision && (
          <p>
            {t('lists.project.decision')}
            <Link to={`/decisions/${p.decision.id}`}>{p.decision.name}</Link>
          </p>
        )}
        {p.can.statuses.length > 0 && (
          <div className="lists-actions">
            {p.can.statuses.map((s) => (
              <button key={s} type="button" className={s === 'terminated' ? 'outline' : undefined} disabled={move.isPending} onClick={() => move.mutate(s)}>
                {t('lists.project.moveTo', { status: t(`lists.projectStatus.${s}`) })}
              </button>
            ))}
          </div>
        )}
        {move.isError && (
          <p role="alert" className="field-error">
            {errorMessage(t, move.error)}
          </p>
        )}
      </header>
      <div className="stack">
        <div className="column">
          <section className="card" aria-labelledby="participants-title">
            <h2 id="participants-title">{t('lists.field.participants')}</h2>
            <ul className="plain-list lists-items" data-testid="participants">
              <li className="lists-item">
                <strong>{p.leadUnit.name}</strong> <span className="tag role-lead">{t('lists.field.leadUnit')}</span>
              </li>
              {p.participants.map((x) => (
                <li key={x.unit.id} className="lists-item">
                  <strong>{x.unit.name}</strong>
                  {(x.resource || x.commitment) && <span className="muted"> · {[x.resource?.name, x.commitment].filter(Boolean).join('：')}</span>}
                </li>
              ))}
            </ul>
          </section>
          <Milestones project={p} />
          <Progress project={p} />
        </div>
        <div className="column">
          <Agenda project={p} />
        </div>
      </div>
    </>
  );
}

function Milestones({ project: p }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [error, setError] = useState<string | undefined>();
  const set = useListMutation((v: { id: string; done: boolean }) => patch(`/api/projects/${p.id}/milestones/${v.id}`, { done: v.done }, ProjectDetailSchema));
  const add = useListMutation((v: { title: string; dueDate: string }) => post(`/api/projects/${p.id}/milestones`, v, ProjectDetailSchema));
  return (
    <section className="card" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t('lists.field.milestones')}</h2>
      {p.milestones.length === 0 ? (
        <p className="muted">{t('lists.project.noMilestones')}</p>
      ) : (
        <ul className="plain-list lists-milestones" data-testid="milestones">
          {p.milestones.map((m) => (
            <li key={m.id}>
              <label className="lists-check">
                <input
                  type="checkbox"
                  checked={m.done}
                  disabled={!p.can.edit || set.isPending}
                  onChange={(e) => set.mutate({ id: m.id, done: e.target.checked })}
                />
                <span className={m.done ? 'done' : undefined}>{m.title}</span>
              </label>
              <time dateTime={m.dueDate} className="muted small">
                {m.dueDate}
              </time>
            </li>
          ))}
        </ul>
      )}
      {p.can.edit && (
        <form
          className="lists-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim() || !dueDate) {
              setError(t('lists.errors.required'));
              return;
            }
            setError(undefined);
            add.mutate({ title, dueDate }, { onSuccess: () => (setTitle(''), setDueDate('')) });
          }}
        >
          <Field label={t('lists.field.milestoneTitle')} error={error}>
            {(props) => <input {...props} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <Field label={t('lists.field.dueDate')}>
            {(props) => <input {...props} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />}
          </Field>
          <button type="submit" disabled={add.isPending}>
            {t('lists.project.addMilestone')}
          </button>
        </form>
      )}
    </section>
  );
}

function Progress({ project: p }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const report = useListMutation((v: { text: string }) => post(`/api/projects/${p.id}/progress`, v, ProjectDetailSchema));
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('lists.project.progress')}</h2>
      {p.progress.length === 0 ? (
        <p className="muted">{t('lists.project.noProgress')}</p>
      ) : (
        <ol className="plain-list lists-items">
          {[...p.progress].reverse().map((e, i) => (
            <li key={i} className="lists-item">
              <p className="lists-desc">{e.text}</p>
              <p className="muted small">
                {e.unit?.name ?? ''} {e.by.name} · <time dateTime={e.at}>{when(e.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {p.status !== 'terminated' && (
        <form
          className="lists-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) {
              setError(t('lists.errors.required'));
              return;
            }
            setError(undefined);
            report.mutate({ text }, { onSuccess: () => setText('') });
          }}
        >
          <Field label={t('lists.project.progressText')} error={error} wide>
            {(props) => <textarea {...props} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <button type="submit" disabled={report.isPending}>
            {t('lists.project.reportProgress')}
          </button>
          {report.isError && (
            <p role="alert" className="field-error">
              {errorMessage(t, report.error)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** 列入会议议程: one click onto the agenda of a meeting being prepared. */
function Agenda({ project: p }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const meetings = useMeetings(p.alliance, 'upcoming', 20);
  const open = (meetings.data?.items ?? []).filter((m) => (m.status === 'draft' || m.status === 'scheduled') && !p.agenda.some((a) => a.meeting.id === m.id));
  const [meeting, setMeeting] = useState('');
  const chosen = meeting || open[0]?.id || '';
  const put = useListMutation((meetingId: string) => post(`/api/projects/${p.id}/agenda`, { meetingId }, ProjectDetailSchema));
  return (
    <section className="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{t('lists.project.agenda')}</h2>
      {p.agenda.length > 0 && (
        <ul className="plain-list" data-testid="project-agenda">
          {p.agenda.map((a) => (
            <li key={a.itemId}>
              {t('lists.project.onAgenda')}
              <Link to={`/meetings/${a.meeting.id}`}>{a.meeting.name}</Link>
            </li>
          ))}
        </ul>
      )}
      {p.can.agenda &&
        (open.length === 0 ? (
          p.agenda.length === 0 && <p className="muted">{t('lists.project.agendaNone')}</p>
        ) : (
          <form
            className="lists-inline"
            onSubmit={(e) => {
              e.preventDefault();
              put.mutate(chosen);
            }}
          >
            <Field label={t('lists.project.agendaMeeting')}>
              {(props) => (
                <select {...props} value={chosen} onChange={(e) => setMeeting(e.target.value)}>
                  {open.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" disabled={put.isPending || !chosen}>
              {t('lists.project.agenda')}
            </button>
          </form>
        ))}
      {put.isSuccess && (
        <p role="status" className="success">
          {t('lists.project.agendaDone', { meeting: p.agenda.at(-1)?.meeting.name ?? '' })}
        </p>
      )}
      {put.isError && (
        <p role="alert" className="field-error">
          {errorMessage(t, put.error)}
        </p>
      )}
    </section>
  );
}
