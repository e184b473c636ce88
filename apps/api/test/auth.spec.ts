import { Client, Harness, lastLinkTo, loginAs, snapshotCounts, startApi, tokenOf } from './harness';

const registration = (email: string) => ({
  email, password: 'a-long-enough-passphrase', fullName: 'Vjosa Berisha', language: 'sq',
  organization: { legalName: 'Shoqata Ndihma', acronym: 'SN', registrationNumber: '5110999-1', municipality: 'ferizaj' },
});

describe('accounts: register, verify, login, reset', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  it('a CSO registers, confirms its e-mail by the link, and logs in as owner of its organisation', async () => {
    const c = await new Client(h.app).init();
    const res = await c.post('/api/auth/register', registration('vjosa@ndihma.org')).expect(201);
    expect(res.body.message).toMatch(/e-mail/);

    // not verified yet
    const early = await c.post('/api/auth/login', { email: 'vjosa@ndihma.org', password: 'a-long-enough-passphrase' }).expect(403);
    expect(early.body.details[0].code).toBe('not_verified');

    const link = await lastLinkTo(h.ds, 'vjosa@ndihma.org');
    expect(link).toContain('/verify-email?token=');
    const mail = await h.ds.query(`SELECT subject, language FROM emails WHERE to_address = 'vjosa@ndihma.org'`);
    expect(mail[0]).toEqual({ subject: 'Konfirmoni adresën tuaj të e-mailit', language: 'sq' }); // in the applicant's language
    await c.post('/api/auth/verify-email', { token: tokenOf(link) }).expect(200);
    const again = await c.post('/api/auth/verify-email', { token: tokenOf(link) }).expect(400);
    expect(again.body.details[0]).toMatchObject({ field: 'token', code: 'token_invalid' });

    const login = await c.login('Vjosa@Ndihma.org', 'a-long-enough-passphrase');
    const me = await login.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ email: 'vjosa@ndihma.org', role: 'applicant', orgRole: 'owner', language: 'sq', emailVerified: true });
    expect(me.body.permissions).toContain('organization.members.invite');
    const org = await c.get('/api/organizations/mine').expect(200);
    expect(org.body).toMatchObject({ legalName: 'Shoqata Ndihma', municipality: 'ferizaj', licence: { status: 'missing' } });

    await c.post('/api/auth/logout').expect(200).then((r) => (c.csrf = r.body.csrfToken));
    await c.get('/api/auth/me').expect(401);

    const audit = await h.ds.query(`SELECT action FROM audit_log ORDER BY seq`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['organization.registered', 'user.email_verified', 'user.login']));
  });

  it('refuses bad registrations with the field named, and changes nothing', async () => {
    const c = await new Client(h.app).init();
    const before = await snapshotCounts(h.ds);
    const cases: [object, string, string][] = [
      [{ ...registration('x@y.org'), email: 'not-an-email' }, 'email', 'email'],
      [{ ...registration('x@y.org'), password: 'short' }, 'password', 'password_min_length'],
      [{ ...registration('x@y.org'), organization: { ...registration('x').organization, municipality: 'atlantis' } }, 'organization.municipality', 'enum'],
      [{ ...registration('x@y.org'), organization: { ...registration('x').organization, legalName: '' } }, 'organization.legalName', 'required'],
      [{ ...registration('x@y.org'), isAdmin: true }, 'isAdmin', 'unknown_field'],
      [{ ...registration('x@y.org'), language: 'de' }, 'language', 'enum'],
    ];
    for (const [body, field, code] of cases) {
      const r = await c.post('/api/auth/register', body).expect(400);
      expect(r.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(r.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    }
    const first = await c.post('/api/auth/register', registration('dup@y.org')).expect(201);
    // a taken address (whatever its case) answers like a fresh one and creates nothing (hole 8 of issue 8)
    const dup = await c.post('/api/auth/register', registration('DUP@y.org')).expect(201);
    expect(dup.body).toEqual(first.body);
    const after = await snapshotCounts(h.ds);
    expect(after.users).toBe(before.users + 1); // only the one good registration
  });

  it('refuses a change without the CSRF token', async () => {
    const c = await new Client(h.app).init();
    const r = await c.agent.post('/api/auth/register').send(registration('csrf@y.org')).expect(403);
    expect(r.body.details[0]).toMatchObject({ field: 'x-csrf-token', code: 'csrf' });
  });

  it('locks an account after 5 wrong passwords, and a reset by e-mail unlocks it', async () => {
    const { email, password } = await loginAs(h, 'evaluator');
    const c = await new Client(h.app).init();
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/auth/login', { email, password: 'wrong-password-123' }).expect(401);
      expect(r.body.details[0].code).toBe('invalid_credentials');
    }
    const locked = await c.post('/api/auth/login', { email, password }).expect(429);
    expect(locked.body.details[0].code).toBe('locked');

    await c.post('/api/auth/forgot-password', { email }).expect(202);
    await c.post('/api/auth/forgot-password', { email: 'nobody@nowhere.org' }).expect(202); // same answer
    const link = await lastLinkTo(h.ds, email);
    expect(link).toContain('/reset-password?token=');
    const weak = await c.post('/api/auth/reset-password', { token: tokenOf(link), password: 'password123' }).expect(400);
    expect(weak.body.details[0].field).toBe('password');
    // the weak attempt rolled back: the token still works
    await c.post('/api/auth/reset-password', { token: tokenOf(link), password: 'a-brand-new-passphrase' }).expect(200);
    await c.login(email, 'a-brand-new-passphrase');
  });

  it('answers unknown e-mail and wrong password the same way', async () => {
    const c = await new Client(h.app).init();
    const a = await c.post('/api/auth/login', { email: 'ghost@example.org', password: 'whatever-123456' }).expect(401);
    const { email } = await loginAs(h, 'observer');
    const b = await c.post('/api/auth/login', { email, password: 'whatever-123456' }).expect(401);
    expect(a.body).toEqual(b.body);
  });
});
