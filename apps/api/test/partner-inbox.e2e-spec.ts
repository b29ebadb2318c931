import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("the site's partner-report inbox and consultants (CA-6, CA-10, CA-16; GEN-7)", () => {
  let t: TestApp;
  let siteId: string;
  let serviceSiteId: string;
  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });
  const report = async (who: string, customerName: string, phone: string, expectedVisitAt = inHours(1)) =>
    t.http().post('/api/v1/partner/reports').set(await as(who)).send({ siteId, customerName, phone, expectedVisitAt });
  const inbox = async (who: string, query: Record<string, string | number> = {}) =>
    t.http().get('/api/v1/clients/partner-reports').query({ siteId, ...query }).set(await as(who));

  beforeAll(async () => {
    t = await startTestApp();
    siteId = await t.ids.site('demo-sales');
    serviceSiteId = await t.ids.site('demo-service');
    expect((await report('partner', '王先生', '13812345678')).body.status).toBe('pending');
    expect((await report('partner2', '王先生', '13812345678')).body.status).toBe('duplicate');
    expect((await report('partner2', '赵女士', '13900001111', inHours(30))).body.status).toBe('pending');
  });
  afterAll(() => t.close());

  it('the receptionist reads every agency\'s reports of the site, newest first, phones masked and without visit codes', async () => {
    const res = await inbox('receptionist');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((r: { customerName: string }) => r.customerName)).toEqual(['赵女士', '王先生', '王先生']);
    const [zhao, dup] = res.body.items;
    expect(zhao).toMatchObject({ status: 'pending', agencyName: 'South Channel', agentName: 'South Channel 经纪人', phoneMasked: '139****1111', visitedAt: null });
    expect(dup).toMatchObject({ status: 'duplicate', agencyName: 'South Channel' });
    const body = JSON.stringify(res.body);
    expect(body).not.toContain('13812345678');
    expect(body).not.toContain('visitCode');
    const [{ codes }] = await t.db.query(`SELECT array_agg(visit_code) AS codes FROM partner_report WHERE site_id = $1`, [siteId]);
    for (const code of codes) expect(body).not.toContain(code);
  });

  it('filters by status, agency, name, phone and expected day; pages', async () => {
    expect((await inbox('manager', { status: 'duplicate' })).body.items.map((r: { status: string }) => r.status)).toEqual(['duplicate']);
    const [north] = await t.db.query(`SELECT id FROM agency WHERE name = 'North Channel'`);
    const byAgency = await inbox('manager', { agencyId: north.id });
    expect(byAgency.body.items.map((r: { agencyName: string }) => r.agencyName)).toEqual(['North Channel']);
    expect((await inbox('supervisor', { q: '赵' })).body.total).toBe(1);
    expect((await inbox('receptionist', { q: '138 1234 5678' })).body.total).toBe(2);
    expect((await inbox('receptionist', { q: '1111' })).body.total).toBe(1);
    expect((await inbox('receptionist', { q: '13700000000' })).body.total).toBe(0);
    const tomorrow = new Date(Date.now() + 30 * 3_600_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    expect((await inbox('receptionist', { expectedFrom: tomorrow, expectedTo: tomorrow })).body.items.map((r: { customerName: string }) => r.customerName)).toEqual(['赵女士']);
    const second = await inbox('receptionist', { pageSize: 2, page: 2 });
    expect([second.body.total, second.body.items.length, second.body.page]).toEqual([3, 1, 2]);
  });

  it('an expired pending report reads as expired', async () => {
    await t.db.query(`UPDATE partner_report SET expires_at = now() - interval '1 minute' WHERE customer_name = '赵女士'`);
    expect((await inbox('receptionist', { status: 'expired' })).body.items.map((r: { customerName: string }) => r.customerName)).toEqual(['赵女士']);
    expect((await inbox('receptionist', { status: 'pending' })).body.items.map((r: { customerName: string }) => r.customerName)).toEqual(['王先生']);
  });

  it('consultants and partners are refused (403); another site is a 404; bad filters are 400 problems', async () => {
    for (const who of ['consultant', 'partner', 'cashier']) expect((await inbox(who)).status).toBe(403);
    const foreign = await t.http().get('/api/v1/clients/partner-reports').query({ siteId }).set(await as('service_manager'));
    expect(foreign.status).toBe(404);
    const own = await t.http().get('/api/v1/clients/partner-reports').query({ siteId: serviceSiteId }).set(await as('service_advisor'));
    expect(own.status).toBe(403);
    for (const query of <Record<string, string | number>[]>[{ status: 'won' }, { expectedFrom: '2026-02-30' }, { expectedTo: 'tomorrow' }, { agencyId: 'x' }, { pageSize: 1000 }, { q: 'x'.repeat(51) }]) {
      const res = await inbox('manager', query);
      expect(res.status).toBe(400);
      expect(isProblem(res)).toBe(true);
    }
    expect((await t.http().get('/api/v1/clients/partner-reports').query({ siteId })).status).toBe(401);
  });

  it("lists the site's consultants by name for every staff member; partners and other sites are refused", async () => {
    const res = await t.http().get('/api/v1/clients/consultants').query({ siteId }).set(await as('receptionist'));
    expect(res.status).toBe(200);
    const ids = res.body.map((c: { userId: string }) => c.userId).sort();
    expect(ids).toEqual([await t.ids.user('consultant'), await t.ids.user('consultant2')].sort());
    expect(res.body.every((c: { displayName: string }) => c.displayName.length > 0)).toBe(true);
    expect((await t.http().get('/api/v1/clients/consultants').query({ siteId }).set(await as('partner'))).status).toBe(403);
    expect((await t.http().get('/api/v1/clients/consultants').query({ siteId }).set(await as('service_advisor'))).status).toBe(404);
    expect((await t.http().get('/api/v1/clients/consultants').query({ siteId: 'nope' }).set(await as('receptionist'))).status).toBe(400);
  });

  it('the console finds customers by a name without digits, by phone digits, and nothing for a stranger (CA-1)', async () => {
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13900002222', name: '钱女士', consultantId: await t.ids.user('consultant'), mentionedAgency: false });
    expect(visit.status).toBe(201);
    const search = async (q: string) => t.http().get('/api/v1/clients/customers').query({ siteId, q, scope: 'all' }).set(await as('manager'));
    for (const q of ['钱', '钱女士', '2222', '139 0000 2222']) {
      const res = await search(q);
      expect([q, res.status, res.body.items.map((c: { name: string }) => c.name)]).toEqual([q, 200, ['钱女士']]);
    }
    expect((await search('周')).body.total).toBe(0);
    expect((await search('100%_')).body.total).toBe(0);
  });

  it("lists a consultant's own received visits whose register is incomplete, until they complete it (GEN-11)", async () => {
    const consultant = await t.ids.user('consultant2');
    const visit = await t.http().post('/api/v1/clients/visits').set(await as('receptionist')).send({ siteId, phone: '13900003333', name: '吴先生', consultantId: consultant, mentionedAgency: false });
    expect(visit.status).toBe(201);
    const list = async (who: string) => t.http().get('/api/v1/clients/visits/unrecorded').query({ siteId }).set(await as(who));
    const mine = await list('consultant2');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ visitId: visit.body.visitId, customerName: '吴先生', phoneMasked: '139****3333', visitKind: 'walk_in' })]);
    expect((await list('consultant')).body.map((v: { visitId: string }) => v.visitId)).not.toContain(visit.body.visitId);
    expect((await list('receptionist')).status).toBe(403);
    expect((await list('partner')).status).toBe(403);
    const record = await t.http().post(`/api/v1/clients/visits/${visit.body.visitId}/record`).set(await as('consultant2')).send({ grade: 'B', media: '朋友介绍', needs: '三居' });
    expect(record.status).toBe(200);
    expect((await list('consultant2')).body).toEqual([]);
  });
});
