import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOB_NAMES } from '../src/jobs/job-names';
import { createQueue } from '../src/modules/queue/queue.factory';
import { EmailSendHandler } from '../src/modules/mail/jobs/email-send.job';
import { checkHandlers, JobHandler } from '../src/jobs/job-handler';
import { OutboxRelay } from '../src/worker/outbox-relay';
import { WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Client, Harness, startApi } from './harness';
import { startSmtpSink, waitFor } from './smtp-sink';

/** The dead queue's connection errors are expected here; keep them out of the output. */
const silence = (q: Queue) => { q.on('error', () => undefined); return q; };

const registration = (email: string, language: string) => ({
  email, password: 'a-long-enough-passphrase', fullName: 'Arben Krasniqi', language,
  organization: { legalName: 'Zëri i Grave', registrationNumber: `R-${email}`, municipality: 'gjakova' },
});

describe('worker: outbox relay, e-mail, crash safety', () => {
  let h: Harness;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await startApi({ SMTP_URL: sink.url });
    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
    await sink.close();
  });

  it('checks at start-up that every job has exactly one handler', () => {
    const a = { name: 'email.send' } as JobHandler;
    const b = { name: 'digest.run' } as JobHandler;
    const c = { name: 'licence.check' } as JobHandler;
    const rest = JOB_NAMES.filter((n) => !['email.send', 'digest.run', 'licence.check'].includes(n)).map((name) => ({ name }) as JobHandler);
    expect(checkHandlers(JOB_NAMES, [a, b, c, ...rest]).size).toBe(JOB_NAMES.length);
    expect(() => checkHandlers(JOB_NAMES, [a, c, ...rest])).toThrow(/No handler for job\(s\): digest.run/);
    expect(() => checkHandlers(JOB_NAMES, [a, b, { name: 'email.send' } as JobHandler])).toThrow(/Two handlers/);
  });

  it('keeps the outbox when the queue is down, and delivers everything once it is back', async () => {
    const c = await new Client(h.app).init();
    await c.post('/api/auth/register', registration('down@zeri.org', 'sq')).expect(201);
    const pending = await h.ds.query(`SELECT id FROM outbox WHERE relayed_at IS NULL`);
    expect(pending).toHaveLength(1);

    // a queue that cannot be reached (a Redis port nobody listens on, or a broken connection)
    const deadQueue: Queue = process.env.REDIS_URL
      ? silence(createQueue({ redisUrl: 'redis://127.0.0.1:6399', databaseUrl: h.dbUrl, prefix: 'dead' }))
      : ({ add: async () => { throw new Error('connection refused'); } } as unknown as Queue);
    const deadRelay = new OutboxRelay(h.ds, deadQueue);
    await expect(deadRelay.relayOnce()).rejects.toThrow();
    const still = await h.ds.query(`SELECT relayed_at, attempts, last_error FROM outbox`);
    expect(still[0].relayed_at).toBeNull();
    expect(still[0].last_error).toBeTruthy();
    if (process.env.REDIS_URL) await deadQueue.close().catch(() => undefined);

    // the real queue comes back: the relay delivers, and the worker sends the e-mail in the recipient's language
    await worker.get(WorkerRunner).start();
    const mail = await waitFor(async () => sink.received.find((m) => m.to && JSON.stringify(m.to).includes('down@zeri.org')));
    expect(mail.subject).toBe('Konfirmoni adresën tuaj të e-mailit');
    expect(mail.text).toContain('/verify-email?token=');
    const row = await waitFor(async () => (await h.ds.query(`SELECT status FROM emails WHERE to_address = 'down@zeri.org' AND status = 'sent'`))[0]);
    expect(row.status).toBe('sent');
  });

  it('sends an e-mail once even when its job runs twice', async () => {
    await worker.get(WorkerRunner).start();
    const c = await new Client(h.app).init();
    await c.post('/api/auth/register', registration('twice@zeri.org', 'en')).expect(201);
    await waitFor(async () => (await h.ds.query(`SELECT 1 FROM emails WHERE to_address = 'twice@zeri.org' AND status = 'sent'`))[0]);
    const [{ id }] = await h.ds.query(`SELECT id FROM emails WHERE to_address = 'twice@zeri.org'`);
    await worker.get(EmailSendHandler).handle({ emailId: id });
    await worker.get(EmailSendHandler).handle({ emailId: id });
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.received.filter((m) => JSON.stringify(m.to).includes('twice@zeri.org'))).toHaveLength(1);
  });

  it('warns an organisation by e-mail when its licence expires within 60 days, once per warning point', async () => {
    const { newUser } = await import('./harness');
    const { LicenceCheckHandler } = await import('../src/modules/organizations/jobs/licence-check.job');
    const { user } = await newUser(h.ds, 'applicant', { language: 'sq' });
    const soon = new Date(Date.now() + 25 * 86400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10);
    await h.ds.query(`UPDATE organizations SET licence_expiry = $2 WHERE id = $1`, [user.organizationId, soon]);
    const other = await newUser(h.ds, 'applicant');
    await h.ds.query(`UPDATE organizations SET licence_expiry = $2 WHERE id = $1`, [other.user.organizationId, later]);
    // the user asked for in-app only: a licence about to expire is something to act on, so it goes by e-mail anyway
    await h.ds.query(`INSERT INTO notification_preferences (user_id, kind, delivery) VALUES ($1, 'organization.licence_expiring', 'in_app')`, [user.id]);
    await worker.get(LicenceCheckHandler).handle();
    await worker.get(LicenceCheckHandler).handle();
    const rows = await h.ds.query(`SELECT user_id, email_delivery FROM notifications WHERE kind = 'organization.licence_expiring'`);
    expect(rows).toEqual([{ user_id: user.id, email_delivery: 'now' }]);
    const mails = await h.ds.query(`SELECT subject FROM emails WHERE to_address = $1`, [user.email]);
    expect(mails).toEqual([{ subject: 'Licenca po skadon' }]);
  });

  it('gathers digest notifications into one daily e-mail', async () => {
    await worker.get(WorkerRunner).start();
    const { newUser } = await import('./harness');
    const { user } = await newUser(h.ds, 'applicant', { language: 'sr' });
    await h.ds.query(`INSERT INTO notifications (user_id, kind, params, link, dedupe_key, email_delivery) VALUES
      ($1, 'organization.document_uploaded', '{"name":"Ana","fileName":"a.pdf","organization":"X"}', null, 'd1', 'digest'),
      ($1, 'organization.member_joined', '{"name":"Ana","organization":"X"}', null, 'd2', 'digest')`, [user.id]);
    const { DigestHandler } = await import('../src/modules/notifications/jobs/digest.job');
    await worker.get(DigestHandler).handle({ day: '2026-11-24' });
    await worker.get(DigestHandler).handle({ day: '2026-11-24' }); // idempotent
    const mail = await waitFor(async () => sink.received.find((m) => JSON.stringify(m.to).includes(user.email)));
    expect(mail.subject).toBe('Vaš dnevni pregled sa portala za grantove');
    expect(mail.text).toContain('Dokument otpremljen');
    expect(mail.text).toContain('Novi član');
    const left = await h.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND digested_at IS NULL`, [user.id]);
    expect(left[0].n).toBe(0);
  });
});
