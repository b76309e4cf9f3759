import type {
  ActionItem,
  Attendance,
  BallotReceipt,
  MeetingFlow,
  Presence,
  RoomSnapshot,
  SpeakerQueue,
  Tally,
  VoteView,
} from '@tongxin/shared';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiRequestError } from '../../lib/api.js';
import {
  acquireSocket,
  emitAck,
  releaseSocket,
  type ClientEvent,
  type EventData,
  type EventPayload,
  type RoomSocket,
} from '../../lib/socket.js';
import type { ConnectionStatus } from '../../lib/useYDoc.js';

export interface RoomState {
  /** Everything on screen; replaced wholesale by every fresh snapshot (join, re-join after a drop). */
  snapshot: RoomSnapshot | null;
  status: ConnectionStatus;
  /** Why joining failed (not found, forbidden, signed out); null while all is well. */
  joinError: unknown;
  /** Ballot receipts this tab received, per vote, so they stay visible after a resync. */
  receipts: Record<string, BallotReceipt[]>;
  /** When this screen saw the current agenda item change: the timer's start when the server gives none. */
  currentSeenAt: { id: string; at: string } | null;
}

type Action =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'snapshot'; snapshot: RoomSnapshot }
  | { type: 'joinError'; error: unknown }
  | { type: 'presence'; presence: Presence }
  | { type: 'attendance'; attendance: Attendance }
  | { type: 'flow'; flow: MeetingFlow }
  | { type: 'speakers'; speakers: SpeakerQueue }
  | { type: 'vote'; vote: VoteView }
  | { type: 'tally'; tally: Tally }
  | { type: 'receipt'; receipt: BallotReceipt }
  | { type: 'actionItem'; item: ActionItem }
  | { type: 'actionItemDeleted'; id: string };

const RECEIPTS_KEY = 'tongxin.room.receipts';

function loadReceipts(): Record<string, BallotReceipt[]> {
  try {
    return JSON.parse(sessionStorage.getItem(RECEIPTS_KEY) ?? '{}') as Record<string, BallotReceipt[]>;
  } catch {
    return {};
  }
}

function saveReceipts(r: Record<string, BallotReceipt[]>): void {
  try {
    sessionStorage.setItem(RECEIPTS_KEY, JSON.stringify(r));
  } catch {
    // Without storage the receipt still shows until the tab closes.
  }
}

function seen(prev: RoomState['currentSeenAt'], flow: MeetingFlow): RoomState['currentSeenAt'] {
  const id = flow.currentItem?.id;
  if (!id) return null;
  return prev?.id === id ? prev : { id, at: new Date().toISOString() };
}

/** A vote as the viewer knows it: broadcasts carry an empty `castByMe`, so what we knew is kept. */
function mergeVote(votes: VoteView[], vote: VoteView): VoteView[] {
  const i = votes.findIndex((v) => v.id === vote.id);
  if (i < 0) return [...votes, vote];
  const old = votes[i]!;
  const merged = { ...vote, castByMe: [...new Set([...old.castByMe, ...vote.castByMe])] };
  return votes.map((v, j) => (j === i ? merged : v));
}

function reducer(state: RoomState, action: Action): RoomState {
  if (action.type === 'status') return { ...state, status: action.status };
  if (action.type === 'joinError') return { ...state, joinError: action.error };
  if (action.type === 'snapshot') {
    return {
      ...state,
      snapshot: action.snapshot,
      status: 'connected',
      joinError: null,
      currentSeenAt: seen(state.currentSeenAt, action.snapshot.flow),
    };
  }
  if (action.type === 'receipt') {
    const list = state.receipts[action.receipt.voteId] ?? [];
    const receipts = {
      ...state.receipts,
      [action.receipt.voteId]: [...list.filter((r) => r.voter !== action.receipt.voter), action.receipt],
    };
    saveReceipts(receipts);
    const s = state.snapshot;
    return {
      ...state,
      receipts,
      snapshot: s && {
        ...s,
        votes: s.votes.map((v) =>
          v.id === action.receipt.voteId ? { ...v, castByMe: [...new Set([...v.castByMe, action.receipt.voter])] } : v,
        ),
      },
    };
  }
  const s = state.snapshot;
  if (!s) return state;
  switch (action.type) {
    case 'presence':
      return { ...state, snapshot: { ...s, presence: action.presence } };
    case 'attendance':
      return { ...state, snapshot: { ...s, attendance: action.attendance } };
    case 'flow':
      return {
        ...state,
        snapshot: { ...s, flow: action.flow, meeting: { ...s.meeting, status: action.flow.status } },
        currentSeenAt: seen(state.currentSeenAt, action.flow),
      };
    case 'speakers':
      return { ...state, snapshot: { ...s, speakers: action.speakers } };
    case 'vote':
      return { ...state, snapshot: { ...s, votes: mergeVote(s.votes, action.vote) } };
    case 'tally':
      return {
        ...state,
        snapshot: {
          ...s,
          // A late tally never overwrites the final count of a closed vote.
          votes: s.votes.map((v) =>
            v.id === action.tally.voteId && v.status === 'open' ? { ...v, tally: action.tally } : v,
          ),
        },
      };
    case 'actionItem': {
      const items = s.actionItems.some((i) => i.id === action.item.id)
        ? s.actionItems.map((i) => (i.id === action.item.id ? action.item : i))
        : [...s.actionItems, action.item];
      return { ...state, snapshot: { ...s, actionItems: items } };
    }
    case 'actionItemDeleted':
      return { ...state, snapshot: { ...s, actionItems: s.actionItems.filter((i) => i.id !== action.id) } };
  }
}

/** What the ack of an event changes on screen, applied at once rather than waiting for the broadcast. */
function applyAck(dispatch: (a: Action) => void, event: ClientEvent, data: unknown): void {
  switch (event) {
    case 'meeting:checkIn':
    case 'meeting:proxy':
    case 'meeting:undoCheckIn':
    case 'meeting:recordLeave':
      return dispatch({ type: 'attendance', attendance: data as Attendance });
    case 'meeting:start':
    case 'meeting:setAgendaItem':
    case 'meeting:adjourn':
      return dispatch({ type: 'flow', flow: data as MeetingFlow });
    case 'speaker:request':
    case 'speaker:withdraw':
    case 'speaker:next':
      return dispatch({ type: 'speakers', speakers: data as SpeakerQueue });
    case 'vote:open':
    case 'vote:close':
    case 'vote:cancel':
      return dispatch({ type: 'vote', vote: data as VoteView });
    case 'vote:cast':
    case 'vote:changeBallot':
      return dispatch({ type: 'receipt', receipt: data as BallotReceipt });
    case 'actionItem:create':
    case 'actionItem:progress':
    case 'actionItem:transition':
      return dispatch({ type: 'actionItem', item: data as ActionItem });
    default:
      return;
  }
}

export type RoomEmit = <E extends ClientEvent>(event: E, payload: EventPayload<E>) => Promise<EventData<E>>;

/**
 * The live room of one meeting over the tab's Socket.IO connection: joins, keeps the snapshot
 * current from broadcasts, and after any reconnect joins again and redraws from the fresh
 * snapshot (broadcasts are "latest state wins", nothing is replayed). `emit` resolves with the
 * ack's data, already applied to the screen, or rejects with the server's error code.
 */
/** `onDecisionsChange`: a vote opened or closed, or a decision was drafted or frozen. */
export function useRoom(meetingId: string, onDecisionsChange?: () => void) {
  const [state, dispatch] = useReducer(reducer, undefined, () => ({
    snapshot: null,
    status: 'connecting' as ConnectionStatus,
    joinError: null,
    receipts: loadReceipts(),
    currentSeenAt: null,
  }));
  const socketRef = useRef<RoomSocket | null>(null);
  const onDecisionsChangeRef = useRef(onDecisionsChange);
  onDecisionsChangeRef.current = onDecisionsChange;

  useEffect(() => {
    const socket = acquireSocket();
    socketRef.current = socket;
    let alive = true;
    const mine = (p: { meetingId: string }) => alive && p.meetingId === meetingId;

    const join = () => {
      dispatch({ type: 'status', status: 'connecting' });
      emitAck(socket, 'meeting:join', { meetingId })
        .then((snapshot) => alive && dispatch({ type: 'snapshot', snapshot }))
        .catch((error: unknown) => {
          if (!alive) return;
          // A network failure is retried by the next connect; a refusal is final.
          if (error instanceof ApiRequestError && error.code === 'NETWORK') return;
          dispatch({ type: 'joinError', error });
        });
    };
    const onDisconnect = (reason: string) => {
      if (!alive) return;
      dispatch({ type: 'status', status: 'disconnected' });
      // The server closing the socket is not retried by Socket.IO itself.
      if (reason === 'io server disconnect') socket.connect();
    };
    const onConnectError = (err: Error) => {
      if (!alive) return;
      if (err.message === 'UNAUTHENTICATED' || err.message === 'FORBIDDEN') {
        dispatch({ type: 'joinError', error: new ApiRequestError(0, err.message, err.message) });
      }
      dispatch({ type: 'status', status: 'disconnected' });
    };
    const onPresence = (p: Presence) => mine(p) && dispatch({ type: 'presence', presence: p });
    const onAttendance = (p: Attendance) => mine(p) && dispatch({ type: 'attendance', attendance: p });
    const onFlow = (p: MeetingFlow) => mine(p) && dispatch({ type: 'flow', flow: p });
    const onSpeakers = (p: SpeakerQueue) => mine(p) && dispatch({ type: 'speakers', speakers: p });
    const onVote = (v: VoteView) => {
      if (!alive || v.meeting !== meetingId) return;
      dispatch({ type: 'vote', vote: v });
      onDecisionsChangeRef.current?.();
    };
    const onDecision = (p: { meetingId: string }) => mine(p) && onDecisionsChangeRef.current?.();
    // A tally names only its vote; the reducer ignores tallies of votes not in this room.
    const onTally = (t: Tally) => alive && dispatch({ type: 'tally', tally: t });
    const onActionItem = (item: ActionItem & { meetingId: string | null }) => {
      if (!alive || (item.meetingId ?? item.meeting) !== meetingId) return;
      const { meetingId: _drop, ...rest } = item;
      dispatch({ type: 'actionItem', item: rest });
    };
    const onActionItemDeleted = (p: { id: string; meetingId: string | null }) =>
      alive && p.meetingId === meetingId && dispatch({ type: 'actionItemDeleted', id: p.id });

    socket.on('connect', join);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('meeting:presence', onPresence);
    socket.on('meeting:attendance', onAttendance);
    socket.on('meeting:flow', onFlow);
    socket.on('speaker:queue', onSpeakers);
    socket.on('vote:opened', onVote);
    socket.on('vote:closed', onVote);
    socket.on('vote:cancelled', onVote);
    socket.on('vote:tally', onTally);
    socket.on('actionItem:updated', onActionItem);
    socket.on('actionItem:deleted', onActionItemDeleted);
    socket.on('decision:changed', onDecision);
    if (socket.connected) join();

    return () => {
      alive = false;
      socket.off('connect', join);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('meeting:presence', onPresence);
      socket.off('meeting:attendance', onAttendance);
      socket.off('meeting:flow', onFlow);
      socket.off('speaker:queue', onSpeakers);
      socket.off('vote:opened', onVote);
      socket.off('vote:closed', onVote);
      socket.off('vote:cancelled', onVote);
      socket.off('vote:tally', onTally);
      socket.off('actionItem:updated', onActionItem);
      socket.off('actionItem:deleted', onActionItemDeleted);
      socket.off('decision:changed', onDecision);
      if (socket.connected) socket.emit('meeting:leave', { meetingId }, () => undefined);
      releaseSocket(socket);
      socketRef.current = null;
    };
  }, [meetingId]);

  const emit: RoomEmit = useCallback(async (event, payload) => {
    const socket = socketRef.current;
    // Offline, refuse at once rather than let Socket.IO buffer the event and send it, unseen, on
    // reconnect (a ballot or a check-in should happen when the person acts, or visibly not at all).
    if (!socket?.connected) throw new ApiRequestError(0, 'NETWORK', 'not connected');
    const data = await emitAck(socket, event, payload);
    applyAck(dispatch, event, data);
    if (event === 'vote:open' || event === 'vote:close' || event === 'vote:cancel') onDecisionsChangeRef.current?.();
    return data;
  }, []);

  return { ...state, emit };
}
