import { startTestApp, type TestApp } from './support/test-app.js';

describe('CA-10 reception rotation through the API', () => {
  let t: TestApp;
  let siteId: string;
  let line: string[];
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  let n = 0;
  const walkIn = async (extra: Record<string, unknown> = {}) =>
    t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: `1371111${String(n++).padStart(4, '0')}`, name: '客户', mentionedAgency: false, ...extra });

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    const extra = [];
    for (const who of ['c3', 'c4']) {
      const res = await t.http().post('/api/v1/users').set(await as('manager')).send({ login: `${who}@demo.sitedesk`, displayName: who, password: 'long-enough-pw', roles: [{ siteId, role: 'consultant' }] });
      extra.push(res.body.id);
    }
    line = [await t.ids.user('consultant'), await t.ids.user('consultant2'), ...extra];
  });
  afterAll(() => t.close());

  it('without a published order, a walk-in is refused with ROTATION_NOT_PUBLISHED and nothing is written', async () => {
    const res = await walkIn();
    expect([res.status, res.body.code]).toEqual([409, 'ROTATION_NOT_PUBLISHED']);
    const [{ c }] = await t.db.query(`SELECT count(*)::int AS c FROM customer`);
    expect(c).toBe(0);
  });

  it('the supervisor publishes the order; consultants may not', async () => {
    expect((await t.http().put('/api/v1/clients/rotation').set(await as('consultant')).send({ siteId, order: line })).status).toBe(403);
    const res = await t.http().put('/api/v1/clients/rotation').set(await as('supervisor')).send({ siteId, order: line });
    expect(res.status).toBe(200);
    expect(res.body.line.map((l: { consultantId: string }) => l.consultantId)).toEqual(line);
    const bad = await t.http().put('/api/v1/clients/rotation').set(await as('supervisor')).send({ siteId, order: [await t.ids.user('cashier')] });
    expect(bad.status).toBe(400);
  });

  it('the first in line receives a walk-in; a busy first keeps the front place', async () => {
    expect((await walkIn()).body.receivedBy).toBe(line[0]);
    const busy = await walkIn({ busy: [line[1]] });
    expect(busy.body.receivedBy).toBe(line[2]);
    const now = (await t.http().get(`/api/v1/clients/rotation?siteId=${siteId}`).set(await as('receptionist'))).body.line.map((l: { consultantId: string }) => l.consultantId);
    expect(now).toEqual([line[1], line[3], line[0], line[2]]);
  });

  it('eight walk-ins registered at once: each of the four consultants receives exactly two', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => walkIn()));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.body.receivedBy, (counts.get(r.body.receivedBy) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2]);
  });

  it('a pass before 30 minutes stood is refused (PASS_TOO_EARLY)', async () => {
    const res = await t.http().post('/api/v1/clients/rotation/pass').set(await as('consultant')).send({ siteId });
    expect([res.status, res.body.code]).toEqual([409, 'PASS_TOO_EARLY']);
  });

  it('a suspended consultant is skipped; nobody suspends themselves', async () => {
    const self = await t.http().post('/api/v1/clients/rotation/suspend').set(await as('supervisor')).send({ siteId, consultantId: await t.ids.user('supervisor'), reason: 'x' });
    expect(self.status).toBe(403);
    const state = (await t.http().get(`/api/v1/clients/rotation?siteId=${siteId}`).set(await as('receptionist'))).body.line;
    const front = state[0].consultantId;
    const res = await t.http().post('/api/v1/clients/rotation/suspend').set(await as('manager')).send({ siteId, consultantId: front, reason: '挑客户接待' });
    expect(res.status).toBe(200);
    expect((await walkIn()).body.receivedBy).not.toBe(front);
  });
});
