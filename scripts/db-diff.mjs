// `npm run db:diff`: the SQL that would bring a freshly migrated database in line with the entities
// (nothing when they agree). Builds the API, starts a throwaway PostgreSQL, applies every migration,
// prints the difference and stops. Write what it prints into a new migration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from './build.mjs';
import { ensureDatabase, startPostgres } from './lib/postgres.mjs';
import { root } from './lib/setup.mjs';

const log = (m) => console.error(`[db:diff] ${m}`);
build({ only: ['domain', 'api'], log });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitedesk-diff-'));
fs.chmodSync(dir, 0o755);
const pg = await startPostgres({ dataDir: path.join(dir, 'pg'), throwaway: true, log });
try {
  await ensureDatabase(pg.url('postgres'), 'sitedesk_diff');
  const url = pg.url('sitedesk_diff');
  const { migrate } = await import(path.join(root, 'dist', 'api', 'database', 'migrate.js'));
  await migrate(url, log);
  const { createDataSource } = await import(path.join(root, 'dist', 'api', 'database', 'data-source.js'));
  const { schemaDrift } = await import(path.join(root, 'dist', 'api', 'database', 'schema-diff.js'));
  const ds = createDataSource(url);
  await ds.initialize();
  const drift = await schemaDrift(ds);
  await ds.destroy();
  for (const q of drift) console.log(`${q};`);
  log(drift.length ? `${drift.length} statements` : 'entities and migrations agree');
} finally {
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
