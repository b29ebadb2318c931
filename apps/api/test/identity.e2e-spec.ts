import { bootstrap } from '../src/database/bootstrap.js';
import { AgencyUniqueName1764780000000 } from '../src/database/migrations/1764780000000-agency-unique-name.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

describe('GEN-1 organizations, sites and people', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('an org admin opens a site and registers an agency; both are audited', async () => {
    const admin = { authorization: `Bearer ${await t.token('admin')}` };
    const site = await t.http().post('/api/v1/sites').set(admin).send({ code: 'riverside-sales', name: '滨江售楼处', kind: 'sales_office' });
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({ code: 'riverside-sales', timeZone: 'Asia/Shanghai' });
    const dup = await t.http().post('/api/v1/sites').set(admin).send({ code: 'riverside-sales', name: 'x', kind: 'sales_office' });
    expect([dup.status, dup.body.code]).toEqual([409, 'SITE_CODE_TAKEN']);
    const badZone = await t.http().post('/api/v1/sites').set(admin).send({ code: 'x-sales', name: 'x', kind: 'sales_office', timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);

    const renamed = await t.http().patch(`/api/v1/sites/${site.body.id}`).set(admin).send({ timeZone: 'Asia/Urumqi' });
    expect(renamed.body.timeZone).toBe('Asia/Urumqi');
    const sites = await t.http().get('/api/v1/sites').set(admin);
    expect(sites.body.find((s: { id: string }) => s.id === site.body.id).timeZone).toBe('Asia/Urumqi');

    const agency = await t.http().post('/api/v1/agencies').set(admin).send({ name: 'East Channel' });
    expect(agency.status).toBe(201);
    const trail = await t.http().get(`/api/v1/audit?entityType=site&entityId=${site.body.id}`).set(admin);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['site.updated', 'site.created']);

  });

  it('an agency name is one agency in the organization, whatever its case and spaces; a site code is opened once under parallel requests', async () => {
    const admin = { authorization: `Bearer ${await t.token('admin')}` };
    const before = await databaseFingerprint(t.db);
    for (const name of ['North Channel', ' north channel ', 'NORTH CHANNEL']) {
      const res = await t.http().post('/api/v1/agencies').set(admin).send({ name });
      expect([res.status, res.body.code, isProblem(res)]).toEqual([409, 'AGENCY_EXISTS', true]);
    }
    expect(await databaseFingerprint(t.db)).toEqual(before);
    const trimmed = await t.http().post('/api/v1/agencies').set(admin).send({ name: '  West Channel  ' });
    expect([trimmed.status, trimmed.body.name]).toEqual([201, 'West Channel']);

    const opens = await Promise.all(Array.from({ length: 8 }, () => t.http().post('/api/v1/sites').set(admin).send({ code: 'harbour-sales', name: '港湾售楼处', kind: 'sales_office' })));
    expect(opens.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(new Set(opens.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['SITE_CODE_TAKEN']));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM site WHERE code = 'harbour-sales'`))[0].n).toBe(1);
  });

  it('the migration to one agency per name keeps every agency, trimmed, and numbers the later duplicates', async () => {
    const q = t.db.createQueryRunner();
    await q.startTransaction();
    try {
      await q.query(`DROP INDEX "UQ_agency_organization_name"`);
      const [{ org }] = await q.query(`SELECT organization_id AS org FROM agency WHERE name = 'North Channel'`);
      await q.query(`INSERT INTO agency (organization_id, name, created_at) VALUES ($1, 'North Channel ', now() + interval '1 day'), ($1, 'NORTH CHANNEL', now() + interval '2 days')`, [org]);
      await new AgencyUniqueName1764780000000().up(q);
      const rows: { name: string }[] = await q.query(`SELECT name FROM agency WHERE organization_id = $1 AND lower(name) LIKE 'north channel%' ORDER BY created_at`, [org]);
      expect(rows.map((r) => r.name)).toEqual(['North Channel', 'North Channel (2)', 'NORTH CHANNEL (3)']);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });

  it('a manager may not open a site or register an agency', async () => {
    const manager = { authorization: `Bearer ${await t.token('manager')}` };
    expect((await t.http().post('/api/v1/sites').set(manager).send({ code: 'mine', name: 'x', kind: 'sales_office' })).status).toBe(403);
    expect((await t.http().post('/api/v1/agencies').set(manager).send({ name: 'x' })).status).toBe(403);
  });

  it('GEN-3: the audit trail downloads as CSV with the list filters: a manager gets their site events, an admin the organization events too', async () => {
    const admin = { authorization: `Bearer ${await t.token('admin')}` };
    const manager = { authorization: `Bearer ${await t.token('manager')}` };
    const sales = await t.ids.site('demo-sales');
    await t.http().patch(`/api/v1/sites/${sales}`).set(admin).send({ name: '演示售楼处, "一期"' });
    const rows = async (who: { authorization: string }, query = '') => {
      const res = await t.http().get(`/api/v1/audit/export?format=csv${query}`).set(who);
      expect([res.status, res.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/csv/)]);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const [header, ...lines] = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(header).toBe('时间(UTC) at,项目 site,操作人 actor,操作 action,对象类型 entity type,对象 entity,原因 reason,变更前 before,变更后 after,请求 request');
      return lines;
    };
    const theirs = await rows(manager);
    const [{ n: salesEvents }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE site_id = $1`, [sales]);
    expect(theirs).toHaveLength(salesEvents);
    expect(theirs.every((l) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z,demo-sales,/.test(l))).toBe(true);
    // The newest first: the rename, its JSON (a comma and quotes in the name) inside quoted cells.
    expect(theirs[0]).toContain(',admin@demo.sitedesk,site.updated,site,');
    expect(theirs[0]).toContain(',"{""id"":""' + sales + '"",""code"":""demo-sales"",');
    const all = await rows(admin);
    const [{ n: orgEvents }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE organization_id = (SELECT organization_id FROM site WHERE id = $1)`, [sales]);
    expect(all).toHaveLength(orgEvents);
    expect(all.some((l) => l.includes(',agency.created,agency,'))).toBe(true);
    const [{ n: agencyEvents }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'agency'`);
    expect(await rows(admin, '&entityType=agency')).toHaveLength(agencyEvents);

    expect((await t.http().get('/api/v1/audit/export?format=csv').set({ authorization: `Bearer ${await t.token('consultant')}` })).status).toBe(403);
    expect((await t.http().get(`/api/v1/audit/export?format=csv&siteId=${await t.ids.site('demo-service')}`).set(manager)).status).toBe(404);
    expect((await t.http().get('/api/v1/audit/export?format=xlsx').set(manager)).status).toBe(400);
  });

  it('a manager creates a consultant on their site who can then sign in; a login is unique', async () => {
    const sales = await t.ids.site('demo-sales');
    const manager = { authorization: `Bearer ${await t.token('manager')}` };
    const body = { login: 'new.consultant@demo.sitedesk', displayName: '新顾问', password: 'a-good-password', roles: [{ siteId: sales, role: 'consultant' }] };
    const created = await t.http().post('/api/v1/users').set(manager).send(body);
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual([expect.objectContaining({ siteId: sales, role: 'consultant' })]);
    expect((await t.http().post('/api/v1/auth/login').send({ login: body.login, password: body.password })).status).toBe(200);
    const again = await t.http().post('/api/v1/users').set(manager).send(body);
    expect([again.status, again.body.code]).toEqual([409, 'LOGIN_TAKEN']);
    // a role revoked is gone from the next sign-in
    const revoke = await t.http().post(`/api/v1/users/${created.body.id}/roles/${created.body.roles[0].id}/revoke`).set(manager).send({ reason: 'left the team' });
    expect(revoke.body.roles).toEqual([]);
  });

  it('bootstrap creates an organization with its first admin, who sees only their organization', async () => {
    const out = await bootstrap(t.db, {
      organization: 'Acme Realty',
      adminLogin: 'Admin@Acme.example',
      adminName: 'Acme Admin',
      adminPassword: 'a-long-admin-password',
      site: { code: 'acme-sales', name: 'Acme Sales', kind: 'sales_office', timeZone: 'Asia/Shanghai' },
    });
    const login = await t.http().post('/api/v1/auth/login').send({ login: 'admin@acme.example', password: 'a-long-admin-password' });
    expect(login.status).toBe(200);
    const sites = await t.http().get('/api/v1/sites').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(sites.body.map((s: { code: string }) => s.code)).toEqual(['acme-sales']);
    const users = await t.http().get('/api/v1/users').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(users.body.items.map((u: { login: string }) => u.login)).toEqual(['admin@acme.example']);
    // the demo admin does not see Acme's site
    const demo = await t.http().get(`/api/v1/audit?siteId=${out.siteId}`).set('authorization', `Bearer ${await t.token('admin')}`);
    expect(demo.status).toBe(404);
    await expect(bootstrap(t.db, { organization: 'Acme Realty', adminLogin: 'x@y.z', adminName: 'x', adminPassword: 'a-long-admin-password' })).rejects.toThrow(/exists already/);
    await expect(bootstrap(t.db, { organization: 'Short', adminLogin: 'x@y.z', adminName: 'x', adminPassword: 'short' })).rejects.toThrow(/12 characters/);
  });
});
