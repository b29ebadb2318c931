import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

describe('the console served by the API', () => {
  let t: TestApp;
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'sitedesk-console-'));
  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>SiteDesk</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    t = await startTestApp({ adminDist: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, also ones that start with "api"', async () => {
    for (const url of ['/', '/attendance/rota', '/api-keys', '/apiary']) {
      const res = await t.http().get(url);
      expect([url, res.status, res.headers['content-type']]).toEqual([url, 200, 'text/html; charset=utf-8']);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await t.http().get('/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('answers unknown API paths with a problem, never the page', async () => {
    for (const url of ['/api', '/api/nope', '/api/v1/nope', '/api?x=1']) {
      const res = await t.http().get(url);
      expect([url, res.status, isProblem(res)]).toEqual([url, 404, true]);
    }
  });
});
