import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { LOCK_MINUTES } from '../src/modules/auth/auth.service';
import { LoginFailuresPurgeHandler } from '../src/modules/auth/jobs/login-failures-purge.job';
import { QUEUE } from '../src/modules/queue/queue.module';
import { LOGIN_FAILURES_PURGE_SCHEDULER, WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Client, Harness, startApi } from './harness';

/** login_failures (failed logins of addresses without an account) is forgotten by a repeatable job: what answers like no row, after the lockout window. */
describe('login_failures purge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h.close());

  const rows = async () =>
    ((await h.ds.query(`SELECT email FROM login_failures ORDER BY email`)) as { email: string }[]).map((r) => r.email);

  it('forgets an expired lock after the lockout window and a count after a day, never a lock still running; a second run changes nothing', async () => {
    const client = await new Client(h.app).init();
    for (let i = 0; i < 5; i++) await client.post('/api/auth/login', { email: 'Nobody.Here@example.org', password: `wrong-password-${i}` });
    expect(await h.ds.query(`SELECT email, failed, locked_until > now() AS locked FROM login_failures`)).toEqual([{ email: 'nobody.here@example.org', failed: 0, locked: true }]);
    // fixtures, written around the API on purpose: the lock above has expired, LOCK_MINUTES + 1 ago
    await h.ds.query(`UPDATE login_failures SET locked_until = now() - interval '1 minute', updated_at = now() - make_interval(mins => $1::int + 1)`, [LOCK_MINUTES]);
    await h.ds.query(
      `INSERT INTO login_failures (email, failed, locked_until, updated_at) VALUES
         ('expired-recently@example.org', 0, now() - interval '1 minute', now() - make_interval(mins => $1::int - 1)),
         ('counting@example.org', 3, NULL, now() - make_interval(mins => $1::int + 1)),
         ('counting-long-ago@example.org', 3, NULL, now() - interval '1 day 1 minute'),
         ('locked@example.org', 0, now() + interval '5 minutes', now() - interval '2 days')`,
      [LOCK_MINUTES],
    );
    const handler = new LoginFailuresPurgeHandler(h.ds);
    await handler.handle();
    // a count of 1 to 4 stays for a day, as a real account's does: forgetting it sooner would tell that the address has none
    expect(await rows()).toEqual(['counting@example.org', 'expired-recently@example.org', 'locked@example.org']);
    await handler.handle();
    expect(await rows()).toEqual(['counting@example.org', 'expired-recently@example.org', 'locked@example.org']);
    // a forgotten address answers as it did before its first failure: one more failure is one, not a lock
    await client.post('/api/auth/login', { email: 'nobody.here@example.org', password: 'wrong-password-5' }).expect(401);
    expect((await h.ds.query(`SELECT failed, locked_until FROM login_failures WHERE email = 'nobody.here@example.org'`))[0]).toEqual({ failed: 1, locked_until: null });
  });

  it('is one repeatable job with a fixed id, however often the worker starts', async () => {
    const workers: INestApplicationContext[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const w = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
        workers.push(w);
        await w.get(WorkerRunner).start();
      }
      const queue = workers[0].get<Queue>(QUEUE);
      const schedulers = (await queue.getJobSchedulers()).filter((s) => s.name === 'login_failures.purge');
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ key: LOGIN_FAILURES_PURGE_SCHEDULER, pattern: '*/15 * * * *' });
    } finally {
      for (const w of workers) await w.close();
    }
  });
});
