import { demoCallDraft } from '@grants/domain';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Harness, loginAs, snapshotCounts, startApi } from './harness';

/** Anything JSON can carry, and the shapes that break naive code: wrong types, huge strings, nesting, prototypes. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(null, '', ' ', '💥', 'a'.repeat(5000), '<script>alert(1)</script>', "' OR 1=1 --", '__proto__', -1, 1e308, true, [], {}),
);
const fieldsOf = (keys: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), junk, { maxKeys: 8 });

// one API for the whole file (a second app in the same process would share module-level state with the first)
let h: Harness;
beforeAll(async () => (h = await startApi()));
afterAll(() => h.close());

describe('malformed input never crashes the API and never changes a row', () => {

  it('register', async () => {
    const c = await new Client(h.app).init();
    const before = await snapshotCounts(h.ds);
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fieldsOf(['email', 'password', 'fullName', 'language', 'organization']),
        fc.record({ email: junk, password: junk, fullName: junk, language: junk, organization: fieldsOf(['legalName', 'registrationNumber', 'municipality', 'acronym']) }),
      ),
      async (body) => {
        const r = await c.post('/api/auth/register', body as object);
        expect(r.status).toBeLessThan(500);
        if (r.status === 201) return; // a well-formed registration by chance: allowed
        expect(r.status).toBe(400);
        expect(Array.isArray(r.body.details)).toBe(true);
      },
    ), { numRuns: 80 });
    const after = await snapshotCounts(h.ds);
    expect(after.users).toBe(before.users);
  });

  it('login', async () => {
    const c = await new Client(h.app).init();
    const before = await snapshotCounts(h.ds);
    await fc.assert(fc.asyncProperty(fieldsOf(['email', 'password']), async (body) => {
      const r = await c.post('/api/auth/login', body as object);
      expect([400, 401]).toContain(r.status);
    }), { numRuns: 80 });
    expect(await snapshotCounts(h.ds)).toEqual(before);
  });

  it('organisation profile', async () => {
    const { client, user } = await loginAs(h, 'applicant');
    const org = (await client.get('/api/organizations/mine')).body;
    const before = await snapshotCounts(h.ds);
    await fc.assert(fc.asyncProperty(
      fieldsOf(['legalName', 'iban', 'licenceExpiry', 'municipality', 'website', 'email', 'phone', 'version', 'description']),
      async (body) => {
        const r = await client.patch(`/api/organizations/${user.organizationId}`, { ...body, version: typeof body.version === 'number' ? body.version : 'x' });
        expect(r.status).toBeLessThan(500);
        expect([400, 409]).toContain(r.status);
      },
    ), { numRuns: 80 });
    expect(await snapshotCounts(h.ds)).toEqual(before);
    expect((await client.get('/api/organizations/mine')).body).toEqual(org);
  });

  it('bodies that are not JSON objects', async () => {
    const c = await new Client(h.app).init();
    for (const raw of ['{bad', '[]', '"a string"', 'null', '1']) {
      const r = await c.agent.post('/api/auth/register').set('x-csrf-token', c.csrf).set('content-type', 'application/json').send(raw);
      expect(r.status).toBe(400);
    }
  });
});

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; format?: string; pattern?: string; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[]; nullable?: boolean };
type Doc = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

/** A JSON body shaped like the route's schema, with `text` in every free-text field; the paths of those fields. */
function sampleBody(doc: Doc, schema: Schema, text: string, path = '', fields: string[] = [], depth = 0): [unknown, string[]] {
  if (depth > 8) return [null, fields];
  if (schema.$ref) return sampleBody(doc, doc.components!.schemas![schema.$ref.split('/').pop()!]!, text, path, fields, depth + 1);
  const alt = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (alt) return sampleBody(doc, alt, text, path, fields, depth + 1);
  if (schema.enum) return [schema.enum[0], fields];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = sampleBody(doc, s, text, path ? `${path}.${k}` : k, fields, depth + 1)[0];
      return [out, fields];
    }
    case 'array': return [schema.items ? [sampleBody(doc, schema.items, text, `${path}.0`, fields, depth + 1)[0]] : [], fields];
    case 'integer': case 'number': return [1, fields];
    case 'boolean': return [true, fields];
    case 'string':
      if (schema.format || schema.pattern) return [schema.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : '2027-01-01', fields];
      fields.push(path);
      return [text, fields];
    default: return [{}, fields];
  }
}

/** Every row of every table (but the session store), to prove that a refused request changed nothing. */
async function fingerprint(ds: Harness['ds']): Promise<Record<string, string>> {
  const tables: { t: string }[] = await ds.query(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('sessions', 'migrations') ORDER BY 1`);
  // one statement for all the tables (70 and more): a round trip per table per request made these tests outlast their time
  const sql = tables.map(({ t }) => `SELECT '${t}' AS t, (SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') FROM "${t}" x) AS f`).join(' UNION ALL ');
  const rows: { t: string; f: string }[] = await ds.query(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

describe('hostile input on every route that takes a JSON body is a 400 naming the field, and changes nothing', () => {
  let routes: { method: string; path: string; schema: Schema }[];
  let clients: Client[];
  const ids: Record<string, string> = {};
  const chosen = new Map<string, Client>();

  beforeAll(async () => {
    const admin = await loginAs(h, 'secretariat_admin');
    const applicant = await loginAs(h, 'applicant');
    const evaluator = await loginAs(h, 'evaluator');
    clients = [admin.client, applicant.client, evaluator.client, await new Client(h.app).init()];
    // real records, so a text that passes validation reaches the database
    const created = (await admin.client.post('/api/calls', { reference: 'MF-FUZZ-01', title: { en: 'Fuzz', sq: 'Fuzz', sr: 'Fuzz' } }).expect(201)).body;
    const { reference: _r, documents: _d, ...definition } = { ...demoCallDraft(new Date().toISOString(), 'MF-FUZZ-01'), documents: undefined };
    const saved = (await admin.client.patch(`/api/calls/${created.id}`, { definition, version: created.version }).expect(200)).body;
    await admin.client.post(`/api/calls/${created.id}/publish`, { version: saved.version }).expect(200);
    ids.call = created.id;
    ids.application = (await applicant.client.post(`/api/calls/${created.id}/applications`).expect(201)).body.id;
    ids.question = (await applicant.client.post(`/api/calls/${created.id}/questions`, { question: 'Is rent eligible?' }).expect(201)).body.id;
    ids.session = (await admin.client.post(`/api/calls/${created.id}/info-sessions`, { startsAt: new Date(Date.now() + 5 * 86400_000).toISOString(), place: 'Prishtinë', capacity: 10 }).expect(201)).body[0].id;
    ids.organization = applicant.user.organizationId!;
    // the committed document: built with the Swagger plugin, so it knows every DTO's fields (ts-jest runs without it)
    const doc = JSON.parse(readFileSync(join(__dirname, '../openapi.json'), 'utf8')) as Doc;
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).flatMap(([method, op]) => {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      return schema ? [{ method, path, schema }] : [];
    }));
    routes.forEach((r) => Object.assign(r, { doc })); // the bodies are built from the route's schema and its references
  });

  const urlOf = (path: string) => path
    .replace(/^\/api\/calls\/\{id\}/, `/api/calls/${ids.call}`)
    .replace(/^\/api\/applications\/\{id\}/, `/api/applications/${ids.application}`)
    .replace(/^\/api\/organizations\/\{id\}/, `/api/organizations/${ids.organization}`)
    .replace('{questionId}', ids.question).replace('{sessionId}', ids.session)
    .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

  const send = (c: Client, method: string, url: string, body: string) => {
    const r = method === 'post' ? c.agent.post(url) : method === 'patch' ? c.agent.patch(url) : method === 'put' ? c.agent.put(url) : c.agent.delete(url);
    return r.set('x-csrf-token', c.csrf).set('content-type', 'application/json').send(body);
  };

  /** The first client that the route lets past its guards (an unknown field is refused without changing anything). */
  async function clientFor(method: string, url: string): Promise<Client> {
    if (chosen.has(url + method)) return chosen.get(url + method)!;
    for (const c of clients) {
      const r = await send(c, method, url, JSON.stringify({ zzProbe: 1 }));
      if (r.status !== 401 && r.status !== 403) {
        chosen.set(url + method, c);
        return c;
      }
    }
    return clients[0]!;
  }

  async function expectRefused(bad: (r: { path: string; schema: Schema; doc: Doc }) => { body: string; field: (f: string) => boolean; code: string } | null) {
    const failures: string[] = [];
    let tried = 0;
    for (const route of routes as unknown as { method: string; path: string; schema: Schema; doc: Doc }[]) {
      const input = bad(route);
      if (!input) continue;
      const url = urlOf(route.path);
      const c = await clientFor(route.method, url);
      const before = await fingerprint(h.ds);
      const r = await send(c, route.method, url, input.body);
      tried++;
      const detail = (r.body.details ?? []).find((d: { field: string; code: string }) => d.code === input.code && input.field(d.field));
      if (r.status !== 400 || !detail) failures.push(`${route.method.toUpperCase()} ${route.path}: ${r.status} ${JSON.stringify(r.body.details ?? r.body).slice(0, 160)}`);
      const after = await fingerprint(h.ds);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length) failures.push(`${route.method.toUpperCase()} ${route.path} changed ${changed.join(', ')}`);
    }
    expect(tried).toBeGreaterThan(15); // 21 routes with free text today, 36 with a JSON body
    expect(failures).toEqual([]);
  }

  it('a NUL character in any text field', async () => {
    await expectRefused(({ schema, doc }) => {
      const [body, fields] = sampleBody(doc, schema, 'a\u0000b');
      return fields.length ? { body: JSON.stringify(body), field: (f) => fields.includes(f), code: 'nul_character' } : null;
    });
  });

  it('a lone UTF-16 surrogate in any text field', async () => {
    await expectRefused(({ schema, doc }) => {
      const [body, fields] = sampleBody(doc, schema, 'a\ud800b');
      return fields.length ? { body: JSON.stringify(body), field: (f) => fields.includes(f), code: 'invalid_unicode' } : null;
    });
  });

  it('JSON nested 5,000 deep', async () => {
    const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    await expectRefused(() => ({ body: deep, field: (f) => f === 'body', code: 'too_deep' }));
  });

  it('__proto__, constructor and prototype keys are refused by name, not dropped silently', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      await expectRefused(({ schema, doc }) => {
        const [body] = sampleBody(doc, schema, 'text');
        const json = JSON.stringify(body);
        return { body: json === '{}' ? `{"${key}":{"isAdmin":true}}` : `{"${key}":{"isAdmin":true},${json.slice(1)}`, field: (f) => f === key, code: 'forbidden_key' };
      });
    }
  }, 120_000); // three keys on every route with a body, each with a fingerprint before and after

  it('the routes that answered 500 on a NUL in an otherwise valid body', async () => {
    const [admin, applicant] = clients as [Client, Client];
    const app = (await applicant.get(`/api/applications/${ids.application}`).expect(200)).body;
    const org = (await applicant.get(`/api/organizations/${ids.organization}`).expect(200)).body;
    const cases: [Client, 'post' | 'patch', string, object, string][] = [
      [admin, 'patch', '/api/users/me', { fullName: 'Ana\u0000' }, 'fullName'],
      [applicant, 'post', `/api/calls/${ids.call}/questions`, { question: 'Rent\u0000?' }, 'question'],
      [admin, 'post', `/api/calls/${ids.call}/questions/${ids.question}/answer`, { answer: 'Yes\u0000' }, 'answer'],
      [admin, 'post', `/api/calls/${ids.call}/info-sessions`, { startsAt: new Date(Date.now() + 9 * 86400_000).toISOString(), place: 'Prizren\u0000', capacity: 5 }, 'place'],
      [applicant, 'patch', `/api/applications/${ids.application}`, { version: app.version, content: { project: { title: 'Shelter\u0000' } } }, 'content.project.title'],
      [applicant, 'patch', `/api/organizations/${ids.organization}`, { version: org.version, legalName: 'CSO\u0000' }, 'legalName'],
      [admin, 'post', '/api/calls', { reference: 'MF-FUZZ-02', title: { en: 'T\u0000', sq: 'T', sr: 'T' } }, 'title.en'],
    ];
    const failures: string[] = [];
    for (const [c, method, url, body, field] of cases) {
      const before = await fingerprint(h.ds);
      const r = await c[method](url, body);
      if (r.status !== 400 || !(r.body.details ?? []).some((d: { field: string; code: string }) => d.field === field && d.code === 'nul_character')) failures.push(`${method.toUpperCase()} ${url}: ${r.status}`);
      if (JSON.stringify(await fingerprint(h.ds)) !== JSON.stringify(before)) failures.push(`${method.toUpperCase()} ${url} changed a row`);
    }
    expect(failures).toEqual([]);
  });

  it('budget amounts above 2^53 cents, and a line whose total would pass it', async () => {
    const [, applicant] = clients as [Client, Client];
    const app = (await applicant.get(`/api/applications/${ids.application}`).expect(200)).body;
    const line = { heading: 'human_resources', description: 'Psychologist', unit: 'month' };
    const cases: [object, string][] = [
      [{ lines: [{ ...line, quantity: 1, unitCostCents: 2 ** 53 + 2 }] }, 'content.budget.lines.0.unitCostCents'],
      [{ lines: [{ ...line, quantity: 1, unitCostCents: 100 }], coFinancingCents: 1e20 }, 'content.budget.coFinancingCents'],
      [{ lines: [{ ...line, quantity: 1_000_000, unitCostCents: 10_000_000_000 }] }, 'content.budget.lines.0.unitCostCents'], // 10^16 > 2^53
    ];
    for (const [budget, field] of cases) {
      const before = await fingerprint(h.ds);
      const r = await applicant.patch(`/api/applications/${ids.application}`, { version: app.version, content: { budget } });
      expect([field, r.status]).toEqual([field, 400]);
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await fingerprint(h.ds)).toEqual(before);
    }
  });

  it('a random id on any route is a 404 (or a 400), never a 500', async () => {
    const doc = (routes as unknown as { doc: Doc }[])[0]!.doc;
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const url = path.replace(/\{[^}]+\}/g, '5c0ffee0-0000-4000-8000-000000000000');
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const body = JSON.stringify(schema ? sampleBody(doc, schema, 'x')[0] : {});
        for (const c of clients) {
          const r = method === 'get' ? await c.get(url) : await send(c, method, url, body);
          if (r.status >= 500) failures.push(`${method.toUpperCase()} ${path} as client ${clients.indexOf(c)}: ${r.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('page=1e18 or 1e308 on list routes', async () => {
    const [admin] = clients;
    for (const path of ['/api/applications', '/api/notifications', '/api/organizations', '/api/users']) {
      for (const page of ['1e18', '1e308', '9007199254740993']) {
        const r = await admin!.get(`${path}?page=${page}`);
        expect([path, page, r.status]).toEqual([path, page, 400]);
        expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'page' })]));
      }
      const size = await admin!.get(`${path}?pageSize=1e308`);
      expect([path, size.status]).toEqual([path, 400]);
    }
  });
});
