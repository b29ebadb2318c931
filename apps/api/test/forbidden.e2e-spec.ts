import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * GEN-7 forbidden paths, endpoint by endpoint: the wrong role answers 403, another site's object or
 * site answers 404 (never its data), and nothing is written either way.
 */
describe('GEN-7 forbidden paths of the module endpoints', () => {
  let t: TestApp;
  let sales: string;
  const ids: Record<string, string> = {};
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });

  beforeAll(async () => {
    t = await startTestApp();
    sales = await t.ids.site('demo-sales');
    const consultant = await t.ids.user('consultant');
    ids.discipline = (await t.http().post('/api/v1/discipline').set(await as('manager')).send({ siteId: sales, userId: consultant, kind: 'fine', ruleId: 'ATT-11', amountFen: 100, evidence: 'x' })).body.id;
    ids.blackout = (await t.http().post('/api/v1/attendance/blackout-days').set(await as('clerk')).send({ siteId: sales, date: '2030-10-01', kind: 'holiday', name: '国庆' })).body.id;
    ids.kiosk = (await t.http().post('/api/v1/attendance/kiosks').set(await as('manager')).send({ siteId: sales, name: 'k' })).body.id;
    ids.leave = (await t.http().post('/api/v1/attendance/leave-requests').set(await as('consultant')).send({ siteId: sales, type: 'annual', from: '2030-04-10T00:00:00Z', to: '2030-04-10T12:00:00Z', reason: 'x' })).body.id;
    ids.customer = (await t.http().post('/api/v1/clients/calls').set(await as('consultant')).send({ siteId: sales, phone: '13812349999', name: '王' })).body.customerId;
    ids.clerk = await t.ids.user('clerk');
    ids.consultant = consultant;
  });
  afterAll(() => t.close());

  const cases: [string, string, string, (i: Record<string, string>, site: string) => string, (i: Record<string, string>, site: string) => object | undefined, number][] = [
    // another site's manager
    ['service_manager', 'post', 'void a discipline entry', (i) => `/api/v1/discipline/${i.discipline}/void`, () => ({ reason: 'x' }), 404],
    ['service_manager', 'delete', 'remove a blackout day', (i) => `/api/v1/attendance/blackout-days/${i.blackout}`, () => undefined, 404],
    ['service_manager', 'post', 'revoke a kiosk', (i) => `/api/v1/attendance/kiosks/${i.kiosk}/revoke`, () => ({}), 404],
    ['service_manager', 'post', 'record a certificate', (i) => `/api/v1/attendance/leave-requests/${i.leave}/certificate`, () => ({}), 404],
    ['service_manager', 'patch', 'rename a user of another site', (i) => `/api/v1/users/${i.clerk}`, () => ({ displayName: 'x' }), 404],
    ['service_manager', 'get', 'read a customer', (i) => `/api/v1/clients/customers/${i.customer}`, () => undefined, 404],
    ['service_manager', 'get', 'read the rotation', (_i, s) => `/api/v1/clients/rotation?siteId=${s}`, () => undefined, 404],
    ['service_manager', 'get', 'read the monthly report', (_i, s) => `/api/v1/attendance/reports/monthly?siteId=${s}&month=2026-03`, () => undefined, 404],
    ['service_manager', 'post', 'correct a punch', (i, s) => '/api/v1/attendance/corrections', (i, s) => ({ siteId: s, userId: i.consultant, kind: 'in', at: '2026-03-02T00:30:00Z', reason: 'x' }), 404],
    ['service_advisor', 'get', 'look a phone up', (_i, s) => `/api/v1/clients/lookup?siteId=${s}&phone=13812349999`, () => undefined, 404],
    ['partner', 'get', 'read attendance days', (_i, s) => `/api/v1/attendance/days?siteId=${s}&from=2026-03-01&to=2026-03-02`, () => undefined, 403],
    // the wrong role on the right site
    ['consultant', 'post', 'record an evening meeting', () => '/api/v1/attendance/evening-meetings', (_i, s) => ({ siteId: s, date: '2026-03-02', endedAt: '2026-03-02T10:10:00Z' }), 403],
    ['consultant', 'post', 'record an incident', () => '/api/v1/attendance/incidents', (i, s) => ({ siteId: s, userId: i.clerk, date: '2026-03-02', kind: 'left_post', note: 'x' }), 403],
    ['consultant', 'post', 'register a kiosk', () => '/api/v1/attendance/kiosks', (_i, s) => ({ siteId: s, name: 'x' }), 403],
    ['consultant', 'post', 'submit the month', () => '/api/v1/attendance/reports/monthly/submit', (_i, s) => ({ siteId: s, month: '2026-03' }), 403],
    ['consultant', 'put', 'publish a policy', () => '/api/v1/attendance/policy', () => ({}), 403],
    ['consultant', 'get', 'read the SMS outbox', (_i, s) => `/api/v1/clients/sms?siteId=${s}`, () => undefined, 403],
    ['consultant', 'put', 'publish the rotation', () => '/api/v1/clients/rotation', (i, s) => ({ siteId: s, order: [i.consultant] }), 403],
    ['consultant2', 'get', "read a colleague's customer", (i) => `/api/v1/clients/customers/${i.customer}`, () => undefined, 404],
    ['consultant2', 'post', "cancel a colleague's leave", (i) => `/api/v1/attendance/leave-requests/${i.leave}/cancel`, () => ({}), 404],
    ['receptionist', 'get', 'read the kiosks', (_i, s) => `/api/v1/attendance/kiosks?siteId=${s}`, () => undefined, 403],
    ['manager', 'patch', 'change a site', () => `/api/v1/sites/00000000-0000-4000-8000-000000000000`, () => ({ name: 'x' }), 403],
  ];

  it.each(cases)('%s cannot %s: %s', async (who, method, _what, url, body, status) => {
    const headers = await as(who); // signing in is audited: before counting
    const before = await t.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    const req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url(ids, sales)).set(headers);
    const b = body(ids, sales);
    const res = b === undefined ? await req : await req.send(b);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const after = await t.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(after).toEqual(before);
  });
});
