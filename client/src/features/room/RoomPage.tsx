import { useQueryClient } from '@tanstack/react-query';
import { meetingPhase, type Alliance, type RoomSnapshot } from '@tongxin/shared';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ConnectionBanner, LiveConnectionBanner } from '../../app/ConnectionBanner.js';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { errorMessage } from '../../lib/errors.js';
import { useMe } from '../auth/useMe.js';
import { decisionsKey } from '../decision/queries.js';
import { ActionItemPanel } from './ActionItemPanel.js';
import { AgendaPanel } from './AgendaPanel.js';
import { AttendancePanel } from './AttendancePanel.js';
import { DecisionPanel } from './DecisionPanel.js';
import { PresencePanel } from './PresencePanel.js';
import { PhoneBar } from './PhoneBar.js';
import { RoomHeader } from './RoomHeader.js';
import { RoomContext, viewerOf, type Room } from './roomContext.js';
import { SpeakerPanel } from './SpeakerPanel.js';
import { useRoom } from './useRoom.js';
import { VotePanel } from './VotePanel.js';
import './room.css';

/** 会议进行中: the live room of one meeting, for a laptop or a phone. */
export default function RoomPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // A vote opening or closing moves its decision to voting / adopted / rejected; a draft or a
  // frozen version adds to the list.
  const onDecisionsChange = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: decisionsKey(id) }),
    [queryClient, id],
  );
  const room = useRoom(id, onDecisionsChange);

  if (room.joinError) {
    return (
      <div className="page">
        <div role="alert" className="alert">
          <p>{t('room.joinFailed', { message: errorMessage(t, room.joinError) })}</p>
          <Link to={`/meetings/${id}`}>← {t('room.back')}</Link>
        </div>
      </div>
    );
  }
  if (!room.snapshot) {
    return (
      <div className="room">
        <p className="muted" role="status">
          {t('room.joining')}
        </p>
        <ConnectionBanner
          status={room.status === 'connected' ? 'connecting' : room.status}
          offline={t('room.offline')}
        />
      </div>
    );
  }
  return <RoomWithAlliance room={room} snapshot={room.snapshot} />;
}

function RoomWithAlliance({ room, snapshot }: { room: ReturnType<typeof useRoom>; snapshot: RoomSnapshot }) {
  const alliance = useAlliance(snapshot.meeting.alliance);
  return <QueryState query={alliance}>{(a) => <RoomScreen room={room} snapshot={snapshot} alliance={a} />}</QueryState>;
}

function RoomScreen({
  room,
  snapshot,
  alliance,
}: {
  room: ReturnType<typeof useRoom>;
  snapshot: RoomSnapshot;
  alliance: Alliance;
}) {
  const me = useMe().data!;
  const value = useMemo<Room>(() => {
    const names = new Map(alliance.memberships.map((m) => [m.unit.id, m.unit.name]));
    const current = snapshot.flow.currentItem;
    return {
      snapshot,
      alliance,
      viewer: viewerOf(me, alliance, snapshot),
      emit: room.emit,
      votingUnits: alliance.memberships.filter((m) => m.role !== 'observer'),
      unitName: (uid: string) => names.get(uid) ?? '—',
      receipts: room.receipts,
      // The server says since when; a client that saw the change itself knows as a fallback.
      currentSince: current?.since ?? (current && room.currentSeenAt?.id === current.id ? room.currentSeenAt.at : null),
    };
  }, [snapshot, alliance, me, room.emit, room.receipts, room.currentSeenAt]);
  // A representative whose unit has not checked in finds 签到 first on a phone (room.css).
  const needsCheckIn =
    meetingPhase.openForCheckIn(snapshot.flow.status) &&
    value.viewer.represents.some(
      (u) =>
        value.votingUnits.some((m) => m.unit.id === u) &&
        !snapshot.attendance.present.some((p) => p.unit.id === u) &&
        !snapshot.attendance.proxies.some((p) => p.fromUnit.id === u),
    );

  return (
    <RoomContext.Provider value={value}>
      <div className={needsCheckIn ? 'room room-needs-checkin' : 'room'} data-testid="room">
        <RoomHeader />
        <div className="room-grid">
          <div className="room-col room-col-side">
            <AttendancePanel />
            <PresencePanel />
          </div>
          <div className="room-col room-col-main">
            <AgendaPanel />
            <VotePanel />
            <DecisionPanel />
          </div>
          <div className="room-col room-col-aside">
            <SpeakerPanel />
            <ActionItemPanel />
          </div>
        </div>
        <div className="room-conn">
          <LiveConnectionBanner
            status={room.status}
            lastSyncAt={room.lastSyncAt}
            reconnectedAt={room.reconnectedAt}
            queued={room.queued}
            sentOnReconnect={room.sentOnReconnect}
          />
        </div>
        <PhoneBar />
      </div>
    </RoomContext.Provider>
  );
}
