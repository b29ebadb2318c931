import { makeCustomer, makeUnit } from './support/reservation.js';
import { readEvents, startSecondProcess } from './support/second-process.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * RES-2 live sales board: a hold and a release made on API process A reach a consultant's console
 * streaming from process B, in order (pg_notify + SSE); nothing reaches another site's stream. How fast
 * is measured by the benchmarks, not here.
 */
describe('RES-2 the live sales board across API processes', () => {
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

  it('a hold and its release on process A reach the consultant streaming from process B, in order', async () => {
    const siteId = await a.ids.site('demo-sales');
    const unitId = await makeUnit(a, siteId, 'EV-1');
    const customerId = await makeCustomer(a, siteId);
    const manager = { authorization: `Bearer ${await a.token('manager')}` };
    const consultant = await a.token('consultant');
    const serviceStream = readEvents(`${bUrl}/api/v1/events?siteId=${await a.ids.site('demo-service')}`, await a.token('cs_agent'), () => false, 3_000);
    const streaming = readEvents(`${bUrl}/api/v1/events?siteId=${siteId}`, consultant, (ev) => ev.some((e) => e.type === 'reservation.unit' && e.data.change === 'release'));
    await new Promise((r) => setTimeout(r, 300)); // the streams are open on B
    const held = await a.http().post(`/api/v1/units/${unitId}/holds`).set(manager).send({ customerId });
    expect(held.status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    expect((await a.http().post(`/api/v1/unit-orders/${held.body.id}/release`).set(manager).send({ reason: '客户放弃' })).status).toBe(200);
    const { status, events } = await streaming;
    expect(status).toBe(200);
    const mine = events.filter((e) => e.type === 'reservation.unit' && e.data.unitId === unitId);
    expect(mine.map((e) => e.data)).toEqual([
      { unitId, orderId: held.body.id, change: 'hold', status: 'held' },
      { unitId, orderId: held.body.id, change: 'release', status: 'available' },
    ]);
    expect((await serviceStream).events.filter((e) => e.type === 'reservation.unit')).toEqual([]);
  });
});
