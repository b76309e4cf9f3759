import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordEvidenceSchema, type Evidence } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { evidenceFiles } from '../src/db/evidence.js';
import type { ApiClient } from './support/api.js';
import { tinyPng } from './support/png.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 需求附件 and 吹哨佐证: a unit shows what it needs or what it found on the spot with a photo; the
 * summoned departments show what they did. Same checks as a report's evidence, attached at once,
 * readable by the alliance only.
 */
describe('attachments on demands and whistles', () => {
  const clock = new SettableClock(new Date('2027-03-02T09:00:00+08:00'));
  let server: TestServer;
  let f: RoomFixture;
  let community: ApiClient;
  let leadDept: ApiClient;
  let bystander: ApiClient;
  let demandId: string;
  let whistleId: string;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 3);
    community = f.reps[0]!.api;
    leadDept = f.reps[1]!.api;
    bystander = f.reps[2]!.api;
    const demand = await community.post(`/alliances/${f.allianceId}/demands`, { title: '老人助餐', category: '养老服务', unit: f.reps[0]!.unit });
    expect(demand.status).toBe(201);
    demandId = demand.body.id;
    const whistle = await community.post(`/alliances/${f.allianceId}/whistles`, {
      unit: f.reps[0]!.unit,
      title: '井盖缺失',
      description: '小区门口井盖缺失',
      category: '安全隐患',
      leadUnit: f.reps[1]!.unit,
    });
    expect(whistle.status).toBe(201);
    whistleId = whistle.body.id;
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  async function upload(api: ApiClient, path: string, files: { name: string; data: Buffer }[]) {
    const form = new FormData();
    for (const file of files) form.append('file', new Blob([file.data]), file.name);
    const res = await fetch(`${server.url}/api${path}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${api.token}` }, body: form });
    return { status: res.status, body: (await res.json()) as { files: Evidence[]; error?: { code: string; details?: unknown } } };
  }
  const listed = async (api: ApiClient, path: string) => {
    const res = await api.get(`${path}/evidence`);
    return res.status === 200 ? RecordEvidenceSchema.parse(res.body) : res.status;
  };
  const download = (api: ApiClient, id: string) => fetch(`${server.url}/api/evidence/${id}`, { headers: { authorization: `Bearer ${api.token}` } });

  it('the raising unit adds a photo to its demand; members see it, only the raiser may add', async () => {
    const res = await upload(community, `/demands/${demandId}`, [{ name: '助餐点现场.png', data: tinyPng() }]);
    expect(res.status).toBe(201);
    expect(res.body.files.map((x) => [x.name, x.kind])).toEqual([['助餐点现场.png', 'image']]);

    expect(await listed(community, `/demands/${demandId}`)).toMatchObject({ files: [{ name: '助餐点现场.png' }], canAdd: true });
    expect(await listed(bystander, `/demands/${demandId}`)).toMatchObject({ files: [{ name: '助餐点现场.png' }], canAdd: false });
    expect((await upload(bystander, `/demands/${demandId}`, [{ name: 'x.png', data: tinyPng() }])).status).toBe(403);

    const file = await download(bystander, res.body.files[0]!.id);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(tinyPng())).toBe(true);
    expect((await download(f.outsider.api, res.body.files[0]!.id)).status).toBe(404);
    expect(await listed(f.outsider.api, `/demands/${demandId}`)).toBe(403);
  });

  it('the whistling unit and the lead department add evidence; an uninvolved unit may not', async () => {
    const site = await upload(community, `/whistles/${whistleId}`, [{ name: '井盖现场.png', data: tinyPng() }]);
    expect(site.status).toBe(201);
    const done = await upload(leadDept, `/whistles/${whistleId}`, [{ name: '已补装.png', data: tinyPng() }]);
    expect(done.status).toBe(201);
    expect((await upload(bystander, `/whistles/${whistleId}`, [{ name: 'x.png', data: tinyPng() }])).status).toBe(403);

    const seen = await listed(bystander, `/whistles/${whistleId}`);
    expect(seen).toMatchObject({ files: [{ name: '井盖现场.png' }, { name: '已补装.png' }], canAdd: false });
    expect(await listed(leadDept, `/whistles/${whistleId}`)).toMatchObject({ canAdd: true });
    expect((await download(bystander, done.body.files[0]!.id)).status).toBe(200);
    expect((await download(f.outsider.api, site.body.files[0]!.id)).status).toBe(404);
  });

  it('a file whose bytes are not what its name says is refused, naming it; nothing is stored', async () => {
    const before = await evidenceFiles(server.ctx.db.connection).countDocuments();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(512)]);
    const res = await upload(community, `/whistles/${whistleId}`, [
      { name: '好照片.png', data: tinyPng() },
      { name: '病毒.png', data: exe },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION', details: { file: '病毒.png', reason: 'type' } });
    const demand = await upload(community, `/demands/${demandId}`, [{ name: '说明.pdf', data: Buffer.from('not a pdf') }]);
    expect(demand.body.error?.details).toEqual({ file: '说明.pdf', reason: 'type' });
    expect(await evidenceFiles(server.ctx.db.connection).countDocuments()).toBe(before);
    expect((await listed(community, `/whistles/${whistleId}`)) as { files: unknown[] }).toMatchObject({ files: { length: 2 } });
  });

  it('the audit log says who added which files, in words', async () => {
    const log = await f.secretary.get(`/alliances/${f.allianceId}/audit?pageSize=50`);
    const items = log.body.items as { action: string; changes: { field: string; to?: unknown }[] }[];
    const demand = items.find((e) => e.action === 'demand.attachEvidence');
    expect(demand?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'files' })]));
    expect(JSON.stringify(demand)).toContain('助餐点现场.png');
    expect(items.filter((e) => e.action === 'whistle.attachEvidence')).toHaveLength(2);
  });

  it('a wrong file comes off: its uploader or a secretary removes it, nobody else; members no longer see it; the log says which', async () => {
    const files = (await listed(leadDept, `/whistles/${whistleId}`)) as { files: Evidence[]; canRemove: string[] };
    const [site, done] = files.files as [Evidence, Evidence];
    // Each may remove their own upload (the lead department: its 已补装 photo, not the community's).
    expect(files.canRemove).toEqual([done.id]);
    expect(((await listed(community, `/whistles/${whistleId}`)) as { canRemove: string[] }).canRemove).toEqual([site.id]);
    expect(((await listed(f.secretary, `/whistles/${whistleId}`)) as { canRemove: string[] }).canRemove).toEqual([site.id, done.id]);
    expect(((await listed(bystander, `/whistles/${whistleId}`)) as { canRemove: string[] }).canRemove).toEqual([]);

    expect((await leadDept.delete(`/whistles/${whistleId}/evidence/${site.id}`)).status).toBe(403);
    expect((await bystander.delete(`/whistles/${whistleId}/evidence/${done.id}`)).status).toBe(403);
    // A file of another record, or no file at all, is not found through this one.
    expect((await community.delete(`/demands/${demandId}/evidence/${site.id}`)).status).toBe(404);
    expect((await community.delete(`/whistles/${whistleId}/evidence/nonsense`)).status).toBe(404);

    expect((await leadDept.delete(`/whistles/${whistleId}/evidence/${done.id}`)).status).toBe(204);
    expect(await listed(bystander, `/whistles/${whistleId}`)).toMatchObject({ files: [{ name: '井盖现场.png' }] });
    expect((await download(bystander, done.id)).status).toBe(404);
    // Twice is not found: it is gone from the record.
    expect((await leadDept.delete(`/whistles/${whistleId}/evidence/${done.id}`)).status).toBe(404);
    // A secretary removes the community's photo from the demand.
    const demandFile = ((await listed(community, `/demands/${demandId}`)) as { files: Evidence[] }).files[0]!;
    expect((await f.secretary.delete(`/demands/${demandId}/evidence/${demandFile.id}`)).status).toBe(204);
    expect(await listed(community, `/demands/${demandId}`)).toMatchObject({ files: [] });

    const log = await f.secretary.get(`/alliances/${f.allianceId}/audit?pageSize=50`);
    const items = log.body.items as { action: string }[];
    const removed = items.find((e) => e.action === 'whistle.removeEvidence');
    expect(JSON.stringify(removed)).toContain('已补装.png');
    expect(JSON.stringify(items.find((e) => e.action === 'demand.removeEvidence'))).toContain('助餐点现场.png');
  });
});
