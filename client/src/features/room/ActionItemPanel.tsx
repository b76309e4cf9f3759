import { RoomActionItemCreateSchema, type ActionItem, meetingPhase } from '@tongxin/shared';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { z } from 'zod';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDay, formatList } from '../../lib/format.js';
import { ExtendedMark } from '../actionItems/ItemBadges.js';
import { useDecisions } from '../decision/queries.js';
import { useRoomContext } from './roomContext.js';
import { dayFromNow } from './time.js';
import { useAction } from './useAction.js';

type Field = 'title' | 'description' | 'leadUnit' | 'cooperatingUnits' | 'responsiblePerson' | 'measures' | 'dueDate';
type FieldErrors = Partial<Record<Field, string>>;

/** 督办事项: the items this meeting assigned, and the chair's form to create one from a decision. */
export function ActionItemPanel() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  const items = snapshot.actionItems;
  return (
    <section className="card room-panel room-actions-panel" aria-labelledby="room-action-items">
      <h2 id="room-action-items">{t('room.actions.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('room.actions.none')}</p>
      ) : (
        <ul className="plain-list room-items" data-testid="action-items">
          {items.map((item) => (
            <ItemRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      {/* After 散会 action items come from the record, on the meeting's page, not from the room. */}
      {viewer.isChair && meetingPhase.liveRoomOpen(snapshot.flow.status) && <NewActionItem />}
    </section>
  );
}

function ItemRow({ item }: { item: ActionItem }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="room-item">
      <div className="section-head">
        <Link className="room-item-title" to={`/action-items/${item.id}`}>
          {item.title}
        </Link>
        <span className="tags">
          <span className={`status item-${item.status}`}>{t(`room.actions.status.${item.status}`)}</span>
          {item.overdue && <span className="status item-overdue">{t('room.actions.overdue')}</span>}
        </span>
      </div>
      <p className="small muted room-item-meta">
        <span>{t('room.actions.lead', { unit: item.leadUnit.name })}</span>
        {item.cooperatingUnits.length > 0 && (
          <span>
            {t('room.actions.coop', {
              units: formatList(
                item.cooperatingUnits.map((u) => u.name),
                i18n.language,
              ),
            })}
          </span>
        )}
        <span>{t('room.actions.person', { name: item.responsiblePerson })}</span>
        <span>
          {t('room.actions.due', { date: formatDay(item.dueDate, i18n.language) })}
          <ExtendedMark item={item} withOriginal />
        </span>
      </p>
    </li>
  );
}

/** Turns the zod issues of the shared schema into one message per field, in the viewer's language. */
function fieldErrors(t: TFunction, error: z.ZodError, values: Record<Field, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (!field || out[field]) continue;
    const value = values[field];
    const empty = value === '' || (Array.isArray(value) && value.length === 0);
    out[field] =
      field === 'cooperatingUnits' && issue.code === 'custom'
        ? t('room.actions.fieldErrors.leadCoop')
        : empty
          ? field === 'dueDate'
            ? t('room.actions.fieldErrors.date')
            : t('room.actions.fieldErrors.required')
          : issue.code === 'too_big'
            ? t('room.actions.fieldErrors.tooLong')
            : t('room.actions.fieldErrors.invalid');
  }
  return out;
}

/**
 * 新建督办事项: the form needs the width of the screen (units to choose, measures to write), so it
 * opens as a dialog rather than squeezed into the room's side column.
 */
function NewActionItem() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="room-new-item">
      <div className="room-actions">
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setCreated(null);
            setOpen(true);
          }}
        >
          {t('room.actions.new')}
        </button>
        {created && (
          <span role="status" className="success">
            {t('room.actions.created', { title: created })}
          </span>
        )}
      </div>
      {open && (
        <ModalDialog
          className="room-dialog room-dialog-wide"
          open
          title={t('room.actions.new')}
          closeLabel={t('room.actions.close')}
          onClose={() => setOpen(false)}
        >
          <NewActionItemForm
            onCreated={(title) => {
              setCreated(title);
              setOpen(false);
            }}
          />
        </ModalDialog>
      )}
    </div>
  );
}

function NewActionItemForm({ onCreated }: { onCreated: (title: string) => void }) {
  const { t } = useTranslation();
  const { snapshot, alliance, emit } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const decisions = useDecisions(meetingId).data?.items ?? [];
  // The decision just adopted is the usual source.
  const adopted = [...snapshot.votes].reverse().find((v) => v.result?.outcome === 'adopted' && v.decision)?.decision;
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [leadUnit, setLeadUnit] = useState('');
  const [cooperating, setCooperating] = useState<string[]>([]);
  const [person, setPerson] = useState('');
  const [measures, setMeasures] = useState('');
  const [dueDate, setDueDate] = useState(() => dayFromNow(30));
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useAction((payload: z.input<typeof RoomActionItemCreateSchema>) => emit('actionItem:create', payload));

  const chosenDecision = decisionId ?? adopted ?? '';
  const units = alliance.memberships;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const values = {
      title,
      description,
      leadUnit,
      cooperatingUnits: cooperating,
      responsiblePerson: person,
      measures,
      dueDate,
    };
    const parsed = RoomActionItemCreateSchema.safeParse({
      ...values,
      meetingId,
      ...(chosenDecision ? { decisionId: chosenDecision } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(t, parsed.error, values));
      return;
    }
    setErrors({});
    const item = await create.run(parsed.data);
    if (item) onCreated(item.title);
  };

  const err = (f: Field) =>
    errors[f] ? (
      <span className="field-error" id={`ai-${f}-error`}>
        {errors[f]}
      </span>
    ) : null;
  // The error sits outside the label, so a field's accessible name stays its label alone.
  const described = (f: Field) => ({
    id: `ai-${f}`,
    ...(errors[f] ? { 'aria-invalid': true, 'aria-describedby': `ai-${f}-error` } : {}),
  });

  return (
    <form className="room-form" onSubmit={onSubmit} noValidate data-testid="action-item-form">
      <label className="room-field">
        <span>{t('room.actions.decision')}</span>
        <select value={chosenDecision} onChange={(e) => setDecisionId(e.target.value)}>
          <option value="">{t('room.actions.noDecision')}</option>
          {decisions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      <div className="room-field">
        <label htmlFor="ai-title">{t('room.actions.itemTitle')}</label>
        <input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} {...described('title')} />
        {err('title')}
      </div>
      <div className="room-field">
        <label htmlFor="ai-description">{t('room.actions.description')}</label>
        <textarea
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...described('description')}
        />
        {err('description')}
      </div>
      <div className="room-field">
        <label htmlFor="ai-leadUnit">{t('room.actions.leadUnit')}</label>
        <select
          value={leadUnit}
          onChange={(e) => {
            setLeadUnit(e.target.value);
            setCooperating((c) => c.filter((u) => u !== e.target.value));
          }}
          {...described('leadUnit')}
        >
          <option value="">{t('room.actions.choose')}</option>
          {units.map((m) => (
            <option key={m.unit.id} value={m.unit.id}>
              {m.unit.name}
            </option>
          ))}
        </select>
        {err('leadUnit')}
      </div>
      <fieldset
        className="room-fieldset"
        aria-describedby={errors.cooperatingUnits ? 'ai-cooperatingUnits-error' : undefined}
      >
        <legend>{t('room.actions.cooperating')}</legend>
        <div className="room-checks">
          {units
            .filter((m) => m.unit.id !== leadUnit)
            .map((m) => (
              <label key={m.unit.id} className="room-check">
                <input
                  type="checkbox"
                  checked={cooperating.includes(m.unit.id)}
                  onChange={(e) =>
                    setCooperating((c) => (e.target.checked ? [...c, m.unit.id] : c.filter((u) => u !== m.unit.id)))
                  }
                />
                <span>{m.unit.name}</span>
              </label>
            ))}
        </div>
        {err('cooperatingUnits')}
      </fieldset>
      <div className="room-form-row">
        <div className="room-field">
          <label htmlFor="ai-responsiblePerson">{t('room.actions.responsible')}</label>
          <input
            value={person}
            maxLength={100}
            onChange={(e) => setPerson(e.target.value)}
            {...described('responsiblePerson')}
          />
          {err('responsiblePerson')}
        </div>
        <div className="room-field">
          <label htmlFor="ai-dueDate">{t('room.actions.dueDate')}</label>
          <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} {...described('dueDate')} />
          {err('dueDate')}
        </div>
      </div>
      <div className="room-field">
        <label htmlFor="ai-measures">{t('room.actions.measures')}</label>
        <textarea rows={3} value={measures} onChange={(e) => setMeasures(e.target.value)} {...described('measures')} />
        {err('measures')}
      </div>
      <div className="room-actions">
        <button type="submit" disabled={create.pending}>
          {create.pending ? t('room.actions.submitting') : t('room.actions.submit')}
        </button>
      </div>
      {create.error !== null && (
        <p role="alert" className="field-error">
          {errorMessage(t, create.error)}
        </p>
      )}
    </form>
  );
}
