import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../src/database/data-source';
import { admin, dropAbandoned, templateDb, urlFor } from './db';

/**
 * Builds this run's migrated template database once; each test file clones it. Databases left by runs that
 * are no longer alive (killed, crashed) are dropped; those of a run still going are left alone.
 */
export default async function globalSetup() {
  process.env.GRANTS_TEST_RUN_ID = `${process.pid}x${randomBytes(3).toString('hex')}`;
  await dropAbandoned();
  await admin((c) => c.query(`CREATE DATABASE ${templateDb()}`));
  const ds = await new DataSource(dataSourceOptions(urlFor(templateDb()))).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}
