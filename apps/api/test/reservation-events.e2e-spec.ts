import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { makeCustomer, makeUnit } from './support/reservation.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/test-app.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

type Ev = { siteId: string; type: string; data: Record<string, unknown>; at: string };

/** Reads a server-sent-event stream until `until` sees what it waits for. */
function readEvents(url: string, token: string, until: (events: Ev[]) => boolean, timeoutMs = 15_000) {
  return new Promise<{ status: number; events: Ev[]; receivedAt: number[] }>((resolve, reject) => {
    const events: Ev[] = [];
    const receivedAt: number[] = [];
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode!, events, receivedAt });
      }
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) {
            events.push(JSON.parse(data.slice(6)));
            receivedAt.push(Date.now());
          }
        }
        if (until(events)) {
          req.destroy();
          resolve({ status: 200, events, receivedAt });
        }
      });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve({ status: 200, events, receivedAt });
    }, timeoutMs).unref();
  });
}

/**
 * RES-2 live sales board: a hold and a release made on API process A reach a consultant's console
 * streaming from process B within a second (pg_notify + SSE); nothing reaches another site's stream.
 */
describe('RES-2 the live sales board across API processes', () => {
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

  it('a hold and its release on process A reach the consultant streaming from process B within a second', async () => {
    const siteId = await a.ids.site('demo-sales');
    const unitId = await makeUnit(a, siteId, 'EV-1');
    const customerId = await makeCustomer(a, siteId);
    const manager = { authorization: `Bearer ${await a.token('manager')}` };
    const consultant = await a.token('consultant');
    const serviceStream = readEvents(`${bUrl}/api/v1/events?siteId=${await a.ids.site('demo-service')}`, await a.token('cs_agent'), () => false, 3_000);
    const streaming = readEvents(`${bUrl}/api/v1/events?siteId=${siteId}`, consultant, (ev) => ev.some((e) => e.type === 'reservation.unit' && e.data.change === 'release'));
    await new Promise((r) => setTimeout(r, 300)); // the streams are open on B
    const sentHold = Date.now();
    const held = await a.http().post(`/api/v1/units/${unitId}/holds`).set(manager).send({ customerId });
    expect(held.status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    const sentRelease = Date.now();
    expect((await a.http().post(`/api/v1/unit-orders/${held.body.id}/release`).set(manager).send({ reason: '客户放弃' })).status).toBe(200);
    const { status, events, receivedAt } = await streaming;
    expect(status).toBe(200);
    const mine = events.map((e, i) => ({ e, at: receivedAt[i] })).filter(({ e }) => e.type === 'reservation.unit' && e.data.unitId === unitId);
    expect(mine.map(({ e }) => e.data)).toEqual([
      { unitId, orderId: held.body.id, change: 'hold', status: 'held' },
      { unitId, orderId: held.body.id, change: 'release', status: 'available' },
    ]);
    expect(mine[0].at - sentHold).toBeLessThan(1000);
    expect(mine[1].at - sentRelease).toBeLessThan(1000);
    expect((await serviceStream).events.filter((e) => e.type === 'reservation.unit')).toEqual([]);
  });
});
