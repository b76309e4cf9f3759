import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from './support/api.js';
import { startServerProcess } from './support/process.js';
import type { TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** The server as its own process on a fixed port, so clients can reconnect to it after a crash. */
const start = (port: number, dataDir: string) =>
  startServerProcess({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });

describe('a crash in the middle of drafting', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('after SIGKILL, stored edits are there and a client that kept newer ones restores them on reconnect', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-crash-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = { url: `http://127.0.0.1:${port}` } as TestServer;
    let proc = await start(port, dataDir);

    const login = await request(server, 'POST', '/auth/token', { login: 'secretary', password: 'tongxin-demo' });
    const token = login.body.token as string;
    const auth = { authorization: `Bearer ${token}` };
    const me = await request(server, 'GET', '/me', undefined, auth);
    const meetings = await request(
      server,
      'GET',
      `/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`,
      undefined,
      auth,
    );
    const decision = await request(
      server,
      'POST',
      `/meetings/${meetings.body.items[0].id}/decisions`,
      { title: '断电测试' },
      auth,
    );
    const name = decision.body.docName as string;

    const writer = await openDoc(server, name, token);
    writeParagraphs(writer.doc, ['早已保存的条款。']);
    // Past the maximum batching delay (1 s): this paragraph is in MongoDB.
    await new Promise((r) => setTimeout(r, 1_500));
    writeParagraphs(writer.doc, ['崩溃前一刻写下的条款。']);
    proc.child.kill('SIGKILL');
    await proc.exit;

    proc = await start(port, dataDir);
    try {
      // A newcomer sees at least what was stored before the crash.
      const newcomer = await openDoc(server, name, token);
      expect(fragmentText(newcomer.doc)).toContain('早已保存的条款。');
      // The writer's provider reconnects by itself and sends what the server lacks.
      await until(
        () => fragmentText(newcomer.doc).includes('崩溃前一刻写下的条款。'),
        'the writer to restore its edit',
        20_000,
      );
      newcomer.close();
      writer.close();
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exit;
    }
  });
});
