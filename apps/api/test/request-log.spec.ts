import express from 'express';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRootLogger, requestLog } from '../src/common/request-log';

/** The request log: one line per request with its id, method, URL, status and time, and never a header. */
describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let port: number;
  let releaseSlow: () => void = () => undefined;

  beforeAll(async () => {
    const logger = createRootLogger('info', { write: (s: string) => void lines.push(JSON.parse(s)) });
    const app = express();
    app.use(requestLog(logger, { ignore: (path) => path === '/api/health' }));
    app.get('/api/boom', (_req, res) => void res.status(500).send('x'));
    app.get('/api/slow', (_req, res) => void (releaseSlow = () => res.headersSent || res.end('late')));
    app.use((_req, res) => {
      res.setHeader('Set-Cookie', 'grants.sid=SECRET-SET');
      res.send('x');
    });
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const fetchPath = (path: string, headers: Record<string, string> = {}) =>
    new Promise<string | undefined>((r) => {
      httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        res.on('end', () => r(res.headers['x-request-id'] as string));
      }).end();
    });
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('writes method, URL, status and time under the request id; no cookie, CSRF token or Set-Cookie', async () => {
    const id = await fetchPath('/api/organizations/mine?x=1', { cookie: 'grants.sid=SECRET-COOKIE', 'x-csrf-token': 'SECRET-CSRF', 'x-request-id': 'req-1' });
    await fetchPath('/api/boom');
    await fetchPath('/api/health');
    await settle();
    expect(id).toBe('req-1');
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done).toEqual([expect.objectContaining({ level: 30, reqId: 'req-1', req: { id: 'req-1', method: 'GET', url: '/api/organizations/mine?x=1' }, res: { statusCode: 200 }, responseTime: expect.any(Number) })]);
    expect(lines.find((l) => l.msg === 'request errored')).toMatchObject({ level: 50, req: { method: 'GET', url: '/api/boom' }, res: { statusCode: 500 } });
    expect(lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/api/health')).toBe(false);
    expect(JSON.stringify(lines)).not.toMatch(/SECRET|headers/);
  });

  it('makes a new id when the client sends none or one that is not a short plain token, and sends it back', async () => {
    lines.length = 0;
    const made = await fetchPath('/api/a');
    const replaced = await fetchPath('/api/b', { 'x-request-id': 'id with "quotes", spaces and ' + 'x'.repeat(80) });
    await settle();
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((l) => l.reqId)).toEqual([made, replaced]);
  });

  it('says a request was aborted when the client went away before the answer', async () => {
    lines.length = 0;
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/api/slow' });
      req.on('error', () => undefined);
      req.end();
      setTimeout(() => {
        req.destroy();
        setTimeout(resolve, 50);
      }, 50);
    });
    releaseSlow();
    await settle();
    expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'request aborted', req: expect.objectContaining({ url: '/api/slow' }) })]);
  });
});
