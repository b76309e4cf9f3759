import { meetingPhase } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useYDoc } from '../../lib/useYDoc.js';
import type { AgendaItem } from '../agenda/agendaDoc.js';
import { useAgendaItems } from '../agenda/useAgendaItems.js';
import { useRoomContext } from './roomContext.js';
import { formatClock, useNow } from './time.js';
import { useAction } from './useAction.js';

/**
 * The agenda as co-edited before the meeting (read live from its Yjs document), with the item the
 * chair has taken up highlighted and timed against its time box.
 */
export function AgendaPanel() {
  const { t } = useTranslation();
  const { snapshot, viewer, emit, unitName, currentSince } = useRoomContext();
  const meetingId = snapshot.meeting.id;
  const { doc, synced } = useYDoc(`meeting:${meetingId}:agenda`);
  const items = useAgendaItems(doc);
  // The server reads the item's title and time box from the agenda document; the id is enough.
  const setCurrent = useAction((item: AgendaItem | null) =>
    emit('meeting:setAgendaItem', { meetingId, item: item ? { id: item.id } : null }),
  );

  // After 散会 no item is under way, whatever was current when the chair closed the meeting.
  const closed = !meetingPhase.liveRoomOpen(snapshot.flow.status);
  const flowItem = closed ? null : snapshot.flow.currentItem;
  const index = flowItem ? items.findIndex((i) => i.id === flowItem.id) : -1;
  const current = index >= 0 ? items[index]! : null;
  // Moving on is the chair console's one button; a row's 设为当前 jumps to any item.
  const chairs = viewer.isChair && snapshot.flow.status === 'in_session';

  return (
    <section className="card room-panel room-agenda" aria-labelledby="room-agenda">
      <h2 id="room-agenda">{t('room.agenda.title')}</h2>
      <div className="room-current" data-testid="current-item">
        <p className="room-current-label">{t('room.agenda.current')}</p>
        {flowItem ? (
          <>
            <p className="room-current-title">{current?.title || flowItem.title}</p>
            <ItemTimer since={currentSince} minutes={current?.minutes ?? flowItem.minutes} />
            {current?.notes && <p className="room-current-notes">{current.notes}</p>}
          </>
        ) : (
          <p className="muted">{closed ? t('room.agenda.closed') : t('room.agenda.noCurrent')}</p>
        )}
      </div>
      {setCurrent.error !== null && (
        <p role="alert" className="field-error">
          {errorMessage(t, setCurrent.error)}
        </p>
      )}
      {!synced ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : items.length === 0 ? (
        <p className="muted">{t('agenda.empty')}</p>
      ) : (
        <ol className="room-agenda-list" data-testid="room-agenda">
          {items.map((item, i) => {
            const isCurrent = item.id === flowItem?.id;
            const status = isCurrent
              ? 'current'
              : item.status === 'current'
                ? closed
                  ? 'done'
                  : 'pending'
                : item.status;
            return (
              <li
                key={item.id}
                className={`room-agenda-item${isCurrent ? ' is-current' : ''}${status === 'done' ? ' is-done' : ''}`}
                aria-current={isCurrent ? 'step' : undefined}
              >
                <span className="agenda-n" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="room-agenda-text">
                  <span className="room-agenda-title">{item.title}</span>
                  <span className="muted small dot-list">
                    <span>{t('room.agenda.planned', { count: item.minutes })}</span>
                    <span>
                      {item.presenterUnit
                        ? t('room.agenda.presenter', { unit: unitName(item.presenterUnit) })
                        : t('room.agenda.noPresenter')}
                    </span>
                  </span>
                </span>
                {isCurrent ? (
                  <span className="status agenda-current">{t('room.agenda.currentTag')}</span>
                ) : chairs ? (
                  <button
                    type="button"
                    className="ghost room-small-btn"
                    disabled={setCurrent.pending}
                    aria-label={t('room.agenda.setCurrentLabel', { title: item.title })}
                    onClick={() => void setCurrent.run(item)}
                  >
                    {t('room.agenda.setCurrent')}
                  </button>
                ) : status !== 'pending' ? (
                  <span className={`status agenda-${status}`}>{t(`agenda.status.${status}`)}</span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function ItemTimer({ since, minutes }: { since: string | null; minutes: number }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!since) return null;
  const elapsed = Math.max(0, now - Date.parse(since));
  const allotted = minutes * 60_000;
  const over = allotted > 0 ? elapsed - allotted : 0;
  return (
    <div className={over > 0 ? 'room-timer over' : 'room-timer'} data-testid="item-timer">
      {allotted > 0 && (
        <p className="room-timer-big" aria-live="off">
          {/* Over time is said in words and marked, not only turned red. */}
          {over > 0 && (
            <span className="room-timer-flag" aria-hidden="true">
              !
            </span>
          )}
          {over > 0
            ? t('room.agenda.overBy', { time: formatClock(over) })
            : t('room.agenda.remaining', { time: formatClock(allotted - elapsed) })}
        </p>
      )}
      {allotted > 0 && (
        <div className="room-timebar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, (elapsed / allotted) * 100)}%` }} />
        </div>
      )}
      <p className="room-timer-text">
        <span>
          {allotted > 0
            ? t('room.agenda.elapsed', { elapsed: formatClock(elapsed), minutes })
            : t('room.agenda.elapsedOnly', { elapsed: formatClock(elapsed) })}
        </span>
      </p>
    </div>
  );
}
