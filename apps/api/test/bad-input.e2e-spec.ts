import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from '../src/database/seeds/demo.js';
import { databaseFingerprint, isProblem, startTestApp, type TestApp } from './support/test-app.js';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  nullable?: boolean;
  minLength?: number;
  minimum?: number;
};

/**
 * "No input ever produces a 500 or a partial write": every write endpoint of the OpenAPI document gets
 * malformed JSON, wrong types, missing fields, unknown fields, 1 MB bodies, long strings, control
 * characters, negative and huge numbers and impossible dates. Each must answer a 4xx problem+json and
 * leave every table exactly as it was.
 */
// The committed document (the contract test proves it is what the API serves), read now so that each
// write endpoint becomes its own test.
const doc = JSON.parse(fs.readFileSync(path.resolve('apps/api/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; 'x-sitedesk-roles'?: string[] }>>;
  components: { schemas: Record<string, Schema> };
};
const writes = Object.entries(doc.paths).flatMap(([p, ops]) =>
  Object.entries(ops)
    .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, op]) => ({ method, path: p, op })),
);

describe('bad input on every write endpoint', () => {
  let t: TestApp;
  let schemas: Record<string, Schema>;
  let sites: Record<string, string>;
  let userId: string;
  /** The ids a valid body names: the caller's own site. */
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    schemas = doc.components.schemas;
    sites = { 'demo-sales': await t.ids.site('demo-sales'), 'demo-service': await t.ids.site('demo-service') };
    userId = await t.ids.user('consultant');
  });
  afterAll(() => t.close());

  const resolve = (s: Schema): Schema => (s.$ref ? resolve(schemas[s.$ref.split('/').pop()!]) : s);

  /** A body that is valid, or close to it, so that each mutation below is the only fault. */
  function valid(s: Schema, name = ''): unknown {
    s = resolve(s);
    if (s.example !== undefined && s.type !== 'object') return s.example;
    if (s.enum) return s.enum[0];
    switch (s.type) {
      case 'object':
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, valid(v, k)]));
      case 'array':
        return [valid(s.items ?? {}, name)];
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      default:
        if (s.format === 'uuid') return ids[name] ?? randomUUID();
        if (s.format === 'date-time') return '2026-03-02T08:30:00.000Z';
        if (s.format === 'date') return '2026-03-02';
        return 'x'.repeat(Math.max(s.minLength ?? 1, 12));
    }
  }

  class RawJson {
    constructor(readonly text: string) {}
  }

  function mutations(s: Schema, base: Record<string, unknown>): [string, unknown][] {
    s = resolve(s);
    const out: [string, unknown][] = [
      ['an array instead of an object', []],
      ['a string instead of an object', 'text'],
      ['null', null],
      ['an unknown field', { ...base, notAField: 1 }],
      ['a prototype key', new RawJson(`{"__proto__": {"admin": true}${Object.keys(base).length ? `, ${JSON.stringify(base).slice(1)}` : '}'}`)],
    ];
    if (s.required?.length) out.push(['no fields', {}]);
    for (const [k, raw] of Object.entries(s.properties ?? {})) {
      const p = resolve(raw);
      const put = (v: unknown) => ({ ...base, [k]: v });
      out.push([`${k}: an object`, put({ nested: true })]);
      if (s.required?.includes(k)) {
        const { [k]: _, ...without } = base;
        out.push([`${k}: missing`, without]);
      }
      if (p.type === 'string' || p.type === undefined) {
        out.push([`${k}: a number`, put(12)]);
        out.push([`${k}: 100 000 characters`, put('长'.repeat(100_000))]);
        out.push([`${k}: a NUL character`, put('abc\u0000def')]);
        out.push([`${k}: a bell character`, put('abc\u0007def')]);
        if (p.format === 'uuid') out.push([`${k}: not a uuid`, put('not-a-uuid')]);
        if (p.format === 'date-time') out.push([`${k}: 2026-02-30`, put('2026-02-30T10:00:00Z')]);
        if (p.format === 'date') out.push([`${k}: 2026-02-30`, put('2026-02-30')]);
        if (p.enum) out.push([`${k}: outside the enum`, put('no-such-value')]);
      }
      if (p.type === 'integer' || p.type === 'number') {
        out.push([`${k}: a string`, put('12')]);
        // Below a stated minimum (a basement floor is a legitimate -1); without one, negative.
        if (p.minimum === undefined || p.minimum >= 0) out.push([`${k}: negative`, put(-1)]);
        else out.push([`${k}: below the minimum`, put(p.minimum - 1)]);
        out.push([`${k}: huge`, put(1e300)]);
        if (p.type === 'integer') out.push([`${k}: a fraction`, put(1.5)]);
      }
      if (p.type === 'boolean') out.push([`${k}: a string`, put('yes')]);
      if (p.type === 'array') {
        out.push([`${k}: not an array`, put('x')]);
        out.push([`${k}: 10 000 items`, put(Array.from({ length: 10_000 }, () => valid(p.items ?? {}, k)))]);
      }
    }
    return out;
  }

  it('covers every write endpoint', () => {
    expect(writes.length).toBeGreaterThan(20);
  });

  /**
   * A demo user the route's roles admit (the admin where it may), so that the body is what gets
   * judged, not the caller: a 403 from the role check would prove nothing about the input.
   */
  function caller(roles: string[] = ['*']): { who: string; site: string } {
    if (roles.includes('*') || roles.includes('admin')) return { who: 'admin', site: 'demo-sales' };
    for (const u of DEMO_USERS) {
      const grant = u.roles.find(([, role]) => roles.includes(role));
      if (grant) return { who: u.login, site: grant[0] ?? 'demo-sales' };
    }
    throw new Error(`no demo user holds any of ${roles.join(', ')}`);
  }

  it.each(writes)('$method $path answers 4xx problem+json and writes nothing', async ({ method, path: p, op }) => {
    const { who, site } = caller(op['x-sitedesk-roles']);
    ids = { siteId: sites[site], userId };
    const token = await t.token(who);
    const failures: string[] = [];
    const url = p.replace(/\{[^}]+\}/g, randomUUID());
    const schema = op.requestBody?.content['application/json']?.schema ?? { type: 'object', properties: {} };
    const base = valid(schema) as Record<string, unknown>;
    const before = await databaseFingerprint(t.db);
    const send = (body: string | undefined, contentType = 'application/json') => {
      const req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).set('authorization', `Bearer ${token}`);
      if (body !== undefined) req.set('content-type', contentType).send(body);
      return req;
    };
    const cases: [string, string | undefined, string?][] = [
      ['malformed JSON', '{"login": "a", '],
      ['a 1 MB body', JSON.stringify({ ...base, filler: 'x'.repeat(1_048_576) })],
      ['form-encoded', 'a=1&b=2', 'application/x-www-form-urlencoded'],
      ...mutations(schema, base).map(([name, body]): [string, string] => [name, body instanceof RawJson ? body.text : JSON.stringify(body)]),
    ];
    for (const [name, body, type] of cases) {
      const res = await send(body, type);
      if (!(res.status >= 400 && res.status < 500 && isProblem(res))) failures.push(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else if (who !== 'admin' && res.status === 403 && (res.body as { code?: string }).code === 'FORBIDDEN') failures.push(`${name}: ${who} was refused by the role check, so the input was never judged`);
    }
    const after = await databaseFingerprint(t.db);
    const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
    if (changed.length) failures.push(`changed ${changed.join(', ')}`);
    expect(failures).toEqual([]);
  });
});
