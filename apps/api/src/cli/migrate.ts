import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { EnvError, loadEnv } from '../config/env.dto';
import { dataSourceOptions, runMigrations } from '../database/data-source';

/** npm run migrate: applies pending migrations under the advisory lock. */
async function main() {
  const env = loadEnv();
  const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const done = await runMigrations(ds);
    console.log(done.length ? `Applied: ${done.join(', ')}` : 'The database is up to date.');
  } finally {
    await ds.destroy();
  }
}
// A CLI ends when its work is done, whatever connection a library keeps open.
main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
  console.error(e instanceof EnvError ? e.message : e);
  process.exit(1);
});
