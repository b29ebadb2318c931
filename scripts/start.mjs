// `npm start`: installs what is missing, builds, starts an embedded PostgreSQL (data in .data/),
// migrates, loads the demo data on first run, and serves the API under /api and the console at /.
// With DATABASE_URL set it uses that database and starts no embedded server.
import path from 'node:path';
import { ensureDependencies, localSecret, root } from './lib/setup.mjs';

const log = (m) => console.log(`[sitedesk] ${m}`);

async function main() {
  const t0 = Date.now();
  ensureDependencies(log);
  const { build } = await import('./build.mjs');
  build({ log });

  let pg = null;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { startPostgres, ensureDatabase } = await import('./lib/postgres.mjs');
    pg = await startPostgres({ dataDir: path.join(root, '.data', 'postgres'), log });
    await ensureDatabase(pg.url('postgres'), 'sitedesk');
    databaseUrl = pg.url('sitedesk');
    log(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data in .data/postgres)`);
  }

  const production = process.env.NODE_ENV === 'production';
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: process.env.JWT_SECRET || (production ? '' : localSecret('jwt-secret')),
    ADMIN_DIST: process.env.ADMIN_DIST || path.join(root, 'dist', 'admin'),
  };
  const demo = production ? process.env.SEED_DEMO === 'true' : process.env.SEED_DEMO !== 'false';

  const dist = path.join(root, 'dist', 'api');
  const { loadConfig } = await import(path.join(dist, 'config', 'config.js'));
  const config = loadConfig(env);
  const { prepareDatabase } = await import(path.join(dist, 'database', 'prepare.js'));
  const { demoLoaded } = await prepareDatabase(databaseUrl, { demo, activity: demo, log });
  const { createApp } = await import(path.join(dist, 'app.factory.js'));
  const app = await createApp(config);

  let closing = false;
  const shutdown = async (signal) => {
    if (closing) return;
    closing = true;
    log(`${signal}: stopping`);
    await app.close().catch(() => {});
    await pg?.stop();
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void shutdown(s));

  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  if (demoLoaded) {
    // The demo's morning (customers, a held unit, complaints, repair orders …) told through the API, on the start that loaded the demo data.
    const { playDemoStory } = await import(path.join(dist, 'database', 'seeds', 'demo-story.js'));
    await playDemoStory(`http://127.0.0.1:${config.PORT}`, log).catch((e) => log(`the demo story stopped (the product runs without it): ${e?.message ?? e}`));
  }
  console.log(`
  SiteDesk is running (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)
    console   ${url}/
    API       ${url}/api/v1   (docs ${url}/api/docs, OpenAPI ${url}/api/openapi.json)
    health    ${url}/api/health
${demo ? `
  Demo logins (password: sitedesk-demo)
    manager@demo.sitedesk      site manager, demo-sales      admin@demo.sitedesk    organization admin
    consultant@demo.sitedesk   consultant, demo-sales        consultant2@demo.sitedesk
    receptionist@demo.sitedesk clerk@demo.sitedesk  supervisor@demo.sitedesk  cashier@demo.sitedesk
    service_advisor@demo.sitedesk  technician@demo.sitedesk   (demo-service)
    partner@demo.sitedesk (North Channel)   partner2@demo.sitedesk (South Channel)
` : ''}
  Stop with Ctrl-C.
`);
}

main().catch((e) => {
  console.error(`[sitedesk] cannot start: ${e?.message ?? e}`);
  process.exit(1);
});
