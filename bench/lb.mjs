#!/usr/bin/env node
/**
 * A small round-robin HTTP load balancer for bench:scale (not for production: use nginx, see deploy/nginx.conf).
 * Each request goes to the next API process, over kept-alive sockets; a process that refuses a connection is left
 * out for two seconds and a request that could not be sent is tried on the next one. No stickiness: sessions are
 * in PostgreSQL, so any API process can answer any request.
 *
 *   LB_PORT=3400 LB_TARGETS=127.0.0.1:3401,127.0.0.1:3402 node bench/lb.mjs
 */
/* global process, console, setTimeout, Buffer */
import http from 'node:http';

const port = Number(process.env.LB_PORT || 3400);
const targets = (process.env.LB_TARGETS || '').split(',').filter(Boolean).map((t) => {
  const [host, p] = t.split(':');
  return { host, port: Number(p), agent: new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 }), downUntil: 0, sent: 0 };
});
if (!targets.length) throw new Error('LB_TARGETS: host:port,host:port');
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const strip = (headers) => Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP.has(k.toLowerCase())));
let next = 0;

function pick() {
  const now = Date.now();
  for (let k = 0; k < targets.length; k++) {
    const t = targets[next++ % targets.length];
    if (t.downUntil <= now) return t;
  }
  return targets[next++ % targets.length];
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const attempt = (tries) => {
      const t = pick();
      t.sent++;
      const headers = { ...strip(req.headers), 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http', 'content-length': String(body.length) };
      if (!body.length && (req.method === 'GET' || req.method === 'HEAD')) delete headers['content-length'];
      const up = http.request({ host: t.host, port: t.port, method: req.method, path: req.url, headers, agent: t.agent }, (r) => {
        res.writeHead(r.statusCode ?? 502, strip(r.headers));
        r.pipe(res);
      });
      up.on('error', (e) => {
        // refused or reset before an answer: this process is down (a restart); try the next one
        if (!res.headersSent && tries < targets.length && ['ECONNREFUSED', 'ECONNRESET'].includes(e.code)) {
          t.downUntil = Date.now() + 2000;
          return attempt(tries + 1);
        }
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: e.message }));
      });
      up.end(body);
    };
    attempt(1);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`lb on 127.0.0.1:${port} -> ${targets.map((t) => `${t.host}:${t.port}`).join(', ')}`));
const stop = () => {
  console.log(`lb: requests sent ${targets.map((t) => `${t.host}:${t.port}=${t.sent}`).join(', ')}`);
  server.close();
  for (const t of targets) t.agent.destroy();
  setTimeout(() => process.exit(0), 200).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
