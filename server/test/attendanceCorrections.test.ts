import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance } from '@tongxin/shared';
import { chineseTime } from '../src/minutes/minutesDocument.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Attendance corrections in a live room of four voting units (quorum one half: two units): a
 * mistaken 代签 undone, an early leave and a late arrival, each seen at once by another connection.
 */
describe('attendance corrections', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  let watcher: RoomClient;
  const reps: RoomClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { room: { presenceGraceMs: 0 } });
    f = await setUpAlliance(server, 4);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    // The observer unit's representative watches: it sees what every connection sees.
    watcher = await connect(server, f.observer.api.token);
    for (const s of [chair, watcher, ...reps]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const s of [chair, watcher, ...reps]) s?.disconnect();
    await server?.dispose();
  });

  const meetingId = () => f.meetingId;
  const unit = (i: number) => f.reps[i]!.unit;
  const seen = (match: (a: Attendance) => boolean) => nextEvent(watcher, 'meeting:attendance', match);
  const entryOf = (a: Attendance, i: number) => a.present.find((p) => p.unit.id === unit(i));
  const codeOf = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);

  it('a mistaken 代签 is undone with a reason: it stops counting, stays on view as undone, and the audit keeps why', async () => {
    const recorded = ok(await send(chair, 'meeting:checkIn', { meetingId: meetingId(), unitId: unit(3) }));
    const entry = entryOf(recorded, 3)!;
    expect(entry).toMatchObject({ onBehalf: true, late: false, leftAt: null, undone: null });
    expect(recorded.quorum.present).toBe(1);

    // Nobody undoes without a reason, and a representative cannot undo another unit's check-in.
    const noReason = await send(chair, 'meeting:undoCheckIn', {
      meetingId: meetingId(),
      attendanceId: entry.id,
      reason: ' ',
    });
    expect(codeOf(noReason)).toBe('VALIDATION');
    const otherUnit = await send(reps[1]!, 'meeting:undoCheckIn', {
      meetingId: meetingId(),
      attendanceId: entry.id,
      reason: '看错了',
    });
    expect(codeOf(otherUnit)).toBe('FORBIDDEN');

    const broadcast = seen((a) => a.undone.length === 1);
    const after = ok(
      await send(chair, 'meeting:undoCheckIn', {
        meetingId: meetingId(),
        attendanceId: entry.id,
        reason: '误点，该单位尚未到会',
      }),
    );
    expect(after.quorum.present).toBe(0);
    expect(after.present).toEqual([]);
    const undone = (await broadcast).undone[0]!;
    expect(undone).toMatchObject({
      id: entry.id,
      unit: { id: unit(3) },
      undone: { by: { name: '孙丽' }, reason: '误点，该单位尚未到会' },
    });

    const audit = await server.ctx.db.models.AuditEvent.findOne({
      targetId: meetingId(),
      action: 'meeting.checkIn.undo',
    }).lean();
    expect(audit?.changes).toEqual(
      expect.arrayContaining([
        { field: 'unit', before: unit(3) },
        { field: 'onBehalf', before: true },
        { field: 'reason', after: '误点，该单位尚未到会' },
      ]),
    );

    // Undoing it again is refused; the unit can still check in for real later.
    const again = await send(chair, 'meeting:undoCheckIn', {
      meetingId: meetingId(),
      attendanceId: entry.id,
      reason: '再撤一次',
    });
    expect(codeOf(again)).toBe('INVALID_STATE');
  });

  it('quorum follows live: reached, lost when a unit leaves early, reached again when another arrives late', async () => {
    ok(await send(reps[0]!, 'meeting:checkIn', { meetingId: meetingId() }));
    const reached = seen((a) => a.quorum.present === 2);
    ok(await send(reps[1]!, 'meeting:checkIn', { meetingId: meetingId() }));
    expect((await reached).quorum).toMatchObject({ present: 2, required: 2, reached: true });
    expect(ok(await send(chair, 'meeting:start', { meetingId: meetingId() })).status).toBe('in_session');

    // rep2's unit leaves (早退): the second connection sees quorum lost at once.
    const lost = seen((a) => a.quorum.present === 1);
    const left = ok(await send(reps[1]!, 'meeting:recordLeave', { meetingId: meetingId(), unitId: unit(1) }));
    expect(left.quorum.reached).toBe(false);
    const seenLost = await lost;
    expect(seenLost.quorum).toMatchObject({ present: 1, reached: false });
    expect(seenLost.left.map((e) => e.unit.id)).toEqual([unit(1)]);
    expect(seenLost.left[0]!.leftAt).not.toBeNull();

    // A vote needs quorum now; the chair cannot open one.
    const vote = await send(chair, 'vote:open', { meetingId: meetingId(), title: '测试表决', text: '是否同意？' });
    expect(codeOf(vote)).toBe('INVALID_STATE');

    // rep3's unit arrives late (迟到): quorum is reached again, and the arrival says late.
    const back = seen((a) => a.quorum.present === 2);
    ok(await send(reps[2]!, 'meeting:checkIn', { meetingId: meetingId() }));
    const seenBack = await back;
    expect(seenBack.quorum.reached).toBe(true);
    expect(entryOf(seenBack, 2)).toMatchObject({ late: true, onBehalf: false });
    expect(entryOf(seenBack, 0)).toMatchObject({ late: false });

    const audit = await server.ctx.db.models.AuditEvent.findOne({
      targetId: meetingId(),
      action: 'meeting.leave',
    }).lean();
    expect(audit?.changes).toEqual([
      { field: 'unit', after: unit(1) },
      { field: 'leftAt', after: seenLost.left[0]!.leftAt },
    ]);
    const checkIns = await server.ctx.db.models.AuditEvent.find({
      targetId: meetingId(),
      action: 'meeting.checkIn',
    }).lean();
    const late = checkIns.find((a) => a.changes?.some((c) => c.field === 'unit' && c.after === unit(2)));
    expect(late?.changes).toContainEqual({ field: 'late', after: true });
  });

  it('a unit that left cannot vote until it checks in again, and its return keeps the earlier stay', async () => {
    const opened = ok(
      await send(chair, 'vote:open', { meetingId: meetingId(), title: '测试表决', text: '是否同意？' }),
    );
    const refused = await send(reps[1]!, 'vote:cast', { voteId: opened.id, choice: 'for' });
    expect(refused.ok ? 'ok' : refused.error.message).toBe('check in before voting');

    const returned = ok(await send(reps[1]!, 'meeting:checkIn', { meetingId: meetingId() }));
    const entry = entryOf(returned, 1)!;
    expect(entry.late).toBe(true);
    expect(entry.earlier).toHaveLength(1);
    expect(entry.earlier[0]!.late).toBe(false);
    expect(returned.quorum.present).toBe(3);
    expect(ok(await send(reps[1]!, 'vote:cast', { voteId: opened.id, choice: 'for' })).choice).toBe('for');
    ok(await send(chair, 'vote:close', { voteId: opened.id }));
  });

  it('a leave is recorded at the time given, never before the unit arrived nor in the future; an absent unit cannot leave', async () => {
    const now = Date.now();
    const future = await send(chair, 'meeting:recordLeave', {
      meetingId: meetingId(),
      unitId: unit(0),
      at: new Date(now + 3600_000).toISOString(),
    });
    expect(future.ok ? 'ok' : (future.error.details as { field: string }).field).toBe('at');
    const beforeArrival = await send(chair, 'meeting:recordLeave', {
      meetingId: meetingId(),
      unitId: unit(0),
      at: new Date(now - 24 * 3600_000).toISOString(),
    });
    expect(beforeArrival.ok ? 'ok' : (beforeArrival.error.details as { field: string }).field).toBe('at');
    const absent = await send(chair, 'meeting:recordLeave', { meetingId: meetingId(), unitId: unit(3) });
    expect(codeOf(absent)).toBe('INVALID_STATE');
    const observerTries = await send(watcher, 'meeting:recordLeave', { meetingId: meetingId(), unitId: unit(0) });
    expect(codeOf(observerTries)).toBe('FORBIDDEN');

    const arrived = Date.parse(entryOf(ok(await send(reps[0]!, 'meeting:checkIn', { meetingId: meetingId() })), 0)!.at);
    const at = new Date(Math.max(arrived, now - 1000));
    const left = ok(
      await send(chair, 'meeting:recordLeave', {
        meetingId: meetingId(),
        unitId: unit(0),
        at: at.toISOString(),
        note: '另有公务',
      }),
    );
    expect(left.left.find((e) => e.unit.id === unit(0))!.leftAt).toBe(at.toISOString());
  });

  it('the minutes list late arrivals and leaves with their times, and leave out the undone check-in', async () => {
    const attendance = ok(await send(chair, 'meeting:join', { meetingId: meetingId() })).attendance;
    ok(await send(chair, 'meeting:adjourn', { meetingId: meetingId() }));
    const res = await fetch(`${server.url}/api/meetings/${meetingId()}/minutes.md`, {
      headers: { authorization: `Bearer ${f.secretary.token}` },
    });
    expect(res.status).toBe(200);
    const md = await res.text();
    const names = (await f.secretary.get(`/alliances/${f.allianceId}`)).body as {
      memberships: { unit: { id: string; name: string } }[];
    };
    const nameOf = (i: number) => names.memberships.find((m) => m.unit.id === unit(i))!.unit.name;
    const t = (iso: string) => chineseTime(new Date(iso));

    const u1 = attendance.present.find((e) => e.unit.id === unit(1))!;
    const u2 = attendance.present.find((e) => e.unit.id === unit(2))!;
    const u0 = attendance.left.find((e) => e.unit.id === unit(0))!;
    // The 出席 line (GB/T 9704 纪要: 单位（代表；时间 迟到，时间 离会）、…). Left once, came back late.
    const present = md.split('\n').find((l) => l.startsWith('**出席**：')) ?? '';
    expect(present).toContain(`${nameOf(1)}（`);
    expect(present).toContain(`${t(u1.earlier[0]!.leftAt)}离会，${t(u1.at)}返回`);
    expect(present).toMatch(new RegExp(`${nameOf(2)}（[^）]*；${t(u2.at)}迟到）`));
    expect(present).toContain(`${t(u0.leftAt!)}离会`);
    // The undone 代签: the unit was never there.
    const absent = md.split('\n').find((l) => l.startsWith('**缺席**：')) ?? '';
    expect(absent).toContain(nameOf(3));
    expect(present).not.toContain(nameOf(3));
    expect(md).not.toContain('由孙丽代为签到');
  });
});
