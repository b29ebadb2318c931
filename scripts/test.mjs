// `npm test`: installs what is missing (dependencies; Debian's chromium for the browser tests),
// type-checks, builds the console, starts a throwaway PostgreSQL, and runs every jest tier:
// domain unit tests, API end-to-end tests, admin browser tests. Exits non-zero on any failure.
//   --only=domain|api|admin (comma-separated)   run some tiers
//   any other argument is passed to jest (e.g. a test path pattern)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium, ensureDependencies, root } from './lib/setup.mjs';

const log = (m) => console.log(`[test] ${m}`);
const args = process.argv.slice(2);
const onlyArg = args.find((a) => a.startsWith('--only='));
const tiers = onlyArg ? onlyArg.slice(7).split(',') : ['domain', 'api', 'admin'];
const jestArgs = args.filter((a) => a !== onlyArg && a !== '--no-typecheck');

async function main() {
  const t0 = Date.now();
  ensureDependencies(log);
  const env = { ...process.env, TZ: 'UTC', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings`.trim() };

  if (tiers.includes('admin')) {
    env.CHROMIUM_PATH = ensureChromium(log);
    const { build } = await import('./build.mjs');
    build({ only: ['admin'], log });
  }

  if (!args.includes('--no-typecheck')) {
    const { typecheck } = await import('./typecheck.mjs');
    try {
      log(`type-checked ${typecheck().join(', ')}`);
    } catch (e) {
      console.error(`[test] ${e.message}`);
      process.exit(1);
    }
  }

  let pg = null;
  if (tiers.includes('api') || tiers.includes('admin')) {
    const { startPostgres } = await import('./lib/postgres.mjs');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitedesk-test-'));
    fs.chmodSync(dir, 0o755);
    pg = await startPostgres({ dataDir: path.join(dir, 'pg'), throwaway: true, log });
    env.TEST_PG_URL = pg.url('').replace(/\/$/, '');
    log(`throwaway PostgreSQL on 127.0.0.1:${pg.port}`);
    // The template every test file clones (CREATE DATABASE … TEMPLATE): migrated, demo data loaded.
    const { build } = await import('./build.mjs');
    build({ only: ['domain', 'api'], log });
    const { ensureDatabase } = await import('./lib/postgres.mjs');
    await ensureDatabase(pg.url('postgres'), 'sitedesk_test_template');
    const { prepareDatabase } = await import(path.join(root, 'dist', 'api', 'database', 'prepare.js'));
    await prepareDatabase(pg.url('sitedesk_test_template'), { demo: true });
    const stop = () => pg.stop().finally(() => fs.rmSync(dir, { recursive: true, force: true }));
    process.on('exit', () => pg?.child.kill('SIGKILL'));
    pg.cleanup = stop;
  }

  const selects = tiers.flatMap((t) => ['--selectProjects', t]);
  const jest = spawn(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--maxWorkers=2', ...jestArgs, ...selects], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  const forward = (s) => jest.kill(s);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => jest.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  await pg?.cleanup();
  log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
  process.exit(code);
}

main().catch(async (e) => {
  console.error(`[test] ${e?.stack ?? e}`);
  process.exit(1);
});
