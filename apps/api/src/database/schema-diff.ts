/**
 * Prints the SQL that would bring the database in line with the entities (empty when migrations and
 * entities agree). Used to write a migration (`npm run db:diff`) and by the drift test.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';

export async function schemaDrift(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

if (process.argv[1]?.endsWith('schema-diff.js')) {
  const ds = createDataSource(process.env.DATABASE_URL!);
  await ds.initialize();
  for (const q of await schemaDrift(ds)) console.log(`${q};`);
  await ds.destroy();
}
