import { PartResponsibleSchema, type ActionItemDetail, type ActionItemPart } from '@tongxin/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { EvidenceList } from './EvidenceList.js';
import { ProgressForm } from './ProgressForm.js';
import { useSetPartResponsible } from './partQueries.js';
import './evidence.css';

/**
 * 配合单位分工 (一门主责、其他配合): the lead unit's summary beside each cooperating unit's own
 * part — its responsible person, how far its part is, its reports — as cards side by side
 * (one column on a phone). A unit reports on its part from its own card.
 */
export function PartsSection({ item }: { item: ActionItemDetail }) {
  const { t, i18n } = useTranslation();
  const lastLead = item.progress.at(-1)?.at ?? null;
  return (
    <section className="card" aria-labelledby="ai-parts">
      <div className="section-head">
        <h2 id="ai-parts">{t('actionItemParts.title')}</h2>
      </div>
      <p className="muted small">{t('actionItemParts.hint')}</p>
      <ul className="ai-parts" data-testid="action-item-parts">
        <li className="ai-part ai-part-lead">
          <h3 className="ai-part-unit">{item.leadUnit.name}</h3>
          <p className="ai-part-role">{t('actionItemParts.summary')}</p>
          <PartBar percent={item.percent} label={t('actionItemParts.summaryPercent', { percent: item.percent })} />
          <dl className="ai-part-facts">
            <dt>
              {t('actionItems.field.responsiblePerson')}
              {t('actionItemParts.colon')}
            </dt>
            <dd>{item.responsiblePerson}</dd>
          </dl>
          <p className="muted small">
            {lastLead
              ? t('actionItemParts.lastReport', { at: formatShortDateTime(lastLead, i18n.language) })
              : t('actionItemParts.neverReported')}
          </p>
        </li>
        {item.parts.map((p) => (
          <PartCard key={p.unit.id} item={item} part={p} />
        ))}
      </ul>
    </section>
  );
}

function PartBar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="ai-part-progress">
      <span className="ai-part-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(0, Math.min(100, percent))}%` }} />
      </span>
      <span className="ai-part-percent">{label}</span>
    </div>
  );
}

function PartCard({ item, part }: { item: ActionItemDetail; part: ActionItemPart }) {
  const { t, i18n } = useTranslation();
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const reportButton = useRef<HTMLButtonElement>(null);
  const canReport = item.can.reportParts.includes(part.unit.id);
  const canName = item.can.partResponsible.includes(part.unit.id);
  const entries = [...part.entries].reverse();
  return (
    <li className={reporting ? 'ai-part reporting' : 'ai-part'} data-testid={`part-${part.unit.id}`}>
      <h3 className="ai-part-unit">{part.unit.name}</h3>
      <p className="ai-part-role">{t('actionItemParts.cooperatingRole')}</p>
      <PartBar percent={part.percent} label={t('actionItemParts.percent', { percent: part.percent })} />
      <ResponsiblePerson item={item} part={part} canName={canName} />
      {part.lastReportAt && (
        <p className="muted small">
          {t('actionItemParts.lastReport', { at: formatShortDateTime(part.lastReportAt, i18n.language) })}
        </p>
      )}
      {entries.length > 0 ? (
        <ol className="ai-part-entries" aria-label={t('actionItemParts.entries')}>
          {entries.map((e, n) => (
            <li key={`${e.at}-${n}`}>
              <div className="ai-timeline-head">
                <time dateTime={e.at}>{formatShortDateTime(e.at, i18n.language)}</time>
                <span className="ai-timeline-percent">{t('actionItems.percent', { percent: e.percent })}</span>
              </div>
              <p className="ai-text">{e.text}</p>
              <EvidenceList files={e.attachments} />
              <p className="muted small">{e.author.name}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{t('actionItemParts.entriesEmpty')}</p>
      )}
      {canReport &&
        (reporting ? (
          <>
            <ProgressForm
              item={item}
              part={part.unit}
              initialPercent={part.percent}
              onDone={() => {
                setReporting(false);
                setReported(true);
                requestAnimationFrame(() => reportButton.current?.focus());
              }}
            />
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setReporting(false);
                requestAnimationFrame(() => reportButton.current?.focus());
              }}
            >
              {t('actionItemParts.hideForm')}
            </button>
          </>
        ) : (
          <div className="form-actions">
            <button
              ref={reportButton}
              type="button"
              onClick={() => {
                setReported(false);
                setReporting(true);
              }}
            >
              {t('actionItemParts.report')}
            </button>
            {reported && (
              <span role="status" className="success small">
                {t('actionItems.report.done')}
              </span>
            )}
          </div>
        ))}
    </li>
  );
}

function ResponsiblePerson({ item, part, canName }: { item: ActionItemDetail; part: ActionItemPart; canName: boolean }) {
  const { t } = useTranslation();
  const save = useSetPartResponsible(item.id, part.unit.id);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(part.responsiblePerson ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const inputId = `ai-part-${part.unit.id}-responsible`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = PartResponsibleSchema.safeParse({ responsiblePerson: name });
    if (!parsed.success) {
      setError(name.trim() === '' ? t('actionItemParts.responsibleRequired') : t('actionItemParts.responsibleTooLong'));
      return;
    }
    setError(null);
    save.mutate(parsed.data, {
      onSuccess: () => {
        setEditing(false);
        setSaved(true);
      },
    });
  };
  return (
    <div className="ai-part-responsible">
      <dl className="ai-part-facts">
        <dt>
          {t('actionItemParts.responsible')}
          {t('actionItemParts.colon')}
        </dt>
        <dd>{part.responsiblePerson ?? <span className="muted">{t('actionItemParts.noResponsible')}</span>}</dd>
      </dl>
      {canName && !editing && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setName(part.responsiblePerson ?? '');
            setSaved(false);
            setEditing(true);
          }}
        >
          {part.responsiblePerson ? t('actionItemParts.changeResponsible') : t('actionItemParts.setResponsible')}
        </button>
      )}
      {saved && !editing && (
        <span role="status" className="success small">
          {t('actionItemParts.saved')}
        </span>
      )}
      {editing && (
        <form className="form ai-part-responsible-form" onSubmit={onSubmit} noValidate>
          <label htmlFor={inputId}>{t('actionItemParts.responsibleLabel', { unit: part.unit.name })}</label>
          <input
            id={inputId}
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          {error && (
            <span id={`${inputId}-error`} className="field-error">
              {error}
            </span>
          )}
          {save.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, save.error)}
            </span>
          )}
          <div className="form-actions">
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? t('actionItemParts.saving') : t('actionItemParts.save')}
            </button>
            <button type="button" className="ghost" onClick={() => setEditing(false)}>
              {t('actionItemParts.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
