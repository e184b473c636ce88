import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pinoHttp from 'pino-http';
import { requestLogOptions } from '../src/common/request-log';

/** The request log: one line per request with its id, method, URL, status and time, and never a header. */
describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let port: number;

  beforeAll(async () => {
    const log = pinoHttp(requestLogOptions('info'), { write: (s: string) => void lines.push(JSON.parse(s)) });
    server = createServer((req, res) => {
      log(req, res);
      req.log.info('inside');
      res.setHeader('Set-Cookie', 'grants.sid=SECRET-SET');
      res.statusCode = req.url === '/api/boom' ? 500 : 200;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const fetchPath = (path: string, headers: Record<string, string> = {}) =>
    new Promise<string | undefined>((r) => get({ host: '127.0.0.1', port, path, headers }, (res) => { res.resume(); res.on('end', () => r(res.headers['x-request-id'] as string)); }));

  it('writes method, URL, status and time under the request id; no cookie, CSRF token or Set-Cookie', async () => {
    const id = await fetchPath('/api/organizations/mine?x=1', { cookie: 'grants.sid=SECRET-COOKIE', 'x-csrf-token': 'SECRET-CSRF', 'x-request-id': 'req-1' });
    await fetchPath('/api/boom');
    await fetchPath('/api/health');
    await new Promise((r) => setTimeout(r, 50));
    expect(id).toBe('req-1');
    const done = lines.filter((l) => l.msg === 'request completed');
    expect(done).toEqual([expect.objectContaining({ reqId: 'req-1', req: { id: 'req-1', method: 'GET', url: '/api/organizations/mine?x=1' }, res: { statusCode: 200 }, responseTime: expect.any(Number) })]);
    expect(lines.find((l) => l.msg === 'inside')).toMatchObject({ reqId: 'req-1' });
    expect(lines.find((l) => l.msg === 'request errored')).toMatchObject({ req: { method: 'GET', url: '/api/boom' }, res: { statusCode: 500 } });
    expect(lines.some((l) => (l.req as { url?: string } | undefined)?.url === '/api/health')).toBe(false);
    expect(JSON.stringify(lines)).not.toMatch(/SECRET|headers/);
  });
});
