import { shiftAroundNow } from './support/attendance.js';
import { readEvents, startSecondProcess } from './support/second-process.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Live updates across API processes: a clock-in on one process reaches a console streaming from
 * another process, through PostgreSQL LISTEN/NOTIFY.
 */
describe('site events fan out across API processes', () => {
  let a: TestApp;
  let b: Awaited<ReturnType<typeof startSecondProcess>>;
  let bUrl: string;

  beforeAll(async () => {
    a = await startTestApp({ listen: true });
    b = await startSecondProcess(a);
    bUrl = b.url;
  });
  afterAll(async () => {
    await b.stop();
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
    expect(events.some((e) => e.siteId === service)).toBe(false);
  });

  it('a stream of a site the caller holds no role on is a 404; without a token 401', async () => {
    const service = await a.ids.site('demo-service');
    expect((await readEvents(`${bUrl}/api/v1/events?siteId=${service}`, await a.token('consultant'), () => true)).status).toBe(404);
    expect((await readEvents(`${bUrl}/api/v1/events?siteId=${service}`, 'nope', () => true)).status).toBe(401);
  });
});
