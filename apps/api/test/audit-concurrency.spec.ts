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
});
