import { meetingPhase } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { useRoomContext } from './roomContext.js';
import { VoteCard } from './VoteCard.js';
import { VoteOpenForm } from './VoteOpenForm.js';

/** 表决: the chair opens votes on frozen decision versions; everyone follows them to their result. */
export function VotePanel() {
  const { t } = useTranslation();
  const { snapshot, viewer } = useRoomContext();
  // Open votes first (they need attention), then the most recent results.
  const votes = [...snapshot.votes].sort((a, b) =>
    (a.status === 'open') !== (b.status === 'open') ? (a.status === 'open' ? -1 : 1) : b.openedAt.localeCompare(a.openedAt),
  );
  return (
    <section className="card room-panel room-votes" aria-labelledby="room-votes">
      <h2 id="room-votes">{t('room.vote.title')}</h2>
      {/* After 散会 no vote is opened: the room is a record. */}
      {viewer.isChair && meetingPhase.liveRoomOpen(snapshot.flow.status) && <VoteOpenForm />}
      {votes.length === 0 ? (
        <p className="muted">{t('room.vote.none')}</p>
      ) : (
        <div className="room-vote-list">
          {votes.map((v) => (
            <VoteCard key={v.id} vote={v} />
          ))}
        </div>
      )}
    </section>
  );
}
