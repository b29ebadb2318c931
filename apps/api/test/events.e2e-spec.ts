import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { shiftAroundNow } from './support/attendance.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Reads a server-sent-event stream until `until` sees what it waits for. */
function readEvents(url: string, token: string, until: (events: { type: string; data: Record<string, unknown> }[]) => boolean, timeoutMs = 15_000) {
  return new Promise<{ status: number; events: { type: string; data: Record<string, unknown> }[] }>((resolve, reject) => {
    const events: { type: string; data: Record<string, unknown> }[] = [];
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode!, events });
      }
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
        if (until(events)) {
          req.destroy();
          resolve({ status: 200, events });
        }
      });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve({ status: 200, events });
    }, timeoutMs).unref();
  });
}

/**
 * Live updates across API processes: a clock-in on one process reaches a console streaming from
 * another process, through PostgreSQL LISTEN/NOTIFY.
 */
describe('site events fan out across API processes', () => {
  let a: TestApp;
  let b: ChildProcess;
  let bUrl: string;

  beforeAll(async () => {
    a = await startTestApp({ listen: true });
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawn(process.execPath, [path.resolve('dist/api/main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: a.databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${bUrl}/api/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    b.kill('SIGTERM');
    await new Promise((r) => b.once('exit', r));
    await a.close();
  });

  it('a clock-in on process A reaches the manager streaming from process B; nothing of another site does', async () => {
    const { siteId } = await shiftAroundNow(a, ['consultant']);
    const service = await a.ids.site('demo-service');
    const manager = await a.token('manager');
    const streaming = readEvents(`${bUrl}/api/v1/events?siteId=${siteId}`, manager, (ev) => ev.some((e) => e.type === 'attendance.punch'));
    await new Promise((r) => setTimeout(r, 300)); // the stream is open on B
    const clock = await a.http().post('/api/v1/attendance/clock-in').set('authorization', `Bearer ${await a.token('consultant')}`).send({ siteId });
    expect(clock.status).toBe(201);
    const { status, events } = await streaming;
    expect(status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ siteId, type: 'attendance.punch', data: expect.objectContaining({ userId: await a.ids.user('consultant'), kind: 'in' }) })]);
    expect(events.some((e) => (e as unknown as { siteId: string }).siteId === service)).toBe(false);
  });

  it('a stream of a site the caller holds no role on is a 404; without a token 401', async () => {
    const service = await a.ids.site('demo-service');
    expect((await readEvents(`${bUrl}/api/v1/events?siteId=${service}`, await a.token('consultant'), () => true)).status).toBe(404);
    expect((await readEvents(`${bUrl}/api/v1/events?siteId=${service}`, 'nope', () => true)).status).toBe(401);
  });
});
