import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandDetail, Page, ProjectDetail, Resource, Suggestion } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { agendaOf } from '../src/yjs/agenda.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 三张清单: a community publishes a demand, a unit offers a matching resource, the community
 * accepts, and the two carry it as a joint project that goes on the next meeting's agenda.
 */
describe('the three lists: demands, resources, joint projects', () => {
  let server: TestServer;
  let f: RoomFixture;
  let demand: DemandDetail;
  let canteen: Resource;
  const clock = new SettableClock(new Date('2026-12-07T09:00:00+08:00'));

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 3);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  const community = () => f.reps[0]!;
  const company = () => f.reps[1]!;
  const school = () => f.reps[2]!;
  const base = () => `/alliances/${f.allianceId}`;

  it('an alliance starts with the default categories; only a secretary changes them', async () => {
    const res = await community().api.get(`${base()}/list-categories`);
    expect(res.body).toEqual({ categories: ['环境整治', '养老服务', '停车', '就业', '助学', '文化活动', '安全隐患', '其他'], canEdit: false });
    expect((await community().api.put(`${base()}/list-categories`, { categories: ['停车'] })).status).toBe(403);
    const categories = [...res.body.categories, '助老'];
    expect((await f.secretary.put(`${base()}/list-categories`, { categories })).body.categories).toContain('助老');
    const dup = await f.secretary.put(`${base()}/list-categories`, { categories: ['停车', '停车'] });
    expect(dup.status).toBe(400);
  });

  it('a community publishes a demand; bad input is refused with the field named, and changes nothing', async () => {
    const bad = await community().api.post(`${base()}/demands`, { title: '', category: '养老服务', unit: community().unit });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(JSON.stringify(bad.body.error.details)).toContain('title');
    const unknownCategory = await community().api.post(`${base()}/demands`, { title: '老人助餐', category: '美食', unit: community().unit });
    expect(unknownCategory.status).toBe(400);
    const forOther = await community().api.post(`${base()}/demands`, { title: '老人助餐', category: '养老服务', unit: company().unit });
    expect(forOther.status).toBe(403);
    expect((await community().api.get(`${base()}/demands`)).body.total).toBe(0);

    const res = await community().api.post(`${base()}/demands`, {
      title: '老人助餐',
      description: '辖区独居老人午餐没有着落，希望开设助餐点',
      category: '养老服务',
      location: '幸福里社区',
      unit: community().unit,
      source: 'resident',
      residentName: '王大爷',
      urgency: 'pressing',
    });
    expect(res.status).toBe(201);
    demand = res.body;
    expect(demand).toMatchObject({ status: 'open', source: 'resident', residentName: '王大爷', urgency: 'pressing', offers: [] });
    expect(demand.can).toMatchObject({ edit: true, accept: true, transitions: ['reject'], offerAs: [] });
  });

  it('units publish resources; the period must be in order', async () => {
    const badPeriod = await company().api.post(`${base()}/resources`, {
      unit: company().unit,
      kind: 'venue',
      category: '养老服务',
      title: '活动室',
      availableFrom: '2027-02-01',
      availableTo: '2027-01-01',
    });
    expect(badPeriod.status).toBe(400);
    expect(JSON.stringify(badPeriod.body.error.details)).toContain('availableTo');
    const res = await company().api.post(`${base()}/resources`, {
      unit: company().unit,
      kind: 'expertise',
      category: '养老服务',
      title: '单位食堂助餐服务',
      description: '工作日中午为辖区老人提供助餐 30 份',
      quantity: '每天 30 份',
      availableFrom: '2026-01-01',
      availableTo: '2027-03-31',
      contact: '后勤处 李师傅',
    });
    expect(res.status).toBe(201);
    canteen = res.body;
    await school().api.post(`${base()}/resources`, {
      unit: school().unit,
      kind: 'venue',
      category: '文化活动',
      title: '学校操场周末开放',
      description: '周末向居民开放操场',
      availableTo: null,
    });
    // Used up: never suggested.
    const used = await school().api.post(`${base()}/resources`, { unit: school().unit, kind: 'funds', category: '养老服务', title: '敬老助餐经费' });
    expect((await school().api.patch(`/resources/${used.body.id}`, { status: 'used_up' })).body.status).toBe('used_up');
  });

  it('suggests the canteen for the demand, with the reasons', async () => {
    const res = await community().api.get(`/demands/${demand.id}/suggestions`);
    const suggestions = res.body as Suggestion[];
    expect(suggestions.map((s) => s.resource.title)).toEqual(['单位食堂助餐服务']);
    expect(suggestions[0]!.reasons).toEqual([
      { kind: 'category', category: '养老服务' },
      { kind: 'keywords', words: expect.arrayContaining(['老人', '助餐']) },
      { kind: 'availableUntil', date: '2027-03-31' },
    ]);
  });

  it('searches in Chinese: "助餐" finds "老人助餐"; filters by category, status and 本单位', async () => {
    const hit = (await community().api.get(`${base()}/demands?q=${encodeURIComponent('助餐')}`)).body as Page<DemandDetail>;
    expect(hit.items.map((d) => d.title)).toEqual(['老人助餐']);
    expect((await community().api.get(`${base()}/demands?q=${encodeURIComponent('停车')}`)).body.total).toBe(0);
    expect((await community().api.get(`${base()}/demands?q=${encodeURIComponent('餐')}`)).body.total).toBe(1);
    const resources = (await community().api.get(`${base()}/resources?q=${encodeURIComponent('助餐')}`)).body as Page<Resource>;
    expect(resources.items.map((r) => r.title).sort()).toEqual(['单位食堂助餐服务', '敬老助餐经费']);
    expect((await community().api.get(`${base()}/resources?category=${encodeURIComponent('文化活动')}`)).body.total).toBe(1);
    expect((await community().api.get(`${base()}/resources?status=available`)).body.total).toBe(2);
    expect((await school().api.get(`${base()}/resources?mine=true`)).body.total).toBe(2);
    expect((await school().api.get(`${base()}/demands?mine=true`)).body.total).toBe(0);
    expect((await school().api.get(`${base()}/demands?unit=${community().unit}`)).body.total).toBe(1);
  });

  it('units claim or offer; the raiser accepts one and the others are not taken', async () => {
    // A unit does not claim its own demand; nor offer for a unit it does not speak for.
    expect((await community().api.post(`/demands/${demand.id}/offers`, { unit: community().unit })).status).toBe(400);
    expect((await community().api.post(`/demands/${demand.id}/offers`, { unit: school().unit })).status).toBe(403);
    const someoneElses = await school().api.post(`/demands/${demand.id}/offers`, { unit: school().unit, resource: canteen.id });
    expect(someoneElses.status).toBe(400);
    const offered = await company().api.post(`/demands/${demand.id}/offers`, { unit: company().unit, resource: canteen.id, note: '可先试点一个月' });
    expect(offered.status).toBe(201);
    const claimed = await school().api.post(`/demands/${demand.id}/offers`, { unit: school().unit });
    expect(claimed.body.offers).toHaveLength(2);
    const offerId = (claimed.body as DemandDetail).offers.find((o) => o.unit.id === company().unit)!.id;
    expect((await company().api.post(`/demands/${demand.id}/offers/${offerId}/accept`)).status).toBe(403);
    const accepted = await community().api.post(`/demands/${demand.id}/offers/${offerId}/accept`);
    expect(accepted.status).toBe(200);
    demand = accepted.body;
    expect(demand).toMatchObject({ status: 'claimed', claimedBy: { id: company().unit }, resource: { id: canteen.id, name: '单位食堂助餐服务' } });
    expect(demand.offers.map((o) => o.status).sort()).toEqual(['accepted', 'declined']);
    const late = await school().api.post(`/demands/${demand.id}/offers`, { unit: school().unit });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
  });

  it('only the claiming unit moves the demand on; 不予受理 needs a reason', async () => {
    expect((await community().api.post(`/demands/${demand.id}/transition`, { transition: 'start' })).status).toBe(403);
    const other = (
      await school().api.post(`${base()}/demands`, { title: '操场夜间照明', category: '安全隐患', unit: school().unit })
    ).body as DemandDetail;
    expect((await school().api.post(`/demands/${other.id}/transition`, { transition: 'reject' })).status).toBe(400);
    const rejected = await f.secretary.post(`/demands/${other.id}/transition`, { transition: 'reject', reason: '属于学校自身职责' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '属于学校自身职责' });
  });

  it('a joint project from the demand with two units and a milestone goes on the meeting agenda', async () => {
    const lead = company();
    const bad = await lead.api.post(`${base()}/projects`, {
      title: '幸福里助餐点',
      leadUnit: lead.unit,
      participants: [{ unit: lead.unit }],
    });
    expect(bad.status).toBe(400);
    const res = await lead.api.post(`${base()}/projects`, {
      title: '幸福里助餐点共建',
      description: '食堂供餐、社区配送',
      leadUnit: lead.unit,
      participants: [{ unit: community().unit, commitment: '提供配送志愿者' }],
      milestones: [{ title: '试点供餐', dueDate: '2027-01-15' }],
      budget: 20000,
      demandId: demand.id,
    });
    expect(res.status).toBe(201);
    const project = res.body as ProjectDetail;
    expect(project).toMatchObject({
      status: 'preparing',
      category: '养老服务',
      leadUnit: { id: lead.unit },
      participants: [{ unit: { id: community().unit }, commitment: '提供配送志愿者' }],
      milestones: [{ title: '试点供餐', dueDate: '2027-01-15', done: false }],
      budget: 20000,
      demand: { id: demand.id, name: '老人助餐' },
    });
    const carried = (await community().api.get(`/demands/${demand.id}`)).body as DemandDetail;
    expect(carried.status).toBe('in_progress');
    expect(carried.projects.map((p) => p.name)).toEqual(['幸福里助餐点共建']);

    const milestone = project.milestones[0]!.id;
    expect((await community().api.patch(`/projects/${project.id}/milestones/${milestone}`, { done: true })).status).toBe(403);
    const done = await lead.api.patch(`/projects/${project.id}/milestones/${milestone}`, { done: true });
    expect(done.body.milestones[0]).toMatchObject({ done: true, doneAt: expect.any(String) });
    const progress = await community().api.post(`/projects/${project.id}/progress`, { text: '招募配送志愿者 12 名' });
    expect(progress.status).toBe(201);
    expect((await lead.api.post(`/projects/${project.id}/transition`, { status: 'completed' })).status).toBe(409);
    expect((await lead.api.post(`/projects/${project.id}/transition`, { status: 'active' })).body.status).toBe('active');

    const put = await lead.api.post(`/projects/${project.id}/agenda`, { meetingId: f.meetingId });
    expect(put.status).toBe(200);
    expect(put.body.agenda).toEqual([{ meeting: { id: f.meetingId, name: '联席会议（测试）' }, itemId: expect.any(String), at: expect.any(String) }]);
    const agenda = await agendaOf(server.ctx.yjs, f.meetingId);
    expect(agenda.at(-1)).toMatchObject({ title: '幸福里助餐点共建', presenterUnit: lead.unit, minutes: 15, status: 'pending' });
    expect((await lead.api.post(`/projects/${project.id}/agenda`, { meetingId: f.meetingId })).status).toBe(409);
    expect((await f.observer.api.post(`/projects/${project.id}/agenda`, { meetingId: f.meetingId })).status).toBe(403);
  });

  it('exports each list as CSV (with a BOM) and Excel, Chinese intact', async () => {
    const csv = await fetch(`${server.url}/api${base()}/demands/export?format=csv`, { headers: { authorization: `Bearer ${community().api.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('序号,需求,需求描述,类别');
    expect(text).toContain('老人助餐');
    expect(text).toContain('群众诉求（王大爷）');

    const xlsx = await fetch(`${server.url}/api${base()}/projects/export?format=xlsx`, { headers: { authorization: `Bearer ${community().api.token}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('项目清单')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('共建项目');
    expect(sheet.getRow(2).getCell(2).value).toBe('幸福里助餐点共建');
    expect(sheet.getRow(2).getCell(9).value).toBe('实施中');

    const filtered = await fetch(`${server.url}/api${base()}/resources/export?format=csv&q=${encodeURIComponent('操场')}`, {
      headers: { authorization: `Bearer ${community().api.token}` },
    });
    const lines = (await filtered.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('学校操场周末开放');
  });

  it('outsiders read nothing; every change is in the audit log', async () => {
    expect((await f.outsider.api.get(`${base()}/demands`)).status).toBe(403);
    expect((await f.outsider.api.get(`/demands/${demand.id}`)).status).toBe(403);
    const log = await f.secretary.get(`${base()}/audit?pageSize=50`);
    const actions = (log.body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['demand.create', 'demand.offer', 'demand.accept', 'resource.create', 'project.create', 'project.agenda', 'lists.setCategories']));
  });
});
