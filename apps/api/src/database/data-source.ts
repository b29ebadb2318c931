import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** SQL is logged at LOG_LEVEL debug; failures that reach a client as 500 are logged by the ProblemFilter. */
export function dataSourceOptions(url: string, poolSize = 10, logQueries = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: logQueries ? ['query', 'error'] : false,
    extra: { max: poolSize, application_name: 'sitedesk' },
  };
}

export const createDataSource = (url: string, poolSize?: number) => new DataSource(dataSourceOptions(url, poolSize));
