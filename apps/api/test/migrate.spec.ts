import 'reflect-metadata';
import { migrateAsOwner } from '../src/database/data-source';
import { admin, runId, urlFor } from './db';

/** `npm run migrate` (and npm start, and the browser journeys' stack) migrate an empty database to the end. */
describe('migrating as the owner', () => {
  const name = `grants_test_${runId()}_migrate`;
  beforeAll(() => admin((c) => c.query(`CREATE DATABASE ${name}`)));
  afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));

  it('applies every migration on a fresh database and then finds nothing to do', async () => {
    const first = await migrateAsOwner({ migrationDatabaseUrl: urlFor(name) });
    expect(first.length).toBeGreaterThan(5);
    expect(await migrateAsOwner({ migrationDatabaseUrl: urlFor(name) })).toEqual([]);
  }, 60_000);
});
