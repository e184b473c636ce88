import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** Compiled: dist/migrations/*.js beside dist/database; under ts-jest/tsx: the top-level migrations/*.ts. */
const migrationsGlob = __filename.endsWith('.ts')
  ? join(__dirname, '../../../../migrations/*.ts')
  : join(__dirname, '../migrations/*.js');

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    extra: { max: 20, application_name: 'grant-portal', options: '-c timezone=UTC' },
    ...extra,
  } as DataSourceOptions;
}

/** Advisory-lock key so that two processes starting together never run migrations at the same time. */
const MIGRATION_LOCK = 7_204_917_331;

export async function runMigrations(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
