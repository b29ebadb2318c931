import { makeCustomer, makeUnit, makeUsers } from './support/reservation.js';
import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

/**
 * RES-3: no unit is ever sold twice. A hundred managers' holds for one unit, at once, from different
 * managers for different customers: exactly one succeeds, and the database holds one active order.
 */
describe('RES-3 one active hold per unit under concurrent requests', () => {
  let t: TestApp;
  let siteId: string;
  const MANAGERS = Array.from({ length: 10 }, (_, i) => `res-manager-${i}`);

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    await makeUsers(t, siteId, 'manager', MANAGERS);
    for (const m of ['manager', ...MANAGERS]) await t.token(m);
  });
  afterAll(() => t.close());

  it('100 parallel holds for one unit → exactly one 201, 99 × 409 UNIT_NOT_AVAILABLE, one active hold in the database', async () => {
    const unitId = await makeUnit(t, siteId, 'RACE-1');
    const customers = await Promise.all(Array.from({ length: 100 }, (_, i) => makeCustomer(t, siteId, `客户${i}`)));
    const tokens = await Promise.all([...MANAGERS, 'manager'].map((m) => t.token(m)));
    const results = await Promise.all(
      customers.map((customerId, i) =>
        t
          .http()
          .post(`/api/v1/units/${unitId}/holds`)
          .set('authorization', `Bearer ${tokens[i % tokens.length]}`)
          .send({ customerId }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'UNIT_NOT_AVAILABLE' && isProblem(r))).toBe(true);
    const active = await t.db.query(`SELECT id, customer_id FROM unit_order WHERE unit_id = $1 AND status IN ('held', 'subscribed', 'deposited', 'contracted')`, [unitId]);
    expect(active).toHaveLength(1);
    const winner = results.find((r) => r.status === 201)!;
    expect(active[0].id).toBe(winner.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM unit_order WHERE unit_id = $1`, [unitId]);
    expect(n).toBe(1);
  });

  it('the partial unique index refuses a second active order even without the application (RES-3 in the database)', async () => {
    const unitId = await makeUnit(t, siteId, 'RACE-2');
    const manager = await t.ids.user('manager');
    const insert = (customerId: string) =>
      t.db.query(`INSERT INTO unit_order (site_id, unit_id, customer_id, status, held_by, held_at, list_price_fen) VALUES ($1, $2, $3, 'held', $4, now(), 1)`, [siteId, unitId, customerId, manager]);
    await insert(await makeCustomer(t, siteId));
    await expect(insert(await makeCustomer(t, siteId))).rejects.toThrow(/UQ_unit_order_active/);
  });
});
