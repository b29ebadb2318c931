import 'reflect-metadata';
import { createDataSource } from './data-source.js';

/** Applies pending migrations under an advisory lock, so that replicas starting together take turns. */
export async function migrate(url: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const ds = createDataSource(url, 2);
  await ds.initialize();
  // A session-level lock lives on one connection: hold it on a dedicated one.
  const lock = ds.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['sitedesk.migrate']);
    const ran = await ds.runMigrations({ transaction: 'each' });
    for (const m of ran) log(`migration applied: ${m.name}`);
    return ran.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['sitedesk.migrate']).catch(() => {});
    await lock.release();
    await ds.destroy();
  }
}

if (process.argv[1]?.endsWith('migrate.js')) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(2);
  }
  await migrate(url, console.log);
}
