import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIST } from '../src/app.js';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const BUILT = fs.existsSync(path.join(CLIENT_DIST, 'index.html'));

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** What every answer carries, whatever it is: page, script, JSON or file. */
function expectHardened(res: Response) {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  // Plain-http intranet installations must keep working.
  expect(csp.has('upgrade-insecure-requests')).toBe(false);
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
  expect(res.headers.get('strict-transport-security')).toBeNull();
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('security headers on every answer', () => {
  let server: TestServer;
  let secretary: ApiClient;
  let allianceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    secretary = await loginAs(server, 'secretary');
    allianceId = (await secretary.get('/me')).body.alliances[0].id as string;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const get = (p: string, token?: string) =>
    fetch(`${server.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it.skipIf(!BUILT)('the app shell and its scripts: no inline script may run, no site may frame it', async () => {
    const shell = await get('/meetings/some/where');
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toMatch(/^text\/html/);
    expectHardened(shell);
    const html = await shell.text();
    // The built shell itself has no inline script or style the policy would block.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);

    const script = /<script[^>]*src="([^"]+)"/.exec(html)![1]!;
    const asset = await get(script);
    expect(asset.status).toBe(200);
    expectHardened(asset);
  });

  it('an API answer that depends on the session is never cached', async () => {
    const me = await get('/api/me', secretary.token);
    expect(me.status).toBe(200);
    expectHardened(me);
    expect(me.headers.get('cache-control')).toBe('no-store');
    // Errors too: a 401 must not be replayed from a cache after logging in.
    const stranger = await get('/api/me');
    expect(stranger.status).toBe(401);
    expect(stranger.headers.get('cache-control')).toBe('no-store');
    expectHardened(stranger);
  });

  it('the exports (the ledger as CSV, the minutes as Markdown, Word and PDF) are never cached', async () => {
    const csv = await get(`/api/alliances/${allianceId}/action-items.csv`, secretary.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expectHardened(csv);

    const past = await secretary.get(`/alliances/${allianceId}/meetings?when=past`);
    const published = (past.body.items as { id: string; status: string }[]).find(
      (m) => m.status === 'minutes_published',
    )!;
    for (const format of ['md', 'docx', 'pdf']) {
      const file = await get(`/api/meetings/${published.id}/minutes.${format}`, secretary.token);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
      expect(file.headers.get('cache-control')).toBe('no-store');
      expectHardened(file);
    }
  });

  it('health is public and not cached either', async () => {
    const health = await get('/api/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    expectHardened(health);
  });
});
