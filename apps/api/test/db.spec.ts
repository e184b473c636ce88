import { spawnSync } from 'node:child_process';
import { admin, dropAbandoned, ownerPid, runId } from './db';

/** Two test runs at once must not drop each other's databases; a dead run's leftovers are cleaned up. */
describe('test databases', () => {
  it('names carry the pid of the run that owns them', () => {
    expect(runId()).toMatch(/^\d+x[0-9a-f]+$/);
    expect(ownerPid(`grants_test_${runId()}_abcd1234`)).toBe(Number(runId().split('x')[0]));
    expect(ownerPid('grants_test_template')).toBeNull();
  });

  it('a run drops what dead runs left and never what a live run holds', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const live = `grants_test_${process.pid}x0a11ce_0001`;
    const abandoned = `grants_test_${dead}x0dead_0001`;
    await admin(async (c) => {
      await c.query(`CREATE DATABASE ${live}`);
      await c.query(`CREATE DATABASE ${abandoned}`);
    });
    try {
      const dropped = await dropAbandoned();
      expect(dropped).toContain(abandoned);
      expect(dropped).not.toContain(live);
      expect(dropped.some((d) => d.includes(runId()))).toBe(false);
      const left = await admin((c) => c.query(`SELECT datname FROM pg_database WHERE datname = ANY($1)`, [[live, abandoned]]));
      expect(left.rows.map((r: { datname: string }) => r.datname)).toEqual([live]);
    } finally {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${live}`));
    }
  });
});
