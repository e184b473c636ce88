import { demoCallDraft } from '@grants/domain';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request, { type Response } from 'supertest';
import { compressAnswers } from '../src/web-static';
import { demoApplicationContent } from '../src/seed/demo-application';
import { Client, Harness, loginAs, startApi } from './harness';

/** What makes the portal fast (issue 9) without changing what it answers: compression, caching headers, sessions, autosave. */
describe('speed without surprises', () => {
  let h: Harness;
  const web = mkdtempSync(join(tmpdir(), 'grants-web-'));
  const ASSET = 'assets/index-D3adB33f.js';
  const script = `console.log(${JSON.stringify('the web app '.repeat(400))});\n`;

  beforeAll(async () => {
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), `<!doctype html><html><head><script type="module" src="/${ASSET}"></script></head><body><div id="root"></div></body></html>`);
    writeFileSync(join(web, ASSET), script);
    writeFileSync(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(web, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
    writeFileSync(join(web, 'manifest.webmanifest'), '{"name":"Grant scheme portal","start_url":"/"}');
    h = await startApi({ WEB_DIST_DIR: web });
  });
  afterAll(() => h.close());

  /** An answer's bytes as they travel (supertest would decompress them), from the API listening on a port of its own. */
  let base = '';
  const rawGet = async (path: string, headers: Record<string, string> = {}) => {
    if (!base) {
      const server = h.app.getHttpServer() as Server;
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(`${base}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  };
  const sessionOf = async (userId: string) =>
    ((await h.ds.query(`SELECT sid, sess, expire FROM sessions WHERE sess->'passport'->>'user' = $1`, [userId])) as { sid: string; sess: Record<string, number>; expire: Date }[])[0];
  const sidCookie = (r: Response) => ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('grants.sid='));

  describe('compression', () => {
    it('sends a hashed asset brotli- or gzip-compressed, as the browser asks', async () => {
      const br = await rawGet(`/${ASSET}`, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['vary']).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.body).toString()).toBe(script);
      expect(br.body.length).toBeLessThan(script.length / 5);
      const gz = await rawGet(`/${ASSET}`, { 'Accept-Encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(script);
      const plain = await rawGet(`/${ASSET}`, { 'Accept-Encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(script);
    });

    it('compresses the API JSON, which stays out of every cache', async () => {
      const r = await rawGet('/api/openapi.json', { 'Accept-Encoding': 'gzip' });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(r.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(gunzipSync(r.body).toString()).openapi).toMatch(/^3\./);
    });

    it('never compresses the answers of /api/auth, which carry the CSRF token (BREACH)', async () => {
      const big = { text: 'x'.repeat(5000) };
      const app = express().use(compressAnswers());
      app.get('/api/auth/csrf', (_req, res) => res.json(big));
      app.get('/api/calls', (_req, res) => res.json(big));
      const auth = await request(app).get('/api/auth/csrf').set('Accept-Encoding', 'gzip, br').expect(200);
      expect(auth.headers['content-encoding']).toBeUndefined();
      expect(auth.body).toEqual(big);
      const other = await request(app).get('/api/calls').set('Accept-Encoding', 'gzip').expect(200);
      expect(other.headers['content-encoding']).toBe('gzip');
    });

    it('keeps a personal answer out of every cache, compressed or not', async () => {
      const { client } = await loginAs(h, 'applicant');
      const r = await client.get('/api/organizations/mine').set('Accept-Encoding', 'gzip, br').expect(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['pragma']).toBe('no-cache');
    });
  });

  describe('caching of the web app', () => {
    it('caches a hashed asset for a year as immutable', async () => {
      const r = await new Client(h.app).get(`/${ASSET}`).expect(200);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('never caches index.html, whether asked for by name or as a route of the web app', async () => {
      for (const path of ['/index.html', '/', '/applications/123', '/calls?x=1']) {
        const r = await new Client(h.app).get(path).expect(200);
        expect(r.headers['content-type']).toMatch(/text\/html/);
        expect(r.headers['cache-control']).toBe('no-store');
        expect(r.text).toContain('<div id="root">');
      }
    });

    it('serves the service worker and the manifest with their types, asked again on every visit (a new build is found at once)', async () => {
      const sw = await new Client(h.app).get('/sw.js').expect(200);
      expect(sw.headers['content-type']).toMatch(/^text\/javascript/);
      expect(sw.headers['cache-control']).toBe('no-cache');
      const manifest = await new Client(h.app).get('/manifest.webmanifest').expect(200);
      expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
      expect(manifest.headers['cache-control']).toBe('no-cache');
      expect((await new Client(h.app).get('/favicon.svg').expect(200)).headers['cache-control']).toBe('public, max-age=3600');
    });

    it('answers 404 for a missing asset instead of the page', async () => {
      await new Client(h.app).get('/assets/gone-0000.js').expect(404);
    });

    it('serves the files and the health check without a session', async () => {
      for (const path of [`/${ASSET}`, '/favicon.svg', '/', '/api/health']) {
        const r = await new Client(h.app).get(path);
        expect(r.status).toBe(200);
        expect(sidCookie(r)).toBeUndefined();
      }
    });
  });

  describe('sessions', () => {
    it('a read does not write the session again; the minute it was last seen is written once a minute', async () => {
      const { client, user } = await loginAs(h, 'observer');
      expect(sidCookie(await client.get('/api/auth/me').expect(200))).toBeUndefined(); // the cookie came with the login
      const before = await sessionOf(user.id);
      for (let i = 0; i < 3; i++) expect(sidCookie(await client.get('/api/auth/me').expect(200))).toBeUndefined();
      expect(await sessionOf(user.id)).toEqual(before);
      // two minutes later the next request records it (and the idle timeout counts from then)
      await h.ds.query(`UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{seenAt}', to_jsonb($2::bigint))::json WHERE sid = $1`, [before.sid, before.sess.seenAt - 120_000]);
      await client.get('/api/auth/me').expect(200);
      const moved = await sessionOf(user.id);
      expect(moved.sess.seenAt).toBeGreaterThanOrEqual(before.sess.seenAt);
      expect(moved.sess.loginAt).toBe(before.sess.loginAt);
    });

    it('reads the user with the session: a changed role or a deactivation counts from the next request', async () => {
      const { client, user } = await loginAs(h, 'observer');
      expect((await client.get('/api/auth/me').expect(200)).body.role).toBe('observer');
      await h.ds.query(`UPDATE users SET role = 'monitor' WHERE id = $1`, [user.id]);
      expect((await client.get('/api/auth/me').expect(200)).body.role).toBe('monitor');
      await h.ds.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
      await client.get('/api/auth/me').expect(401);
      await h.ds.query(`UPDATE users SET active = true WHERE id = $1`, [user.id]);
      await client.get('/api/auth/me').expect(401); // the session lost its login: the person logs in again
    });
  });

  describe('autosave', () => {
    let callId: string;
    beforeAll(async () => {
      const officer = await loginAs(h, 'secretariat');
      const reference = 'MF-T-2026-92';
      const created = await officer.client.post('/api/calls', { reference, title: { en: 'T', sq: 'T', sr: 'T' } }).expect(201);
      const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), reference);
      const saved = await officer.client.patch(`/api/calls/${created.body.id}`, { definition, version: created.body.version }).expect(200);
      await officer.client.post(`/api/calls/${created.body.id}/publish`, { version: saved.body.version }).expect(200);
      callId = created.body.id;
    });

    it('answers a save with exactly what a fresh read of the application shows', async () => {
      const { client } = await loginAs(h, 'applicant');
      const app = (await client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const full = demoApplicationContent('2027-03-01');
      const first = (await client.patch(`/api/applications/${app.id}`, { version: app.version, content: full }).expect(200)).body;
      const budget = { ...full.budget, lines: full.budget.lines.map((l, i) => (i === 0 ? { ...l, quantity: 6 } : l)) };
      const saved = (await client.patch(`/api/applications/${app.id}`, { version: first.version, content: { budget } }).expect(200)).body;
      const read = (await client.get(`/api/applications/${app.id}`).expect(200)).body;
      expect(saved.version).toBe(first.version + 1);
      expect({ ...saved, serverNow: null }).toEqual({ ...read, serverNow: null });
      // the licence number is the organisation profile's, whatever a save sends
      expect(read.content).toEqual({ ...full, budget, capacity: { ...full.capacity, licenceNumber: read.content.capacity.licenceNumber }, attachments: [] });
      expect(read.budget.directCents).toBe(first.budget.directCents - 6 * 120_000);
      // bigint cents come back as text: compared as integers, never through a float
      const [{ requested_cents }] = await h.ds.query(`SELECT requested_cents FROM applications WHERE id = $1`, [app.id]);
      expect(BigInt(requested_cents)).toBe(BigInt(read.budget.requestedCents));
    });

    it('lets exactly one of two saves made from the same version win; the other hears what was saved', async () => {
      const owner = await loginAs(h, 'applicant');
      const member = await loginAs(h, 'applicant', { organizationId: owner.user.organizationId!, orgRole: 'member' });
      const app = (await owner.client.post(`/api/calls/${callId}/applications`).expect(201)).body;
      const [a, b] = await Promise.all([
        owner.client.patch(`/api/applications/${app.id}`, { version: app.version, content: { project: { title: 'Owner’s title' } } }),
        member.client.patch(`/api/applications/${app.id}`, { version: app.version, content: { project: { title: 'Member’s title' } } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? 'Owner’s title' : 'Member’s title';
      const read = (await owner.client.get(`/api/applications/${app.id}`).expect(200)).body;
      expect(read.content.project.title).toBe(winner);
      expect(read.version).toBe(app.version + 1);
    });
  });
});
