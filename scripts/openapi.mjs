// `npm run openapi`: writes the API's OpenAPI document to apps/api/openapi.json (deterministic) and
// regenerates the admin console's client from it. CI fails when either differs from what is committed
// (apps/api/test/openapi.e2e-spec.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies, root } from './lib/setup.mjs';

ensureDependencies();
const { build } = await import('./build.mjs');
build({ only: ['domain', 'api'] });
const { startPostgres } = await import('./lib/postgres.mjs');
const pg = await startPostgres({ dataDir: path.join(os.tmpdir(), `sitedesk-openapi-${process.pid}`, 'pg'), throwaway: true, log: () => {} });
try {
  const dist = path.join(root, 'dist', 'api');
  const { migrate } = await import(path.join(dist, 'database', 'migrate.js'));
  await migrate(pg.url('postgres'));
  const { loadConfig } = await import(path.join(dist, 'config', 'config.js'));
  const { createApp } = await import(path.join(dist, 'app.factory.js'));
  const { buildOpenApi } = await import(path.join(dist, 'platform', 'http', 'openapi-document.js'));
  const app = await createApp(loadConfig({ DATABASE_URL: pg.url('postgres'), JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'error', JOBS_ENABLED: 'false' }), { swaggerUi: false });
  const doc = buildOpenApi(app);
  await app.close();
  fs.writeFileSync(path.join(root, 'apps', 'api', 'openapi.json'), `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote apps/api/openapi.json (${Object.keys(doc.paths).length} paths)`);
} finally {
  await pg.stop();
}
const clientConfig = path.join(root, 'apps', 'admin', 'openapi-ts.config.ts');
if (fs.existsSync(clientConfig)) {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'openapi-ts'), ['-f', clientConfig], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log('regenerated the admin API client');
}
