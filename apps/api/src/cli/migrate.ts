import 'reflect-metadata';
import { EnvError, loadEnv } from '../config/env.dto';
import { migrateAsOwner } from '../database/data-source';

/** npm run migrate: applies pending migrations under the advisory lock, as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL). */
async function main() {
  const done = await migrateAsOwner(loadEnv());
  console.log(done.length ? `Applied: ${done.join(', ')}` : 'The database is up to date.');
}
// A CLI ends when its work is done, whatever connection a library keeps open.
main().then(() => process.exit(process.exitCode ?? 0)).catch((e) => {
  console.error(e instanceof EnvError ? e.message : e);
  process.exit(1);
});
