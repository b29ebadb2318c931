import 'reflect-metadata';
import { createDataSource } from './data-source.js';
import { migrate } from './migrate.js';
import { seedDemoActivity } from './seeds/demo-activity.js';
import { seedDemo } from './seeds/demo.js';

/** Migrations, then the demo data when asked. Used by `npm start` and the tests' global setup. */
/** `activity`: also the demo's attendance history (npm start; the tests bring their own fixtures). */
/** Returns whether the demo data was loaded now (a first start), so that `npm start` tells the demo story only then. */
export async function prepareDatabase(url: string, opts: { demo: boolean; activity?: boolean; log?: (m: string) => void }): Promise<{ demoLoaded: boolean }> {
  const log = opts.log ?? (() => {});
  await migrate(url, log);
  if (!opts.demo) return { demoLoaded: false };
  const ds = createDataSource(url, 2);
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    // Replicas starting together take turns, so that the demo data loads once.
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['sitedesk.seed']);
    const demoLoaded = await seedDemo(ds, log);
    if (opts.activity) await seedDemoActivity(ds, new Date(), log);
    return { demoLoaded };
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['sitedesk.seed']).catch(() => {});
    await lock.release();
    await ds.destroy();
  }
}

/** `node dist/api/database/prepare.js`: migrate, and load the demo data when SEED_DEMO=true (production images). */
if (process.argv[1]?.endsWith('prepare.js')) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  await prepareDatabase(url, { demo: process.env.SEED_DEMO === 'true', activity: process.env.SEED_DEMO === 'true', log: console.log });
}
