import fc from 'fast-check';
import { Client, Harness, loginAs, snapshotCounts, startApi } from './harness';

/** Anything JSON can carry, and the shapes that break naive code: wrong types, huge strings, nesting, prototypes. */
const junk = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(null, '', ' ', '💥', 'a'.repeat(5000), '<script>alert(1)</script>', "' OR 1=1 --", '__proto__', -1, 1e308, true, [], {}),
);
const fieldsOf = (keys: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), junk, { maxKeys: 8 });

describe('malformed input never crashes the API and never changes a row', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

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
