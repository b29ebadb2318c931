import { playDemoStory } from '../src/database/seeds/demo-story.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** `npm start`'s demo story goes through the real API: when an endpoint changes, this test says so. */
describe('the demo story', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ listen: true })));
  afterAll(() => t?.close());

  it('fills every module through the API once, audited like a person’s work, and is not told twice', async () => {
    const logged: string[] = [];
    expect(await playDemoStory(t.url, (m) => logged.push(m))).toBe(true);
    expect(logged).toHaveLength(1);
    const count = async (sql: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`))[0].n as number;
    expect(await count(`customer c JOIN site s ON s.id = c.site_id WHERE s.code = 'demo-sales'`)).toBe(8);
    expect(await count(`partner_report`)).toBe(3);
    expect(await count(`complaint`)).toBe(3);
    expect(await count(`repair_order`)).toBe(3);
    expect(await count(`service_appointment`)).toBe(2);
    expect(await count(`repair_ticket`)).toBe(1);
    expect(await count(`leave_request WHERE status = 'pending'`)).toBe(1);
    // The work went through the services: each step left its audit event.
    expect(await count(`audit_event WHERE action LIKE 'complaint.%'`)).toBeGreaterThanOrEqual(5);
    expect(await count(`audit_event WHERE action LIKE 'repair_order.%'`)).toBeGreaterThanOrEqual(8);
    // The manager's console shows it: a unit held and one subscribed on the sales board.
    const manager = `Bearer ${await t.token('manager')}`;
    const units = async (status: string) => (await t.http().get(`/api/v1/units?siteId=${await t.ids.site('demo-sales')}&status=${status}`).set('authorization', manager)).body.items;
    expect([(await units('held')).length, (await units('subscribed')).length]).toEqual([1, 1]);

    expect(await playDemoStory(t.url)).toBe(false);
    expect(await count(`customer`)).toBe(8);
  });
});
