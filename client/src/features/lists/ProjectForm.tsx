import { ProjectCreateSchema, ProjectDetailSchema, type Demand } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormDialog, serverErrors, zodFieldErrors, type FieldErrors } from './fields.js';
import { post, useListMutation } from './queries.js';

interface Participant {
  unit: string;
  commitment: string;
  resource?: string;
}

interface Props {
  allianceId: string;
  /** Units the viewer may lead a project for. */
  leadUnits: { id: string; name: string }[];
  /** Every member unit (participants). */
  members: { id: string; name: string }[];
  /** Created from this matched demand: its claiming unit leads, its raiser takes part. */
  demand?: Demand;
  open: boolean;
  onClose: (savedId?: string) => void;
}

/** 新建共建项目: lead unit, participating units and what they commit, milestones, budget. */
export function ProjectForm({ allianceId, leadUnits, members, demand, open, onClose }: Props) {
  const { t } = useTranslation();
  const initialLead = demand?.claimedBy && leadUnits.some((u) => u.id === demand.claimedBy!.id) ? demand.claimedBy.id : (leadUnits[0]?.id ?? '');
  const [v, setV] = useState(() => ({
    title: demand ? demand.title : '',
    description: demand?.description ?? '',
    leadUnit: initialLead,
    budget: '',
  }));
  const [participants, setParticipants] = useState<Participant[]>(() =>
    demand
      ? [
          ...(demand.unit.id !== initialLead ? [{ unit: demand.unit.id, commitment: '' }] : []),
          ...(demand.claimedBy && demand.claimedBy.id !== initialLead
            ? [{ unit: demand.claimedBy.id, commitment: demand.resource?.name ?? '', ...(demand.resource ? { resource: demand.resource.id } : {}) }]
            : []),
        ]
      : [],
  );
  const [milestones, setMilestones] = useState<{ title: string; dueDate: string }[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useListMutation((body: unknown) => post(`/api/alliances/${allianceId}/projects`, body, ProjectDetailSchema));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = ProjectCreateSchema.safeParse({
      title: v.title,
      description: v.description,
      leadUnit: v.leadUnit,
      participants,
      milestones,
      budget: v.budget.trim() === '' ? null : Number(v.budget),
      ...(demand ? { demandId: demand.id } : {}),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (p) => onClose(p.id),
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };

  const setPart = (i: number, change: Partial<Participant>) => setParticipants((old) => old.map((p, j) => (j === i ? { ...p, ...change } : p)));
  const setMile = (i: number, change: Partial<{ title: string; dueDate: string }>) =>
    setMilestones((old) => old.map((m, j) => (j === i ? { ...m, ...change } : m)));

  return (
    <FormDialog
      open={open}
      title={t('lists.newProject')}
      submitLabel={t('lists.save')}
      cancelLabel={t('lists.cancel')}
      pending={save.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={() => onClose()}
      testId="project-form"
    >
      {demand && (
        <p className="muted wide">
          {t('lists.field.fromDemand')}：{demand.title}
        </p>
      )}
      <Field label={t('lists.field.title')} error={errors.title} wide>
        {(p) => <input {...p} maxLength={200} value={v.title} onChange={(e) => setV({ ...v, title: e.target.value })} />}
      </Field>
      <Field label={t('lists.field.description')} error={errors.description} wide>
        {(p) => <textarea {...p} rows={2} value={v.description} onChange={(e) => setV({ ...v, description: e.target.value })} />}
      </Field>
      <Field label={t('lists.field.leadUnit')} error={errors.leadUnit}>
        {(p) => (
          <select {...p} value={v.leadUnit} onChange={(e) => setV({ ...v, leadUnit: e.target.value })}>
            {leadUnits.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('lists.field.budget')} error={errors.budget}>
        {(p) => <input {...p} inputMode="decimal" value={v.budget} onChange={(e) => setV({ ...v, budget: e.target.value })} />}
      </Field>
      <fieldset className="lists-rows wide" aria-describedby={errors.participants ? 'participants-error' : undefined}>
        <legend>{t('lists.field.participants')}</legend>
        {participants.map((p, i) => (
          <div className="lists-row" key={i}>
            <label>
              <span className="visually-hidden">{t('lists.field.participants')}</span>
              <select value={p.unit} onChange={(e) => setPart(i, { unit: e.target.value })} aria-label={`${t('lists.field.participants')} ${i + 1}`}>
                <option value="">{t('lists.field.choose')}</option>
                {members.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
            <input
              aria-label={`${t('lists.field.commitment')} ${i + 1}`}
              placeholder={t('lists.field.commitment')}
              value={p.commitment}
              maxLength={200}
              onChange={(e) => setPart(i, { commitment: e.target.value })}
            />
            <button type="button" className="ghost" onClick={() => setParticipants(participants.filter((_, j) => j !== i))}>
              {t('lists.project.removeParticipant')}
            </button>
          </div>
        ))}
        {errors.participants && (
          <span id="participants-error" className="field-error">
            {errors.participants}
          </span>
        )}
        <button type="button" className="ghost" onClick={() => setParticipants([...participants, { unit: '', commitment: '' }])}>
          + {t('lists.project.addParticipant')}
        </button>
      </fieldset>
      <fieldset className="lists-rows wide">
        <legend>{t('lists.field.milestones')}</legend>
        {milestones.map((m, i) => (
          <div className="lists-row" key={i}>
            <input
              aria-label={`${t('lists.field.milestoneTitle')} ${i + 1}`}
              placeholder={t('lists.field.milestoneTitle')}
              value={m.title}
              maxLength={200}
              onChange={(e) => setMile(i, { title: e.target.value })}
            />
            <input
              type="date"
              aria-label={`${t('lists.field.dueDate')} ${i + 1}`}
              value={m.dueDate}
              onChange={(e) => setMile(i, { dueDate: e.target.value })}
            />
            <button type="button" className="ghost" onClick={() => setMilestones(milestones.filter((_, j) => j !== i))}>
              {t('lists.project.removeMilestone')}
            </button>
          </div>
        ))}
        {errors.milestones && <span className="field-error">{t('lists.errors.required')}</span>}
        <button type="button" className="ghost" onClick={() => setMilestones([...milestones, { title: '', dueDate: '' }])}>
          + {t('lists.project.addMilestone')}
        </button>
      </fieldset>
    </FormDialog>
  );
}
