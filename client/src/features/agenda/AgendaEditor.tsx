import type { Alliance } from '@tongxin/shared';
import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner, writable } from '../../app/ConnectionBanner.js';
import { useYDoc } from '../../lib/useYDoc.js';
import { NotesField } from './NotesField.js';
import { addItem, moveItem, notesOf, removeItem, updateItem } from './agendaDoc.js';
import { useAgendaItems } from './useAgendaItems.js';

/**
 * The meeting's agenda, co-edited live: add, retitle, assign a presenting unit and a time box,
 * reorder by drag or by keyboard. The time boxes are added up against the meeting's duration.
 */
export function AgendaEditor({
  meetingId,
  durationMinutes,
  alliance,
  editable: mayEdit,
}: {
  meetingId: string;
  durationMinutes: number;
  alliance: Alliance | undefined;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { doc, status, synced, access } = useYDoc(`meeting:${meetingId}:agenda`);
  // The screen's idea of who may edit, and the server's word on this very connection.
  const editable = mayEdit && writable(access);
  const items = useAgendaItems(doc);
  const [newTitle, setNewTitle] = useState('');
  const [newMinutes, setNewMinutes] = useState('15');
  const [dragFrom, setDragFrom] = useState<number | null>(null);

  const total = items.reduce((sum, i) => sum + (Number.isFinite(i.minutes) ? i.minutes : 0), 0);
  const over = total - durationMinutes;
  const presenters = alliance?.memberships.filter((m) => m.role !== 'observer') ?? [];

  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    const title = newTitle.trim();
    const minutes = Math.max(1, Math.min(600, Math.round(Number(newMinutes) || 0)));
    if (!title) return;
    addItem(doc, title.slice(0, 200), minutes);
    setNewTitle('');
  };
  const onDrop = (to: number) => (e: DragEvent) => {
    e.preventDefault();
    if (dragFrom !== null) moveItem(doc, dragFrom, to);
    setDragFrom(null);
  };

  return (
    <section className="card" aria-labelledby="agenda">
      <h2 id="agenda">{t('agenda.title')}</h2>
      <ConnectionBanner status={status} access={access} showReadOnly />
      {!synced ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda" data-testid="agenda">
          {items.map((item, i) => (
            <li
              key={item.id}
              className={dragFrom === i ? 'agenda-item dragging' : 'agenda-item'}
              draggable={editable}
              onDragStart={() => setDragFrom(i)}
              onDragOver={(e) => editable && e.preventDefault()}
              onDrop={onDrop(i)}
              aria-label={t('agenda.itemLabel', { n: i + 1, title: item.title })}
            >
              <span className="agenda-n" aria-hidden="true">
                {i + 1}
              </span>
              {editable ? (
                <>
                  <input
                    className="agenda-title"
                    aria-label={t('agenda.itemTitle')}
                    value={item.title}
                    maxLength={200}
                    onChange={(e) => updateItem(doc, i, 'title', e.target.value)}
                  />
                  <select
                    aria-label={t('agenda.presenter')}
                    value={item.presenterUnit}
                    onChange={(e) => updateItem(doc, i, 'presenterUnit', e.target.value)}
                  >
                    <option value="">{t('agenda.noPresenter')}</option>
                    {presenters.map((m) => (
                      <option key={m.unit.id} value={m.unit.id}>
                        {m.unit.name}
                      </option>
                    ))}
                  </select>
                  {/* The number says what it counts: 30 分钟, not a bare 30. */}
                  <span className="agenda-minutes-cell">
                    <input
                      className="agenda-minutes"
                      type="number"
                      min={1}
                      max={600}
                      aria-label={t('agenda.minutes')}
                      value={item.minutes}
                      onChange={(e) =>
                        updateItem(doc, i, 'minutes', Math.max(0, Math.round(Number(e.target.value) || 0)))
                      }
                    />
                    <span aria-hidden="true">{t('agenda.minuteUnit')}</span>
                  </span>
                  <span className="agenda-actions">
                    <button type="button" className="ghost" disabled={i === 0} onClick={() => moveItem(doc, i, i - 1)}>
                      {t('agenda.moveUp')}
                    </button>
                    <button
                      type="button"
                      className="ghost"
                      disabled={i === items.length - 1}
                      onClick={() => moveItem(doc, i, i + 1)}
                    >
                      {t('agenda.moveDown')}
                    </button>
                    <button type="button" className="ghost" onClick={() => removeItem(doc, i)}>
                      {t('agenda.remove')}
                    </button>
                  </span>
                </>
              ) : (
                <>
                  <span className="agenda-title">{item.title}</span>
                  <span className="muted">
                    {item.presenterUnit && presenters.some((m) => m.unit.id === item.presenterUnit)
                      ? t('agenda.presenterIs', {
                          unit: presenters.find((m) => m.unit.id === item.presenterUnit)!.unit.name,
                        })
                      : t('agenda.noPresenter')}
                  </span>
                  <span className="muted">{t('agenda.minutesIs', { count: item.minutes })}</span>
                </>
              )}
              <span className={`status agenda-${item.status}`}>{t(`agenda.status.${item.status}`)}</span>
              {(editable || item.notes) && (
                <details className="agenda-notes" open={!editable && item.notes !== '' ? true : undefined}>
                  <summary>{t('agenda.notes')}</summary>
                  {editable ? (
                    <ItemNotes doc={doc} index={i} title={item.title} />
                  ) : (
                    <p className="agenda-notes-text">{item.notes}</p>
                  )}
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      <p className={over > 0 ? 'field-error' : 'muted'} data-testid="agenda-total">
        {t('agenda.total', { total, duration: durationMinutes })}
        {over > 0 && <> {t('agenda.over', { over })}</>}
      </p>
      {editable && (
        <>
          <p className="muted small">{t('agenda.dragHint')}</p>
          <form className="inline-form" onSubmit={onAdd} noValidate>
            <label htmlFor="new-agenda-item">{t('agenda.add')}</label>
            <div className="inline-row">
              <input
                id="new-agenda-item"
                value={newTitle}
                maxLength={200}
                placeholder={t('agenda.newTitle')}
                onChange={(e) => setNewTitle(e.target.value)}
              />
              <input
                className="agenda-minutes"
                type="number"
                min={1}
                max={600}
                aria-label={t('agenda.minutes')}
                value={newMinutes}
                onChange={(e) => setNewMinutes(e.target.value)}
              />
              <button type="submit">{t('agenda.add')}</button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** The notes of the item at `index`, bound to its Y.Text (created on first use for old items). */
function ItemNotes({ doc, index, title }: { doc: Y.Doc; index: number; title: string }) {
  const { t } = useTranslation();
  const text = useMemo(() => notesOf(doc, index), [doc, index]);
  return <NotesField text={text} label={t('agenda.notesFor', { title })} placeholder={t('agenda.notesPlaceholder')} />;
}
