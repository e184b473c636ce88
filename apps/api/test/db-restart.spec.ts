import { admin } from './db';
import { Harness, loginAs, startApi } from './harness';

/**
 * PostgreSQL drops the API's idle connections (a restart, a failover, an administrator): the API must not crash,
 * and the next request reconnects. An idle client's error in a pool without a listener would end the process.
 */
describe('the API when the database drops its connections', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('survives its idle connections being terminated and answers the next request', async () => {
    const { client } = await loginAs(h, 'secretariat');
    await client.get('/api/auth/me').expect(200);
    const db = new URL(process.env.MIGRATION_DATABASE_URL!).pathname.slice(1);
    const killed = await admin((c) => c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'idle'`, [db]));
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the pools see their clients go
    await client.get('/api/auth/me').expect(200);
  });
});
