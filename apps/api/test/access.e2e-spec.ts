import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { PUBLIC, ROLES } from '../src/platform/auth/decorators.js';
import { buildOpenApi } from '../src/platform/http/openapi-document.js';
import { isProblem, startTestApp, type TestApp } from './support/test-app.js';

/** GEN-7: default deny, per-route roles, object-level site scoping. */
describe('GEN-7 authorization', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const as = async (who: string) => ({ authorization: `Bearer ${await t.token(who)}` });

  it('every route is marked public or states its roles', () => {
    const unguarded: string[] = [];
    let routes = 0;
    for (const mod of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of mod.controllers.values()) {
        if (!metatype || typeof metatype !== 'function') continue;
        const proto = metatype.prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          routes++;
          const pub = Reflect.getMetadata(PUBLIC, handler) ?? Reflect.getMetadata(PUBLIC, metatype);
          const roles = Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, metatype);
          if (!pub && !roles?.length) unguarded.push(`${metatype.name}.${name} ${Reflect.getMetadata(PATH_METADATA, handler)}`);
        }
      }
    }
    expect(routes).toBeGreaterThan(15);
    expect(unguarded).toEqual([]);
  });

  it('every non-public route answers 401 problem+json without credentials', async () => {
    const doc = buildOpenApi(t.app);
    let checked = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      // Public routes carry no security requirement in the document (the route test above proves the markers).
      for (const [method, op] of Object.entries(ops as Record<string, { security?: unknown[] }>)) {
        if (!op.security?.length) continue;
        const url = p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await (t.http() as unknown as Record<string, (u: string) => Promise<{ status: number; headers: Record<string, string>; body: { code?: string; status?: number } }>>)[method](url);
        expect([`${method} ${p}`, res.status]).toEqual([`${method} ${p}`, 401]);
        expect(isProblem(res)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12);
  });

  it('a consultant cannot list users, read the audit trail or manage API keys (403)', async () => {
    const h = await as('consultant');
    for (const url of ['/api/v1/users', '/api/v1/audit', '/api/v1/api-keys', '/api/v1/agencies']) {
      const res = await t.http().get(url).set(h);
      expect([url, res.status, res.body.code]).toEqual([url, 403, 'FORBIDDEN']);
    }
  });

  it('a manager of one site gets 404 for another site, never its data', async () => {
    const service = await t.ids.site('demo-service');
    const h = await as('manager');
    for (const url of [`/api/v1/audit?siteId=${service}`, `/api/v1/users?siteId=${service}`, `/api/v1/discipline?siteId=${service}`, `/api/v1/approvals?siteId=${service}`]) {
      const res = await t.http().get(url).set(h);
      expect([url, res.status, res.body.code]).toEqual([url, 404, 'NOT_FOUND']);
    }
    // a user of the other site is not visible either
    const advisor = await t.ids.user('service_advisor');
    expect((await t.http().get(`/api/v1/users/${advisor}`).set(h)).status).toBe(404);
  });

  it('a site manager lists only the users of their site; the org admin lists everyone', async () => {
    const mine = await t.http().get('/api/v1/users?pageSize=200').set(await as('manager'));
    const logins = mine.body.items.map((u: { login: string }) => u.login);
    expect(logins).toContain('consultant@demo.sitedesk');
    expect(logins).not.toContain('service_advisor@demo.sitedesk');
    const all = await t.http().get('/api/v1/users?pageSize=200').set(await as('admin'));
    expect(all.body.total).toBeGreaterThan(mine.body.total);
    expect(all.body.items.map((u: { login: string }) => u.login)).toContain('service_advisor@demo.sitedesk');
  });

  it('a manager grants staff roles on their own site only, never manager or admin roles', async () => {
    const h = await as('manager');
    const sales = await t.ids.site('demo-sales');
    const service = await t.ids.site('demo-service');
    const clerk = await t.ids.user('clerk');
    const ok = await t.http().post(`/api/v1/users/${clerk}/roles`).set(h).send({ siteId: sales, role: 'receptionist' });
    expect(ok.status).toBe(201);
    expect((await t.http().post(`/api/v1/users/${clerk}/roles`).set(h).send({ siteId: sales, role: 'manager' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/users/${clerk}/roles`).set(h).send({ siteId: null, role: 'consultant' })).status).toBe(403);
    expect((await t.http().post(`/api/v1/users/${clerk}/roles`).set(h).send({ siteId: service, role: 'consultant' })).status).toBe(404);
    const again = await t.http().post(`/api/v1/users/${clerk}/roles`).set(h).send({ siteId: sales, role: 'receptionist' });
    expect([again.status, again.body.code]).toEqual([409, 'ROLE_ALREADY_HELD']);
  });

  it('a partner sees only their own sites and no staff data', async () => {
    const h = await as('partner');
    const sites = await t.http().get('/api/v1/sites').set(h);
    expect(sites.body.map((s: { code: string }) => s.code)).toEqual(['demo-sales']);
    expect((await t.http().get('/api/v1/users').set(h)).status).toBe(403);
  });

  it('an unknown route is a 404 problem, a malformed id is a 404', async () => {
    const res = await t.http().get('/api/v1/nothing-here').set(await as('admin'));
    expect([res.status, res.body.code, isProblem(res)]).toEqual([404, 'NOT_FOUND', true]);
    expect((await t.http().get('/api/v1/users/not-a-uuid').set(await as('admin'))).status).toBe(404);
  });
});
