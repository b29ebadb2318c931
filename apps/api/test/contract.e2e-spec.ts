import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schemaDrift } from '../src/database/schema-diff.js';
import { buildOpenApi } from '../src/platform/http/openapi-document.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What CI must refuse: entities drifting from migrations, and the API drifting from its committed OpenAPI document. */
describe('contracts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('the migrations create exactly the schema the entities describe', async () => {
    expect(await schemaDrift(t.db)).toEqual([]);
  });

  it('every table but the organization-level ones carries site_id', async () => {
    const rows: { table_name: string }[] = await t.db.query(
      `SELECT t.table_name FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_name = t.table_name AND c.column_name = 'site_id')
        ORDER BY 1`,
    );
    // Organization-level (GEN-1: people, agencies and credentials belong to the organization) and technical tables.
    expect(rows.map((r) => r.table_name)).toEqual([
      'agency',
      'api_key',
      'app_user',
      'idempotency_record',
      'login_attempt',
      'organization',
      'refresh_token',
      'schema_migration',
      'site',
    ]);
  });

  it('the committed OpenAPI document is what the API serves (run `npm run openapi` after changing the API)', async () => {
    const committed = JSON.parse(fs.readFileSync(path.resolve('apps/api/openapi.json'), 'utf8'));
    const served = (await t.http().get('/api/openapi.json')).body;
    expect(served).toEqual(buildOpenApi(t.app));
    expect(served).toEqual(committed);
  });

  it('documents every operation with an id, a summary, a success response and problem responses', () => {
    const doc = buildOpenApi(t.app);
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, { operationId?: string; summary?: string; responses?: Record<string, { content?: Record<string, unknown> }> }>)) {
        const codes = Object.keys(op.responses ?? {});
        if (!op.operationId || !op.summary) missing.push(`${method} ${p}: id/summary`);
        if (!codes.some((c) => c.startsWith('2'))) missing.push(`${method} ${p}: success response`);
        if (p !== '/api/health' && !codes.some((c) => c.startsWith('4') && op.responses![c].content?.['application/problem+json'])) missing.push(`${method} ${p}: problem responses`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every schema one class: two DTO classes of one name would share, and garble, one OpenAPI schema', () => {
    const doc = buildOpenApi(t.app) as { components: { schemas: Record<string, unknown> } };
    const schemas = new Set(Object.keys(doc.components.schemas));
    const declared = new Map<string, string[]>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts'))
          for (const [, name] of fs.readFileSync(file, 'utf8').matchAll(/^export class (\w+)/gm))
            if (schemas.has(name)) declared.set(name, [...(declared.get(name) ?? []), path.relative('apps/api/src', file)]);
      }
    };
    walk(path.resolve('apps/api/src'));
    expect([...declared].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});

describe('the console client', () => {
  it('is what the committed OpenAPI document generates (run `npm run openapi` after changing the API)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sitedesk-client-'));
    try {
      const r = spawnSync(path.resolve('node_modules/.bin/openapi-ts'), ['-f', 'apps/admin/openapi-ts.config.ts'], { env: { ...process.env, OPENAPI_TS_OUTPUT: out }, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const committed = path.resolve('apps/admin/src/api/generated');
      const files = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
      expect(files(out)).toEqual(files(committed));
      for (const f of files(committed)) expect([f, fs.readFileSync(path.join(out, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(committed, f), 'utf8')]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
