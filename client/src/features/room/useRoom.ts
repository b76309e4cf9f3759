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
import { followLink } from '../../lib/connection.js';
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
import { useMe } from '../auth/useMe.js';
import { startingAction, type QueuedListener } from './useAction.js';

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
  /** When the room was last known to be in step with the server (ms): "最后同步", shown while cut off. */
  lastSyncAt: number | null;
  /** The connection dropped after the room had been drawn, and the room has not resynced since. */
  dropped: boolean;
  /** When the room resynced after a drop (ms): "已重新连接" shows for a few seconds from then. */
  reconnectedAt: number | null;
  /** Actions waiting for the connection (待发送). */
  queued: number;
  /** Of those, how many were sent (and answered) since the last reconnect. */
  sentOnReconnect: number;
}

type Action =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'lost'; lastContactAt: number | null }
  | { type: 'queued'; queued: number; sent?: number }
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
  if (action.type === 'lost') {
    if (state.status === 'disconnected') return state;
    return {
      ...state,
      status: 'disconnected',
      dropped: state.dropped || state.snapshot !== null,
      reconnectedAt: null,
      sentOnReconnect: 0,
      lastSyncAt: state.snapshot ? (action.lastContactAt ?? state.lastSyncAt) : state.lastSyncAt,
    };
  }
  if (action.type === 'queued') {
    return { ...state, queued: action.queued, sentOnReconnect: state.sentOnReconnect + (action.sent ?? 0) };
  }
  if (action.type === 'joinError') return { ...state, joinError: action.error };
  if (action.type === 'snapshot') {
    return {
      ...state,
      snapshot: action.snapshot,
      status: 'connected',
      joinError: null,
      currentSeenAt: seen(state.currentSeenAt, action.snapshot.flow),
      lastSyncAt: Date.now(),
      dropped: false,
      reconnectedAt: state.dropped ? Date.now() : state.reconnectedAt,
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
 * What may wait for the connection (待发送) and be sent when it is back: asking to speak,
 * withdrawing, checking in. The server makes each of them harmless to repeat (one place in the
 * queue, one check-in), so one whose fate a drop left unknown can be sent again and still count
 * once. Everything else is refused while offline: a ballot is cast when the person acts, on the
 * vote as they see it, never later and unseen; a chair's step is taken on the room as it is.
 */
const WAITS_FOR_CONNECTION: ReadonlySet<ClientEvent> = new Set<ClientEvent>([
  'speaker:request',
  'speaker:withdraw',
  'meeting:checkIn',
]);

interface Waiting {
  event: ClientEvent;
  payload: unknown;
  /** Sent once already, and the connection dropped before the answer came. */
  unsure: boolean;
  tell: QueuedListener | null;
  resolve: (data: unknown) => void;
  reject: (err: unknown) => void;
}

const isUnconfirmed = (err: unknown) => err instanceof ApiRequestError && err.code === 'NOT_CONFIRMED';

/** An unsure request to speak that the fresh room shows already granted needs no second sending. */
function alreadyDone(w: Waiting, snapshot: RoomSnapshot, userId: string | undefined): unknown {
  if (!w.unsure || w.event !== 'speaker:request' || !userId) return undefined;
  const { speakers } = snapshot;
  const there = speakers.queue.some((q) => q.user.id === userId) || speakers.current?.user.id === userId;
  return there ? speakers : undefined;
}

/**
 * The live room of one meeting over the tab's Socket.IO connection: joins, keeps the snapshot
 * current from broadcasts, and after any reconnect joins again and redraws from the fresh
 * snapshot (broadcasts are "latest state wins", nothing is replayed). `emit` resolves with the
 * ack's data, already applied to the screen, or rejects with the server's error code.
 *
 * The connection is followed closely (`followLink`): `status` turns `disconnected` within 3 s of
 * losing it. While it is, actions that may wait (WAITS_FOR_CONNECTION) are kept and sent once
 * the room has resynced; the others are refused with `OFFLINE`. An action sent just before the
 * drop whose answer never came is `NOT_CONFIRMED`, or, if it may wait, sent again after resync.
 */
/** `onDecisionsChange`: a vote opened or closed, or a decision was drafted or frozen. */
export function useRoom(meetingId: string, onDecisionsChange?: () => void) {
  const [state, dispatch] = useReducer(reducer, undefined, () => ({
    snapshot: null,
    status: 'connecting' as ConnectionStatus,
    joinError: null,
    receipts: loadReceipts(),
    currentSeenAt: null,
    lastSyncAt: null,
    dropped: false,
    reconnectedAt: null,
    queued: 0,
    sentOnReconnect: 0,
  }));
  const socketRef = useRef<RoomSocket | null>(null);
  const onDecisionsChangeRef = useRef(onDecisionsChange);
  onDecisionsChangeRef.current = onDecisionsChange;
  const userId = useMe().data?.user.id;
  const userIdRef = useRef(userId);
  userIdRef.current = userId;
  /** Connected and joined: actions can go out. */
  const readyRef = useRef(false);
  /** …and the server has been heard from lately: actions that may wait need not. */
  const liveRef = useRef(false);
  const waitingRef = useRef<Waiting[]>([]);

  useEffect(() => {
    const socket = acquireSocket();
    socketRef.current = socket;
    let alive = true;
    let flushing = false;
    let retryJoin: ReturnType<typeof setTimeout> | undefined;
    liveRef.current = socket.connected && navigator.onLine;
    const waiting = waitingRef.current;
    const mine = (p: { meetingId: string }) => alive && p.meetingId === meetingId;

    // Sends what waited, in order, once the room is fresh; stops (keeping the rest) if it drops again.
    const flush = async (snapshot: RoomSnapshot) => {
      if (flushing) return;
      flushing = true;
      let sent = 0;
      try {
        while (alive && readyRef.current && liveRef.current && socket.connected && waiting.length > 0) {
          const w = waiting[0]!;
          const done = alreadyDone(w, snapshot, userIdRef.current);
          if (done !== undefined) {
            waiting.shift();
            w.resolve(done);
            continue;
          }
          w.tell?.(false);
          try {
            const data = await emitAck(socket, w.event, w.payload as EventPayload<ClientEvent>);
            waiting.shift();
            sent += 1;
            if (alive) applyAck(dispatch, w.event, data);
            w.resolve(data);
          } catch (err) {
            if (isUnconfirmed(err) && !readyRef.current) {
              w.unsure = true;
              w.tell?.(true);
              break;
            }
            waiting.shift();
            w.reject(err);
          }
        }
      } finally {
        flushing = false;
        if (alive) dispatch({ type: 'queued', queued: waiting.length, sent });
      }
    };

    const join = () => {
      clearTimeout(retryJoin);
      dispatch({ type: 'status', status: 'connecting' });
      emitAck(socket, 'meeting:join', { meetingId })
        .then((snapshot) => {
          // Lost again meanwhile: the next join, once the connection is back, brings a fresher one.
          if (!alive || !liveRef.current) return;
          dispatch({ type: 'snapshot', snapshot });
          readyRef.current = true;
          void flush(snapshot);
        })
        .catch((error: unknown) => {
          if (!alive) return;
          // No answer: the next connect joins again, or, still connected, try again shortly.
          if (isUnconfirmed(error)) {
            if (socket.connected) retryJoin = setTimeout(join, 2_000);
            return;
          }
          dispatch({ type: 'joinError', error });
          readyRef.current = false;
          for (const w of waiting.splice(0)) w.reject(error);
          dispatch({ type: 'queued', queued: 0 });
        });
    };
    const stopLink = followLink(socket, (link) => {
      if (!alive) return;
      liveRef.current = link.live;
      if (link.live) return join();
      // Silent but still connected: what is sent now still goes out on this socket if it lives.
      if (!socket.connected) readyRef.current = false;
      clearTimeout(retryJoin);
      dispatch({ type: 'lost', lastContactAt: link.lastContactAt });
    });
    const onDisconnect = (reason: string) => {
      readyRef.current = false;
      if (!alive) return;
      // The server closing the socket is not retried by Socket.IO itself.
      if (reason === 'io server disconnect') socket.connect();
    };
    const onConnectError = (err: Error) => {
      if (!alive) return;
      if (err.message === 'UNAUTHENTICATED' || err.message === 'FORBIDDEN') {
        dispatch({ type: 'joinError', error: new ApiRequestError(0, err.message, err.message) });
      }
      dispatch({ type: 'lost', lastContactAt: null });
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
    if (liveRef.current) join();

    return () => {
      alive = false;
      readyRef.current = false;
      clearTimeout(retryJoin);
      stopLink();
      for (const w of waiting.splice(0)) w.reject(new ApiRequestError(0, 'OFFLINE', 'left the room'));
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
    // Read before any await: the button that started this action (see useAction).
    const tell = startingAction();
    const wait = () =>
      new Promise<EventData<typeof event>>((resolve, reject) => {
        waitingRef.current.push({
          event,
          payload,
          unsure: false,
          tell,
          resolve: resolve as (data: unknown) => void,
          reject,
        });
        tell?.(true);
        dispatch({ type: 'queued', queued: waitingRef.current.length });
      });
    const socket = socketRef.current;
    const connected = socket !== null && readyRef.current && socket.connected;
    // What may wait does while the server is silent; it is sent once the room has resynced.
    if (WAITS_FOR_CONNECTION.has(event) && (!connected || !liveRef.current)) return wait();
    // Never handed to Socket.IO while disconnected: it would buffer the event and send it, unseen,
    // on reconnect (a ballot or a chair's step should happen when the person acts, or visibly not
    // at all). While merely silent it goes out: if the socket is dead after all, the answer
    // never comes and the person is told it is not confirmed.
    if (!connected) throw new ApiRequestError(0, 'OFFLINE', 'not connected');
    let data: EventData<typeof event>;
    try {
      data = await emitAck(socket, event, payload);
    } catch (err) {
      // The connection dropped with the answer still out: if this may wait, send it again after resync.
      if (isUnconfirmed(err) && !readyRef.current && WAITS_FOR_CONNECTION.has(event)) {
        const again = wait();
        waitingRef.current.at(-1)!.unsure = true;
        return again;
      }
      throw err;
    }
    applyAck(dispatch, event, data);
    if (event === 'vote:open' || event === 'vote:close' || event === 'vote:cancel') onDecisionsChangeRef.current?.();
    return data;
  }, []);

  return { ...state, emit };
}
