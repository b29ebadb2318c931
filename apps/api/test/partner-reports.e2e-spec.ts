import { randomUUID } from 'node:crypto';
import { ApiKeysService } from '../src/platform/auth/api-keys.service.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('partner reports (CA-6, CA-7, CA-15, CA-16; GEN-7)', () => {
  let t: TestApp;
  let siteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const report = async (who: string, phone: string, extra: Record<string, string> = {}) =>
    t.http().post('/api/v1/partner/reports').set(await as(who)).set(extra).send({ siteId, customerName: '王先生', phone, expectedVisitAt: inAnHour() });

  /** An agency with one agent and an API key, made the way an admin would (factory). */
  async function agencyWithKey(name: string): Promise<string> {
    const [org] = await t.db.query(`SELECT organization_id FROM site WHERE id = $1`, [siteId]);
    const [agency] = await t.db.query(`INSERT INTO agency (organization_id, name) VALUES ($1, $2) RETURNING id`, [org.organization_id, name]);
    const [user] = await t.db.query(`INSERT INTO app_user (organization_id, login, display_name, password_hash, agency_id) VALUES ($1, $2, $3, 'x', $4) RETURNING id`, [
      org.organization_id,
      `${randomUUID()}@agency.test`,
      name,
      agency.id,
    ]);
    await t.db.query(`INSERT INTO role_assignment (organization_id, user_id, site_id, role) VALUES ($1, $2, $3, 'partner')`, [org.organization_id, user.id, siteId]);
    const { key } = await t.db.transaction((em) => t.app.get(ApiKeysService).create(em, { organizationId: org.organization_id, userId: user.id, name, createdBy: user.id }));
    return key;
  }

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
  });
  afterAll(() => t.close());

  it('a report is pending with a visit code; phones come back masked', async () => {
    const res = await report('partner', '138 1234 5678');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', phoneMasked: '138****5678', customerName: '王先生' });
    expect(res.body.visitCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('the same customer reported later by another agency is duplicate, without saying who has them', async () => {
    const res = await report('partner2', '13812345678');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'duplicate', visitCode: null });
    expect(JSON.stringify(res.body)).not.toMatch(/North|agency/i);
  });

  it('an agency reads only its own reports; another agency\'s id is a 404', async () => {
    const mine = await t.http().get('/api/v1/partner/reports').set(await as('partner'));
    expect(mine.body.items).toHaveLength(1);
    const theirs = (await t.http().get('/api/v1/partner/reports').set(await as('partner2'))).body.items[0];
    const res = await t.http().get(`/api/v1/partner/reports/${theirs.id}`).set(await as('partner'));
    expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await t.http().get(`/api/v1/partner/reports/${mine.body.items[0].id}`).set(await as('partner'))).status).toBe(200);
  });

  it('replays a report sent again with the same Idempotency-Key, writing once', async () => {
    const body = { siteId, customerName: '孙先生', phone: '13900001111', expectedVisitAt: inAnHour() };
    const send = async () => t.http().post('/api/v1/partner/reports').set(await as('partner')).set('idempotency-key', 'crm-4711').send(body);
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM partner_report WHERE phone = '13900001111'`);
    expect(n).toBe(1);
  });

  it('50 agencies reporting one phone at the same moment: exactly one pending', async () => {
    const keys = await Promise.all(Array.from({ length: 50 }, (_, i) => agencyWithKey(`Agency ${i}`)));
    const results = await Promise.all(
      keys.map((key) => t.http().post('/api/v1/partner/reports').set('x-api-key', key).send({ siteId, customerName: '赵女士', phone: '13700007777', expectedVisitAt: inAnHour() })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.body.status === 'pending')).toHaveLength(1);
    const rows = await t.db.query(`SELECT status, count(*)::int AS n FROM partner_report WHERE phone = '13700007777' GROUP BY status ORDER BY status`);
    expect(rows).toEqual([
      { status: 'duplicate', n: 49 },
      { status: 'pending', n: 1 },
    ]);
  });

  it('CA-15: masked numbers only where the site allows them; a masked report conflicts with an owned customer who fits it', async () => {
    const off = await report('partner', '136****2222');
    expect([off.status, off.body.code]).toEqual([422, 'MASKED_REPORTING_OFF']);
    await t.db.query(`INSERT INTO client_policy (site_id, version, policy) VALUES ($1, 2, '{"maskedReporting": true}')`, [siteId]);
    await t.db.query(
      `INSERT INTO customer (site_id, name, phone, phone_pattern, source, status, owner_id, owner_since, protected_until) VALUES ($1, '钱先生', '13655552222', '136****2222', 'visit', 'owned', $2, now(), now() + interval '30 days')`,
      [siteId, await t.ids.user('consultant')],
    );
    const masked = await report('partner', '136****2222');
    expect(masked.body.status).toBe('duplicate');
    const free = await report('partner', '135****3333');
    expect(free.body).toMatchObject({ status: 'pending', phoneMasked: '135****3333' });
  });

  it('CA-6: a barred agent gets 403 AGENT_BARRED; the rest of the agency still reports', async () => {
    const partner2 = await t.ids.user('partner2');
    await t.db.query(`INSERT INTO barred_agent (site_id, agent_id, reason, barred_by) VALUES ($1, $2, '撬单', $3)`, [siteId, partner2, await t.ids.user('manager')]);
    const res = await report('partner2', '13511112222');
    expect([res.status, res.body.code]).toEqual([403, 'AGENT_BARRED']);
    expect((await report('partner', '13511112222')).status).toBe(201);
  });

  it('staff cannot use the partner API; a partner cannot report to a site it is not on', async () => {
    expect((await report('consultant', '13511113333')).status).toBe(403);
    const service = await t.ids.site('demo-service');
    const res = await t.http().post('/api/v1/partner/reports').set(await as('partner')).send({ siteId: service, customerName: 'x', phone: '13511114444', expectedVisitAt: inAnHour() });
    expect(res.status).toBe(404);
  });

  it('limits an agent to 120 requests a minute (429 with Retry-After)', async () => {
    const h = await as('partner');
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++) statuses.push((await t.http().get('/api/v1/partner/reports?pageSize=1').set(h)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await t.http().get('/api/v1/partner/reports').set(h);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['ratelimit-limit']).toBe('120');
  });
});
