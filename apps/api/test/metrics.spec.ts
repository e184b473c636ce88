import type { Queue } from 'bullmq';
import express from 'express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startWorkerMetricsServer, metricsEndpoint } from '../src/modules/metrics/metrics-http';
import { QUEUE } from '../src/modules/queue/queue.module';
import { Harness, startApi } from './harness';

/** What Prometheus reads (issue 14): GET /api/metrics behind a bearer token, and the worker's own /metrics. */
const TOKEN = 'test-metrics-token-0123456789abcdef';

/** The value of one series in Prometheus text format, or undefined. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe('metrics for Prometheus', () => {
  let h: Harness;
  let queue: Queue;
  const scrape = () => request(h.app.getHttpServer()).get('/api/metrics').set('authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    h = await startApi({ METRICS_TOKEN: TOKEN });
    queue = h.app.get<Queue>(QUEUE);
  });
  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await h.close();
  });

  it('answers 401 without the bearer token or with a wrong one, and reads no session', async () => {
    const server = h.app.getHttpServer();
    const none = await request(server).get('/api/metrics').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401 });
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.headers['set-cookie']).toBeUndefined();
    await request(server).get('/api/metrics').set('authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(server).get('/api/metrics').set('authorization', TOKEN).expect(401);
    const ok = await scrape().expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.headers['set-cookie']).toBeUndefined();
  });

  it('is not served at all without METRICS_TOKEN, and is not in the API description', async () => {
    const bare = express().use('/api/metrics', metricsEndpoint(undefined)).use((_req, res) => res.status(404).end());
    await request(bare).get('/api/metrics').set('authorization', `Bearer ${TOKEN}`).expect(404);
    const doc = await request(h.app.getHttpServer()).get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).not.toContain('/api/metrics');
  });

  it('names the process, HTTP, queue, outbox, e-mail, pool and health metrics', async () => {
    const text = (await scrape().expect(200)).text;
    for (const name of [
      'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes',
      'grants_http_request_duration_seconds_bucket', 'grants_queue_jobs', 'grants_outbox_unsent', 'grants_outbox_oldest_unsent_age_seconds',
      'grants_emails_pending', 'grants_email_oldest_pending_age_seconds', 'grants_emails_sent_total', 'grants_emails_failed_total',
      'grants_db_pool_connections', 'grants_up',
    ]) expect(text).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    expect(value(text, 'grants_up', { component: 'database', service: 'api' })).toBe(1);
    expect(value(text, 'grants_up', { component: 'queue' })).toBe(1);
    expect(value(text, 'grants_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
  });

  it('records requests by route template and status, never by URL', async () => {
    const server = h.app.getHttpServer();
    await request(server).get('/api/health').expect(200);
    const id = '00000000-0000-4000-8000-000000000001';
    await request(server).get(`/api/calls/${id}`);
    await request(server).get('/api/no-such-route').expect(404);
    const text = (await scrape().expect(200)).text;
    expect(value(text, 'grants_http_request_duration_seconds_count', { method: 'GET', route: '/api/health', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/grants_http_request_duration_seconds_count\{[^}]*route="\/api\/calls\/:id"/);
    expect(value(text, 'grants_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'grants_http_request_duration_seconds_count', { method: 'GET', route: '/api/metrics', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(id);
    expect(text).not.toContain('no-such-route');
  });

  it('shows the queue depth and the outbox and e-mail backlog of seeded rows', async () => {
    await h.ds.query(`INSERT INTO outbox (job_name, payload, created_at) VALUES ('email.send', '{}', now() - interval '125 seconds'), ('email.send', '{}', now() - interval '5 seconds')`);
    await h.ds.query(`INSERT INTO emails (dedupe_key, to_address, template, language, subject, text_body, html_body, created_at)
      VALUES ('metrics-test-1', 'a@metrics.example.org', 'test', 'en', 's', 't', '<p>t</p>', now() - interval '65 seconds')`);
    await queue.add('portfolio.refresh', { at: 'test' }, { jobId: 'metrics-test-waiting-1' });
    await queue.add('portfolio.refresh', { at: 'test' }, { jobId: 'metrics-test-waiting-2' });
    await queue.add('portfolio.refresh', { at: 'test' }, { jobId: 'metrics-test-delayed', delay: 3_600_000 });
    await new Promise((r) => setTimeout(r, 1100)); // one read of the shared state per second
    const text = (await scrape().expect(200)).text;
    expect(value(text, 'grants_outbox_unsent')).toBe(2);
    const age = value(text, 'grants_outbox_oldest_unsent_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(125);
    expect(age).toBeLessThan(125 + 60);
    expect(value(text, 'grants_emails_pending')).toBe(1);
    expect(value(text, 'grants_email_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(65);
    expect(value(text, 'grants_queue_jobs', { queue: 'grants', state: 'waiting' })).toBe(2);
    expect(value(text, 'grants_queue_jobs', { queue: 'grants', state: 'delayed' })).toBe(1);
    expect(value(text, 'grants_queue_jobs', { queue: 'grants', state: 'failed' })).toBe(0);
    // relayed and sent: the backlog is gone
    await h.ds.query(`UPDATE outbox SET relayed_at = now()`);
    await h.ds.query(`UPDATE emails SET status = 'sent', sent_at = now()`);
    await new Promise((r) => setTimeout(r, 1100)); // one read of the shared state per second
    const after = (await scrape().expect(200)).text;
    expect(value(after, 'grants_outbox_unsent')).toBe(0);
    expect(value(after, 'grants_outbox_oldest_unsent_age_seconds')).toBe(0);
    expect(value(after, 'grants_emails_pending')).toBe(0);
  });

  it('the worker serves its own /metrics with the token, and /health without', async () => {
    let healthy = true;
    const server = startWorkerMetricsServer(0, TOKEN, async () => healthy);
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      const text = await ok.text();
      for (const name of ['grants_jobs_processed_total', 'grants_jobs_failed_total', 'grants_job_duration_seconds', 'grants_emails_sent_total', 'grants_queue_jobs', 'process_cpu_seconds_total']) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      expect((await fetch(`${base}/health`)).status).toBe(200);
      healthy = false;
      expect((await fetch(`${base}/health`)).status).toBe(503);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
