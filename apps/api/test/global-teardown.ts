import { admin, templateDb } from './db';

/** Drops this run's template; the test files drop their own databases. */
export default async function globalTeardown() {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${templateDb()} WITH (FORCE)`));
}
