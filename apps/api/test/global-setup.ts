import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import { admin, TEMPLATE_DB, urlFor } from './db';

/** Builds the migrated template database once per test run; each test file clones it. */
export default async function globalSetup() {
  await admin(async (c) => {
    const stale = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'grants_test_%' AND datname <> $1`, [TEMPLATE_DB]);
    for (const r of stale.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await c.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  const ds = await new DataSource(dataSourceOptions(urlFor(TEMPLATE_DB))).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}
