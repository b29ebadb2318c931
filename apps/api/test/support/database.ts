import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEMPLATE_DB = 'sitedesk_test_template';

/** The test server's URL for a database. Refuses to run against anything not started for tests. */
export function testPgUrl(db: string): string {
  const base = process.env.TEST_PG_URL;
  if (!base) throw new Error('TEST_PG_URL is not set: run the tests with `npm test`, which starts a throwaway PostgreSQL');
  if (db !== 'postgres' && !db.includes('test')) throw new Error(`refusing to use database "${db}": test databases have "test" in their name`);
  return `${base.replace(/\/$/, '')}/${db}`;
}

/** A fresh database cloned from the migrated, seeded template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sitedesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return {
    url: testPgUrl(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: testPgUrl('postgres') });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
