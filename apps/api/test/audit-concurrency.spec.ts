import { AuditService } from '../src/modules/audit/audit.service';
import { startApi, type Harness } from './harness';

/**
 * Many writers at once (as bench:grants' 50 approvals in flight): each entry takes the chain's lock and reads the
 * head in one statement (audit_chain_head), and still no two entries share a seq, none is lost, and the chain
 * verifies; a writer that rolls back leaves no gap.
 */
describe('audit chain under concurrent writers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('chains 60 entries written by 60 transactions at once, gap-free, and verifies', async () => {
    const audit = h.app.get(AuditService);
    const [{ n: before }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    const writes = Array.from({ length: 60 }, (_, i) => h.ds.transaction(async (m) => {
      await m.query('SELECT pg_sleep($1)', [(i % 5) / 1000]);
      if (i % 10 === 9) {
        await audit.record(m, { id: null, email: 'test' }, { action: 'test.rolled_back', entity: 'test', entityId: String(i), summary: `writer ${i}, rolled back` });
        throw new Error('rolled back on purpose');
      }
      return audit.record(m, { id: null, email: 'test' }, { action: 'test.concurrent', entity: 'test', entityId: String(i), summary: `writer ${i}` });
    }));
    const settled = await Promise.allSettled(writes);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(6);
    const rows: { seq: string }[] = await h.ds.query(`SELECT seq FROM audit_log ORDER BY seq`);
    expect(rows).toHaveLength(before + 54);
    rows.forEach((r, i) => expect(Number(r.seq)).toBe(i + 1));
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.rolled_back'`);
    expect(n).toBe(0);
    expect(await audit.verify()).toMatchObject({ ok: true, checked: before + 54 });
  });

  // A person's first entry creates their pseudonym outside the caller's transaction (so that it never waits on
  // another writer's uncommitted one). Taken from the transactions' own pool, 20 first logins at once held all 20
  // connections and each waited for a 21st for its pseudonym: the API hung (bench:http's 100 logins, 20 in flight).
  it('writes the first entries of 60 people at once, more than the pool has connections, without waiting for itself', async () => {
    const audit = h.app.get(AuditService);
    const users: { id: string; email: string }[] = await h.ds.query(
      `INSERT INTO users (email, password_hash, full_name, role, language, script, email_verified_at, active)
       SELECT 'first-entry-' || i || '@example.org', NULL, 'First Entry ' || i, 'evaluator', 'en', 'latin', now(), true FROM generate_series(1, 60) i
       RETURNING id, email`);
    const writes = users.map((u, i) => h.ds.transaction(async (m) => {
      await m.query('SELECT pg_sleep($1)', [(i % 5) / 1000]);
      return audit.record(m, { id: u.id, email: u.email }, { action: 'test.first_entry', entity: 'user', entityId: u.id, summary: `${u.email} logged in` });
    }));
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => { timer = setTimeout(() => resolve('hung'), 30_000); });
    const outcome = await Promise.race([Promise.allSettled(writes), hung]);
    clearTimeout(timer);
    expect(outcome).not.toBe('hung');
    expect((outcome as PromiseSettledResult<unknown>[]).filter((s) => s.status === 'rejected')).toEqual([]);
    const [{ n, people }] = await h.ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT actor_pseudonym)::int AS people FROM audit_log WHERE action = 'test.first_entry'`);
    expect({ n, people }).toEqual({ n: 60, people: 60 });
    const summaries: { summary: string }[] = await h.ds.query(`SELECT summary FROM audit_log WHERE action = 'test.first_entry'`);
    expect(summaries.filter((r) => r.summary.includes('@'))).toEqual([]);
    expect((await audit.verify()).ok).toBe(true);
  }, 60_000);
});
