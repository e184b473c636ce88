import type { NextFunction, Request, Response } from 'express';
import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import { AppError, toErrorBody } from '../../common/errors';
import { httpRequestDuration, registry } from './metrics';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * Times every request and records it under its route template once answered: the Nest route's path
 * (`/api/applications/:id/submit`), never the URL itself, so ids do not multiply the series; API paths no route
 * matched are `unmatched`, the web app's files `static`.
 */
export function httpMetrics(req: Request, res: Response, next: NextFunction) {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const template = (req.route as { path?: unknown } | undefined)?.path;
    const path = req.originalUrl.split('?')[0];
    const route = path === '/api/metrics' ? path
      : typeof template === 'string' && !template.includes('{*') ? `${req.baseUrl ?? ''}${template}` // not a catch-all (404, web app fallback)
        : path.startsWith('/api') ? 'unmatched' : 'static';
    httpRequestDuration.observe(
      { method: METHODS.has(req.method) ? req.method : 'other', route, status: String(res.statusCode) },
      Number(process.hrtime.bigint() - start) / 1e9,
    );
  });
  next();
}

const digest = (s: string) => createHash('sha256').update(s).digest();
/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function bearerOk(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}

const ASK = 'grants:metrics:ask';
const ANSWER = 'grants:metrics:answer';
type Answer = { type: typeof ANSWER; id: string; text?: string; error?: string };
const waiting = new Map<string, (a: Answer) => void>();
if (cluster.isWorker) {
  process.on('message', (m: Answer) => {
    if (m?.type === ANSWER) waiting.get(m.id)?.(m);
  });
}

/**
 * The metrics this process should answer with: its own, or under node:cluster (API_PROCESSES > 1) those of every
 * API process, aggregated by the primary (counters and histograms summed, shared-state gauges by max/min), since a
 * scrape reaches whichever process the cluster hands the connection to.
 */
async function metricsText(): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = randomUUID();
  const answer = await new Promise<Answer | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 6000);
    waiting.set(id, (a) => { clearTimeout(timer); resolve(a); });
    process.send!({ type: ASK, id });
  }).finally(() => waiting.delete(id));
  if (answer?.text !== undefined) return answer.text;
  // the primary did not answer: this process's own figures, marked as such
  return `# aggregation across API processes failed (${answer?.error ?? 'no answer'}): this process only\n${await registry.metrics()}`;
}

/**
 * GET /api/metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>` (401 without). Without
 * METRICS_TOKEN the route does not exist (404). Not a Nest route: no session is read, it is not in openapi.json,
 * and the web app never calls it.
 */
export function metricsEndpoint(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (!bearerOk(req.get('authorization'), token)) {
      const body = toErrorBody(AppError.unauthorized());
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return res.status(body.statusCode).json(body);
    }
    metricsText().then(
      (text) => {
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.status(200).send(text);
      },
      (e: Error) => next(e),
    );
  };
}

/** The cluster primary: answers an API process's request for everyone's metrics (prom-client's AggregatorRegistry). */
export function serveClusterMetrics() {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (w: ClusterWorker, m: { type?: string; id?: string }) => {
    if (m?.type !== ASK || !m.id) return;
    const id = m.id;
    aggregator.clusterMetrics().then(
      (text) => w.isConnected() && w.send({ type: ANSWER, id, text }),
      (e: Error) => w.isConnected() && w.send({ type: ANSWER, id, error: e.message }),
    );
  });
}

/**
 * The worker's metrics (it has no other HTTP): GET /metrics with the bearer token on WORKER_METRICS_PORT, and
 * GET /health (no token, no figures: 200 when the database and the queue answer, else 503) for a container's
 * health check. Returns the server, so the worker closes it on shutdown.
 */
export function startWorkerMetricsServer(port: number, token: string | undefined, health: () => Promise<boolean>): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
    if (path === '/health') {
      return void health().then((ok) => send(ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ok' : 'degraded' })), () => send(503, 'application/json', '{"status":"degraded"}'));
    }
    if (path !== '/metrics') return send(404, 'text/plain', 'Not found\n');
    if (!token) return send(404, 'text/plain', 'Set METRICS_TOKEN to read the metrics\n');
    if (!bearerOk(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return send(401, 'application/json', JSON.stringify(toErrorBody(AppError.unauthorized())));
    }
    registry.metrics().then((text) => send(200, registry.contentType, text), (e: Error) => send(500, 'text/plain', `${e.message}\n`));
  });
  server.listen(port);
  return server;
}
