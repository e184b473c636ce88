import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { LOCK_MINUTES } from '../src/modules/auth/auth.service';
import { LoginFailuresPurgeHandler } from '../src/modules/auth/jobs/login-failures-purge.job';
import { QUEUE } from '../src/modules/queue/queue.module';
import { LOGIN_FAILURES_PURGE_SCHEDULER, WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Client, Harness, startApi } from './harness';

/** login_failures (failed logins of addresses without an account) is forgotten after the lockout window by a repeatable job. */
describe('login_failures purge', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h.close());

  const rows = async () =>
    ((await h.ds.query(`SELECT email FROM login_failures ORDER BY email`)) as { email: string }[]).map((r) => r.email);

  it('forgets failures older than the lockout window unless the address is locked now, and a second run changes nothing', async () => {
    const client = await new Client(h.app).init();
    await client.post('/api/auth/login', { email: 'Nobody.Here@example.org', password: 'wrong-password-1' }).expect(401);
    expect(await rows()).toEqual(['nobody.here@example.org']);
    // fixtures, written around the API on purpose: an old failure, a recent one, an old one still locked, an old expired lock
    await h.ds.query(`UPDATE login_failures SET updated_at = now() - make_interval(mins => $1::int + 1) WHERE email = 'nobody.here@example.org'`, [LOCK_MINUTES]);
    await h.ds.query(
      `INSERT INTO login_failures (email, failed, locked_until, updated_at) VALUES
         ('recent@example.org', 2, NULL, now() - make_interval(mins => $1::int - 1)),
         ('locked@example.org', 0, now() + interval '5 minutes', now() - make_interval(mins => $1::int + 5)),
         ('expired@example.org', 0, now() - interval '1 minute', now() - make_interval(mins => $1::int + 1))`,
      [LOCK_MINUTES],
    );
    const handler = new LoginFailuresPurgeHandler(h.ds);
    await handler.handle();
    expect(await rows()).toEqual(['locked@example.org', 'recent@example.org']);
    await handler.handle();
    expect(await rows()).toEqual(['locked@example.org', 'recent@example.org']);
    // a forgotten address counts again from the start: one more failure is not a lock
    await client.post('/api/auth/login', { email: 'nobody.here@example.org', password: 'wrong-password-2' }).expect(401);
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
