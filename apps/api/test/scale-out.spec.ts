import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EmailBusyError, EmailSendHandler } from '../src/modules/mail/jobs/email-send.job';
import { QUEUE } from '../src/modules/queue/queue.module';
import { SCHEDULES, WorkerModule, WorkerRunner } from '../src/worker/worker.module';
import { Harness, startApi } from './harness';

/**
 * Two workers on one queue (issue 14): what each runs once. An SMTP server that answers slowly keeps the first
 * run of an e-mail's job inside its SMTP exchange while a second run of the same job arrives (a stalled job taken
 * over by the other worker, or the stuck-e-mail sweep).
 */
async function slowSmtpSink(delayMs: number) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => { received.push(m); setTimeout(() => cb(), delayMs); }, cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('scale-out: two workers on one queue', () => {
  let h: Harness;
  let sink: Awaited<ReturnType<typeof slowSmtpSink>>;
  let workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    sink = await slowSmtpSink(700);
    h = await startApi({ SMTP_URL: sink.url, MAIL_FROM: 'Grant Secretariat <grants@scale.example.org>' });
    workers = [
      await NestFactory.createApplicationContext(WorkerModule, { logger: false }),
      await NestFactory.createApplicationContext(WorkerModule, { logger: false }),
    ];
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await h.app.get<Queue>(QUEUE).obliterate({ force: true }).catch(() => undefined);
    await h.close();
    await sink.close();
  });

  const newEmail = async (to: string) => {
    const [{ id }] = await h.ds.query(
      `INSERT INTO emails (dedupe_key, to_address, template, language, subject, text_body, html_body)
       VALUES ($1, $1, 'test', 'en', 'Once only', 'text', '<p>text</p>') RETURNING id`, [to]);
    return id as string;
  };

  it('sends an e-mail once when two workers run its job at the same moment; the busy run is retried and finds it sent', async () => {
    const id = await newEmail('twice-at-once@scale.example.org');
    const [a, b] = workers.map((w) => w.get(EmailSendHandler));
    const results = await Promise.allSettled([a.handle({ emailId: id }), new Promise((r) => setTimeout(r, 150)).then(() => b.handle({ emailId: id }))]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(EmailBusyError);
    await b.handle({ emailId: id }); // the retry: already sent, nothing to do
    const mine = sink.received.filter((m) => JSON.stringify(m.to).includes('twice-at-once@'));
    expect(mine).toHaveLength(1);
    // one Message-ID per e-mail row, whoever sends it, so a repeat is recognisable downstream
    expect(mine[0].messageId).toBe(`<${id}@scale.example.org>`);
    const [row] = await h.ds.query(`SELECT status, attempts FROM emails WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it('keeps an attempt and its error when SMTP refuses, and sends on the next run', async () => {
    const id = await newEmail('refused@scale.example.org');
    const handler = workers[0].get(EmailSendHandler);
    const transport = (handler as unknown as { transport: { sendMail: (m: unknown) => Promise<unknown> } }).transport;
    const real = transport.sendMail.bind(transport);
    transport.sendMail = async () => { throw new Error('421 try again later'); };
    await expect(handler.handle({ emailId: id })).rejects.toThrow('421');
    transport.sendMail = real;
    const [failed] = await h.ds.query(`SELECT status, attempts, last_error FROM emails WHERE id = $1`, [id]);
    expect(failed).toEqual({ status: 'pending', attempts: 1, last_error: '421 try again later' });
    await handler.handle({ emailId: id });
    const [sent] = await h.ds.query(`SELECT status, attempts, last_error FROM emails WHERE id = $1`, [id]);
    expect(sent).toEqual({ status: 'sent', attempts: 2, last_error: null });
  });

  it('two workers starting register each scheduled job once, with one next run each', async () => {
    await Promise.all(workers.map((w) => w.get(WorkerRunner).start()));
    const queue = h.app.get<Queue>(QUEUE);
    const schedulers = await queue.getJobSchedulers();
    const ids = schedulers.map((s) => s.key).sort();
    expect(ids).toEqual([...new Set(ids)]);
    expect(ids).toEqual(expect.arrayContaining(['digest.daily', 'licence.daily', 'audit-anchor.daily', 'login-failures.purge', 'portfolio.refresh']));
    // each scheduler has exactly one upcoming occurrence queued, and no occurrence has two jobs
    const jobs = await queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'prioritized']);
    for (const key of ['digest.daily', 'licence.daily', 'audit-anchor.daily', 'login-failures.purge']) {
      const mine = jobs.filter((j) => String(j.id).startsWith(`repeat:${key}:`));
      expect([key, mine.length]).toEqual([key, 1]);
    }
    const refresh = jobs.filter((j) => String(j.id).startsWith('repeat:portfolio.refresh:'));
    expect(new Set(refresh.map((j) => j.id)).size).toBe(refresh.length);
    expect(new Set(refresh.map((j) => j.timestamp + (j.opts.delay ?? 0))).size).toBe(refresh.length);
  });

  it('puts the repeating jobs back when the queue lost them (Redis restarted empty), once each, with two workers checking', async () => {
    const queue = h.app.get<Queue>(QUEUE);
    const runners = workers.map((w) => w.get(WorkerRunner));
    // nothing lost: the minute's check changes nothing
    expect(await runners[0].keepSchedules()).toEqual([]);
    // what a Redis without its data holds: no scheduler, and no next run of any
    for (const { id } of SCHEDULES) await queue.removeJobScheduler(id);
    const delayed = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
    for (const j of delayed.filter((j) => String(j.id).startsWith('repeat:'))) await j.remove().catch(() => undefined);
    expect(await queue.getJobSchedulersCount()).toBe(0);

    const [a, b] = await Promise.all(runners.map((r) => r.keepSchedules()));
    expect(new Set([...a, ...b])).toEqual(new Set(SCHEDULES.map((s) => s.id)));
    const ids = (await queue.getJobSchedulers()).map((s) => s.key).sort();
    expect(ids).toEqual(SCHEDULES.map((s) => s.id).sort());
    const jobs = await queue.getJobs(['delayed', 'waiting', 'active', 'completed', 'prioritized']);
    for (const { id } of SCHEDULES.filter((s) => 'pattern' in s.repeat)) {
      expect([id, jobs.filter((j) => String(j.id).startsWith(`repeat:${id}:`)).length]).toEqual([id, 1]);
    }
    // and the next check finds them all
    expect(await runners[1].keepSchedules()).toEqual([]);
  });
});
