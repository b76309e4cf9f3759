import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import {
  ActionItemCreateSchema,
  MeetingCreateSchema,
  UnitInputSchema,
  VoteOpenSchema,
  VotingDefaultsSchema,
  docName,
  type Choice,
} from '@tongxin/shared';
import type { Actor } from '../../src/auth/actor.js';
import { actionItemCreator } from '../../src/commands/actionItemCreator.js';
import { actionItemTransitioner } from '../../src/commands/actionItemTransitioner.js';
import { allianceCreator } from '../../src/commands/allianceCreator.js';
import { secretariesSetter } from '../../src/commands/allianceUpdater.js';
import { attendanceRecorder } from '../../src/commands/attendanceRecorder.js';
import { ballotCaster } from '../../src/commands/ballotCaster.js';
import { decisionCreator } from '../../src/commands/decisionCreator.js';
import { meetingCreator } from '../../src/commands/meetingCreator.js';
import { meetingStarter } from '../../src/commands/meetingStarter.js';
import { meetingTransitioner } from '../../src/commands/meetingUpdater.js';
import { unitCreator } from '../../src/commands/unitCreator.js';
import { userCreator } from '../../src/commands/userCreator.js';
import { versionFreezer, DECISION_FIELD } from '../../src/commands/versionFreezer.js';
import { voteOpener } from '../../src/commands/voteOpener.js';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_REGISTRY_OPTIONS, DocRegistry } from '../../src/yjs/registry.js';
import { YjsStore } from '../../src/yjs/store.js';
import { actorOf, contextFor, withYjs, type CommandDb, type TestContext } from './commandContext.js';

/**
 * Command tests run against MongoDB itself — the bundled emulator over the wire protocol, or
 * TEST_MONGODB_URI — without an HTTP server around it: the commands are the unit under test.
 */
export interface TestDatabase extends CommandDb {
  /** For the commands that read a live document (freezing a decision version). */
  yjs: DocRegistry;
  dispose(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-commands-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      DATA_DIR: dataDir,
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      MONGOD_DOWNLOAD: 'false',
      MONGODB_DB: `t${path.basename(dataDir).replace(/[^A-Za-z0-9]/g, '')}`,
    },
    dataDir,
  );
  const log = createLogger(config);
  const db = await Database.open(config, log);
  const yjs = new DocRegistry(new YjsStore(db.models), log, {
    ...DEFAULT_REGISTRY_OPTIONS,
    debounceMs: 10,
    maxDelayMs: 50,
  });
  return {
    models: db.models,
    connection: db.connection,
    yjs,
    dispose: async () => {
      await yjs.closeAll();
      await db.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A street-level alliance (大工委) of five voting units, one observer unit and an outsider. */
export interface AllianceFixture {
  db: TestDatabase;
  allianceId: string;
  admin: Actor;
  /** The alliance's secretary (秘书), a user of the street's unit but not its representative. */
  secretary: Actor;
  /** Representatives of the five voting units, in order; `reps[0]` speaks for the street, which convenes. */
  reps: Actor[];
  /** The voting units, in the order of `reps`. */
  units: string[];
  /** The representative of the observer unit (列席): attends and reads, does not vote. */
  observer: Actor;
  observerUnit: string;
  /** A user whose unit is not a member. */
  outsider: Actor;
  /** A fresh context for `actor`: each command call gets its own event list. */
  as(actor: Actor): TestContext;
}

const VOTING_UNITS = [
  { name: '和平街道党工委', kind: 'street', level: 'subdistrict' },
  { name: '和平里社区党委', kind: 'community', level: 'community' },
  { name: '区住房和城乡建设局', kind: 'agency', level: 'district' },
  { name: '城投建设集团有限公司', kind: 'state_enterprise', level: 'district' },
  { name: '和平里第一中学', kind: 'school', level: 'district' },
] as const;
const REP_NAMES = ['王建华', '李秀英', '张伟', '刘洋', '陈静'];
const PASSWORD = 'command-test-password';

/**
 * Founds the alliance through the commands an administrator and a secretary use. Only the first
 * administrator is written directly, as an installation's first run does.
 */
export async function foundAlliance(db: TestDatabase): Promise<AllianceFixture> {
  const as = (actor: Actor) => contextFor(db, actor);
  const [first] = await db.models.User.create([
    { name: '系统管理员', login: 'admin', passwordHash: '-', isAdmin: true },
  ]);
  const admin = actorOf(first!);
  const unit = async (u: { name: string; kind: string; level: string }) =>
    String((await unitCreator(as(admin), UnitInputSchema.parse({ ...u, region: '东城区和平街道' })))._id);
  const person = async (name: string, login: string, unitId: string) =>
    actorOf((await userCreator(as(admin), { name, login, password: PASSWORD, unit: unitId, isAdmin: false })).user);

  const units = await Promise.all(VOTING_UNITS.map(unit));
  const observerUnit = await unit({ name: '区融媒体中心', kind: 'public_institution', level: 'district' });
  const outsiderUnit = await unit({ name: '安定门街道党工委', kind: 'street', level: 'subdistrict' });
  const reps = await Promise.all(REP_NAMES.map((name, i) => person(name, `rep${i + 1}`, units[i]!)));
  const [secretary, observer, outsider] = await Promise.all([
    person('孙丽', 'secretary', units[0]!),
    person('周敏', 'observer', observerUnit),
    person('吴刚', 'outsider', outsiderUnit),
  ]);

  const people = { db, admin, secretary, reps, units, observer, observerUnit, outsider, as };
  const allianceId = await createAlliance(people, admin, '和平街道区域化党建大工委');
  // The founding administrator hands the alliance to its secretary.
  await secretariesSetter(as(admin), allianceId, [secretary.id]);
  return { ...people, allianceId };
}

/**
 * Another alliance of the same units and people (a unit may belong to several), founded by the
 * secretary: for a test that changes the alliance itself and must not change it for the others.
 */
export async function anotherAlliance(f: AllianceFixture, name: string): Promise<AllianceFixture> {
  return { ...f, allianceId: await createAlliance(f, f.secretary, name) };
}

async function createAlliance(f: Omit<AllianceFixture, 'allianceId'>, founder: Actor, name: string): Promise<string> {
  const alliance = await allianceCreator(f.as(founder), {
    name,
    kind: 'regional',
    description: '',
    charter: '',
    // Quorum is half the voting units (3 of 5); each vote may set its own threshold and basis.
    votingDefaults: VotingDefaultsSchema.parse({ basis: 'unit', quorum: 0.5, threshold: 'simple_majority' }),
    memberships: [
      ...f.units.map((u, i) => ({
        unit: u,
        role: i === 0 ? ('lead' as const) : ('member' as const),
        representatives: [f.reps[i]!.id],
      })),
      { unit: f.observerUnit, role: 'observer' as const, representatives: [f.observer.id] },
    ],
  });
  return String(alliance._id);
}

let meetingCount = 0;

/** A joint meeting convened by the street (units[0]), announced to members. */
export async function scheduledMeeting(f: AllianceFixture): Promise<string> {
  const meeting = await meetingCreator(
    f.as(f.secretary),
    f.allianceId,
    MeetingCreateSchema.parse({
      title: `第${++meetingCount}次联席会议`,
      scheduledAt: new Date(Date.now() + 3600_000),
      place: '和平街道党群服务中心三楼会议室',
      convenerUnit: f.units[0],
    }),
  );
  const id = String(meeting._id);
  await meetingTransitioner(f.as(f.secretary), id, 'schedule');
  return id;
}

/**
 * A meeting in session: the representatives of the units at `present` (indexes into `f.reps`)
 * checked in themselves, and the secretary started it.
 */
export async function meetingInSession(f: AllianceFixture, present: number[] = [0, 1, 2, 3, 4]): Promise<string> {
  const id = await scheduledMeeting(f);
  for (const n of present) await attendanceRecorder(f.as(f.reps[n]!), { meetingId: id });
  await meetingStarter(f.as(f.secretary), { meetingId: id });
  return id;
}

/** The chair (the secretary) puts a text to the vote; VoteOpen's defaults apply as at the edge. */
export async function openVote(
  f: AllianceFixture,
  meetingId: string,
  props: {
    title?: string;
    text?: string;
    threshold?: string;
    secret?: boolean;
    basis?: string;
    durationSeconds?: number;
    decisionId?: string;
    version?: number;
  } = {},
): Promise<string> {
  const input = VoteOpenSchema.parse({
    meetingId,
    title: props.title ?? '关于背街小巷环境整治方案的决定',
    ...(props.version === undefined
      ? { text: props.text ?? '同意实施背街小巷环境整治方案，由区城管执法局牵头。' }
      : {}),
    ...props,
  });
  const { vote } = await voteOpener(f.as(f.secretary), input);
  return String(vote._id);
}

/** Each representative at `choices[i]` casts that choice for their own unit (`undefined`: does not vote). */
export async function castAll(f: AllianceFixture, voteId: string, choices: (Choice | undefined)[]): Promise<void> {
  for (const [i, choice] of choices.entries()) {
    if (choice) await ballotCaster(f.as(f.reps[i]!), { voteId, choice });
  }
}

/**
 * A decision drafted for the meeting, its text written into the live draft as the editor writes
 * it, and frozen into version 1 by the secretary: ready to be put to the vote.
 */
export async function frozenDecision(f: AllianceFixture, meetingId: string, text: string): Promise<string> {
  const decision = await decisionCreator(f.as(f.secretary), meetingId, { title: '关于共建共治的决定' });
  const decisionId = String(decision._id);
  await f.db.yjs.with(docName({ kind: 'decision', decisionId }), (shared) => {
    const fragment = shared.ydoc.getXmlFragment(DECISION_FIELD);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.push([paragraph]);
  });
  await versionFreezer(withYjs(f.as(f.secretary), f.db.yjs), decisionId);
  return decisionId;
}

/**
 * An action item the secretary assigns in a meeting convened by the street, led by the unit of
 * `f.reps[lead]`; `meetingId: null` assigns it outside any meeting (no convener supervises it).
 */
export async function assignedItem(f: AllianceFixture, meetingId: string | null, lead = 1): Promise<string> {
  const item = await actionItemCreator(f.as(f.secretary), {
    ...ActionItemCreateSchema.parse({
      title: '摸排辖区老旧小区加装电梯意愿',
      leadUnit: f.units[lead],
      cooperatingUnits: [f.units[lead === 2 ? 3 : 2]],
      responsiblePerson: '李秀英',
      measures: '逐楼栋入户摸排，建立意愿台账，每周汇总上报街道。',
      dueDate: '2027-06-30',
      ...(meetingId ? { meetingId } : {}),
    }),
    allianceId: f.allianceId,
  });
  return String(item._id);
}

/** Moves an item along its state machine as the right people do: the lead unit, then the secretary. */
export async function bringTo(
  f: AllianceFixture,
  itemId: string,
  lead: number,
  status: 'todo' | 'in_progress' | 'awaiting_verification' | 'closed' | 'cancelled',
): Promise<void> {
  const byLead = (transition: 'start' | 'submit') =>
    actionItemTransitioner(f.as(f.reps[lead]!), itemId, { transition });
  const bySecretary = (transition: 'verify' | 'cancel') =>
    actionItemTransitioner(f.as(f.secretary), itemId, { transition });
  if (status === 'todo') return;
  if (status === 'cancelled') {
    await bySecretary('cancel');
    return;
  }
  await byLead('start');
  // Work at 0 % is not handed in: the fixture's lead unit is halfway (as if it had reported).
  await f.db.models.ActionItem.updateOne({ _id: itemId }, { $set: { percent: 50 } });
  if (status === 'in_progress') return;
  await byLead('submit');
  if (status === 'closed') await bySecretary('verify');
}
