import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** Compiled: dist/migrations/*.js beside dist/database; under ts-jest/tsx: the top-level migrations/*.ts. */
const migrationsGlob = __filename.endsWith('.ts')
  ? join(__dirname, '../../../../migrations/*.ts')
  : join(__dirname, '../migrations/*.js');

/** `poolMax`: connections this process may open (DATABASE_POOL_MAX for the API and the worker; README "More than one machine"). */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}, poolMax = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [migrationsGlob],
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    // jit off: the portal's statements are short reads and writes, for which compiling a plan never pays; the planner's
    // guess for jsonb_array_elements (100 rows a call) made the narrative reports' "ensure" over every grant's schedule
    // look costly enough to be JIT-compiled on each list read: 233 ms of compilation in a 253 ms statement (bench:reports)
    extra: { max: poolMax, application_name: 'grant-portal', options: '-c timezone=UTC -c jit=off' },
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

/**
 * Applies pending migrations as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL) on a connection of its own,
 * so the API and the worker can connect as the least-privileged app role.
 */
// Two connections, never one: runMigrations holds the advisory lock on one while TypeORM runs the migrations on
// another (with max: 1 it waits for itself forever).
export async function migrateAsOwner(env: { migrationDatabaseUrl: string }): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(env.migrationDatabaseUrl, { extra: { max: 2, application_name: 'grant-portal-migrate' } })).initialize();
  try {
    return await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * Warns when the app connects as a superuser (or as the tables' owner) in production: such a role can switch off the
 * append-only triggers of the audit log and the decisions. Returns whether it can.
 */
export async function warnIfPrivileged(ds: DataSource, env: { isProduction: boolean }, logger = new Logger('Database')): Promise<boolean> {
  const [row]: { privileged: boolean; who: string }[] = await ds.query(
    `SELECT (r.rolsuper OR pg_has_role(current_user, c.relowner, 'USAGE')) AS privileged, current_user AS who
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
  ).catch(() => [{ privileged: false, who: '?' }]);
  if (row?.privileged && env.isProduction) {
    logger.warn(`DATABASE_URL connects as ${row.who}, which owns the tables or is a superuser and so can switch off the audit log's `
      + `append-only triggers: connect the API and the worker as the grants_app role, and migrate with MIGRATION_DATABASE_URL`);
  }
  return Boolean(row?.privileged);
}
