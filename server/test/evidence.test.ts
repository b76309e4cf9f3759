import { Document, Packer, Paragraph } from 'docx';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDetail, Evidence } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { evidenceFiles } from '../src/db/evidence.js';
import type { ApiClient } from './support/api.js';
import { tinyPng } from './support/png.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 佐证材料: files a unit attaches to its progress report, checked by their bytes, kept in GridFS
 * and shown only to readers of the alliance; and 配合单位分工, where each cooperating unit reports
 * on its own part.
 */
describe('evidence and cooperating units’ parts', () => {
  const clock = new SettableClock(new Date('2027-03-01T09:00:00+08:00'));
  let server: TestServer;
  let f: RoomFixture;
  let itemId: string;
  let lead: ApiClient;
  let cooperating: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 3);
    lead = f.reps[1]!.api;
    cooperating = f.reps[2]!.api;
    other = f.reps[0]!.api;
    const created = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      title: '老旧小区雨污分流改造',
      leadUnit: f.reps[1]!.unit,
      cooperatingUnits: [f.reps[2]!.unit],
      responsiblePerson: '王建国',
      dueDate: '2027-09-30',
    });
    expect(created.status).toBe(201);
    itemId = created.body.id;
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  async function upload(api: ApiClient, files: { name: string; data: Buffer; type?: string }[]) {
    const form = new FormData();
    for (const file of files) form.append('file', new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
    const res = await fetch(`${server.url}/api/action-items/${itemId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as { files: Evidence[] } & { error?: { code: string; details?: { file: string; reason: string } } } };
  }

  const download = (api: ApiClient | null, id: string) =>
    fetch(`${server.url}/api/evidence/${id}`, { headers: api ? { authorization: `Bearer ${api.token}` } : {} });

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  let docx: Buffer;
  let photo: Evidence;

  it('the lead unit uploads a photo, a PDF and a Word file; each is typed by its bytes', async () => {
    docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改台账')] }] }));
    const res = await upload(lead, [
      { name: '现场照片（一）.png', data: tinyPng(), type: 'image/png' },
      { name: '验收报告.pdf', data: pdf, type: 'application/pdf' },
      // The browser's word for the type is ignored: the bytes decide.
      { name: '整改方案.docx', data: docx, type: 'text/plain' },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.files.map((x) => [x.name, x.kind, x.contentType])).toEqual([
      ['现场照片（一）.png', 'image', 'image/png'],
      ['验收报告.pdf', 'pdf', 'application/pdf'],
      ['整改方案.docx', 'word', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    photo = res.body.files[0]!;
    expect(photo.size).toBe(tinyPng().length);
  });

  it('a .png whose bytes are a program is refused, naming the file; nothing is stored', async () => {
    const before = await evidenceFiles(server.ctx.db.connection).countDocuments();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(512)]);
    const res = await upload(lead, [
      { name: '照片.jpg', data: Buffer.from('not a jpeg at all'), type: 'image/jpeg' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual({ file: '照片.jpg', reason: 'type' });
    const disguised = await upload(lead, [
      { name: '好照片.png', data: tinyPng() },
      { name: '病毒.png', data: exe, type: 'image/png' },
    ]);
    expect(disguised.status).toBe(400);
    expect(disguised.body.error).toMatchObject({ code: 'VALIDATION', details: { file: '病毒.png', reason: 'type' } });
    expect(disguised.body.error?.details?.file).toBe('病毒.png');
    // A PDF dressed up as a photo is refused too: the name must agree with the bytes.
    expect((await upload(lead, [{ name: 'scan.png', data: pdf }])).body.error?.details).toEqual({ file: 'scan.png', reason: 'type' });
    expect(await evidenceFiles(server.ctx.db.connection).countDocuments()).toBe(before);
  });

  it('a file over 10 MB is refused while it streams in, and a seventh file too', async () => {
    const before = await evidenceFiles(server.ctx.db.connection).countDocuments();
    const big = Buffer.concat([tinyPng(), Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(lead, [{ name: '航拍.png', data: big, type: 'image/png' }]);
    expect(res.status).toBe(400);
    expect(res.body.error?.details).toEqual({ file: '航拍.png', reason: 'tooLarge' });
    const seven = Array.from({ length: 7 }, (_, n) => ({ name: `p${n}.png`, data: tinyPng() }));
    const many = await upload(lead, seven);
    expect(many.status).toBe(400);
    expect(many.body.error?.details).toMatchObject({ reason: 'tooMany' });
    expect(await evidenceFiles(server.ctx.db.connection).countDocuments()).toBe(before);
  }, 60_000);

  it('a unit with no part in the item cannot upload for it', async () => {
    const res = await upload(other, [{ name: 'a.png', data: tinyPng() }]);
    expect(res.status).toBe(403);
  });

  it('until a report carries it, an upload is its uploader’s alone', async () => {
    expect((await download(lead, photo.id)).status).toBe(200);
    expect((await download(f.secretary, photo.id)).status).toBe(404);
  });

  let uploaded: Evidence[];
  it('the report carries the uploads; the timeline lists them', async () => {
    uploaded = (await upload(lead, [
      { name: '现场照片（二）.png', data: tinyPng(20, 20) },
      { name: '验收报告.pdf', data: pdf },
    ])).body.files;
    // Someone else's upload, or one that does not exist, cannot be attached; the report is refused whole.
    const part = f.reps[2]!.unit;
    const theirs = await cooperating.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '借用', percent: 5, attachments: [photo.id] });
    expect(theirs.status).toBe(400);
    const unknown = await lead.post(`/action-items/${itemId}/progress`, { text: '完成一期', percent: 30, attachments: [photo.id, 'ffffffffffffffffffffffff'] });
    expect(unknown.status).toBe(400);
    expect((await lead.get(`/action-items/${itemId}`)).body.progress).toHaveLength(0);
    const res = await lead.post(`/action-items/${itemId}/progress`, {
      text: '完成一期管网改造，附现场照片与验收报告',
      percent: 40,
      attachments: [photo.id, uploaded[1]!.id],
    });
    expect(res.status).toBe(201);
    const item = res.body as ActionItemDetail;
    expect(item.progress).toHaveLength(1);
    expect(item.progress[0]!.attachments.map((a) => a.name)).toEqual(['现场照片（一）.png', '验收报告.pdf']);
    // Attached once only.
    const again = await lead.post(`/action-items/${itemId}/progress`, { text: '再报', percent: 41, attachments: [photo.id] });
    expect(again.status).toBe(400);
    const audit = await server.ctx.db.models.AuditEvent.findOne({ targetId: itemId, action: 'actionItem.progress' }).lean();
    expect(audit?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'attachments', after: 2 })]));
  });

  it('readers of the alliance open it, with the Chinese name intact; anyone else gets 404', async () => {
    const res = await download(f.secretary, photo.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition.startsWith('inline;')).toBe(true);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('现场照片（一）.png');
    expect(Buffer.from(await res.arrayBuffer()).equals(tinyPng())).toBe(true);

    const report = await download(other, uploaded[1]!.id);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-disposition')).toMatch(/^attachment;/);

    expect((await download(f.outsider.api, photo.id)).status).toBe(404);
    expect((await download(null, photo.id)).status).toBe(401);
    expect((await download(f.secretary, 'ffffffffffffffffffffffff')).status).toBe(404);
  });

  it('a cooperating unit reports on its own part; the lead’s summary is untouched', async () => {
    const part = f.reps[2]!.unit;
    const res = await cooperating.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '完成沿街 3 处管线迁改', percent: 60 });
    expect(res.status).toBe(201);
    const item = res.body as ActionItemDetail;
    expect(item.percent).toBe(40);
    expect(item.progress).toHaveLength(1);
    expect(item.parts).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ id: part }), percent: 60, responsiblePerson: null, lastReportAt: expect.any(String) }),
    ]);
    expect(item.parts[0]!.entries.map((e) => e.text)).toEqual(['完成沿街 3 处管线迁改']);
    expect(item.can.reportParts).toEqual([part]);
    const audit = await server.ctx.db.models.AuditEvent.findOne({ targetId: itemId, action: 'actionItem.reportPart' }).lean();
    expect(audit).toBeTruthy();
  });

  it('another unit — even the lead — cannot report on that part', async () => {
    const part = f.reps[2]!.unit;
    expect((await other.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '代报', percent: 90 })).status).toBe(403);
    expect((await lead.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '代报', percent: 90 })).status).toBe(403);
    // The lead unit is not a cooperating unit of its own item.
    expect((await lead.post(`/action-items/${itemId}/parts/${f.reps[1]!.unit}/progress`, { text: 'x', percent: 1 })).status).toBe(404);
    expect((await cooperating.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '', percent: 101 })).status).toBe(400);
  });

  it('the part carries evidence of its own', async () => {
    const part = f.reps[2]!.unit;
    const files = (await upload(cooperating, [{ name: '迁改前后对比.png', data: tinyPng(30, 30, [40, 120, 200]) }])).body.files;
    const res = await cooperating.post(`/action-items/${itemId}/parts/${part}/progress`, { text: '迁改完成', percent: 100, attachments: [files[0]!.id] });
    expect(res.status).toBe(201);
    expect((res.body as ActionItemDetail).parts[0]!.entries[1]!.attachments[0]!.name).toBe('迁改前后对比.png');
  });

  it('the unit or a supervisor names the part’s responsible person; others may not', async () => {
    const part = f.reps[2]!.unit;
    const own = await cooperating.patch(`/action-items/${itemId}/parts/${part}`, { responsiblePerson: '赵磊' });
    expect(own.status).toBe(200);
    expect((own.body as ActionItemDetail).parts[0]!.responsiblePerson).toBe('赵磊');
    const bySecretary = await f.secretary.patch(`/action-items/${itemId}/parts/${part}`, { responsiblePerson: '钱敏' });
    expect(bySecretary.status).toBe(200);
    expect((await other.patch(`/action-items/${itemId}/parts/${part}`, { responsiblePerson: '孙' })).status).toBe(403);
    expect((await cooperating.patch(`/action-items/${itemId}/parts/${part}`, { responsiblePerson: '' })).status).toBe(400);
    const view = (await f.secretary.get(`/action-items/${itemId}`)).body as ActionItemDetail;
    expect(view.parts[0]).toMatchObject({ responsiblePerson: '钱敏', percent: 100 });
    expect(view.can.partResponsible).toEqual([part]);
  });

  it('uploads no report took up are swept after a day', async () => {
    const stray = (await upload(lead, [{ name: '草稿.png', data: tinyPng() }])).body.files[0]!;
    clock.advance(25 * 3600_000);
    await upload(lead, [{ name: '新的.png', data: tinyPng() }]);
    expect((await download(lead, stray.id)).status).toBe(404);
    const chunks = server.ctx.db.connection.db!.collection('evidence.chunks');
    expect(await chunks.countDocuments({ files_id: new Types.ObjectId(stray.id) })).toBe(0);
    // Attached files stay.
    expect((await download(lead, photo.id)).status).toBe(200);
  });
});
