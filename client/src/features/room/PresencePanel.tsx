import { useTranslation } from 'react-i18next';
import { useRoomContext } from './roomContext.js';

/** Who has the room open right now (name · unit), counted once however many tabs they use. */
export function PresencePanel() {
  const { t } = useTranslation();
  const { snapshot } = useRoomContext();
  const online = snapshot.presence.online;
  return (
    <section className="card room-panel room-presence" aria-labelledby="room-presence">
      <div className="section-head">
        <h2 id="room-presence">{t('room.presence.title')}</h2>
        <span className="tag" data-testid="online-count">
          {t('room.presence.count', { count: online.length })}
        </span>
      </div>
      {online.length === 0 ? (
        <p className="muted">{t('room.presence.none')}</p>
      ) : (
        <ul className="plain-list room-online" data-testid="online">
          {online.map((o) => (
            <li key={o.user.id}>
              <span className="room-dot" aria-hidden="true" />
              {o.unit ? t('room.presence.person', { name: o.user.name, unit: o.unit.name }) : o.user.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
