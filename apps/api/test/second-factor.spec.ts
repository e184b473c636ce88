import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { generate } from 'otplib';
import { Client, Harness, newUser, PASSWORD, snapshotCounts, startApi, TOTP_SECRETS, unusedTotpCode } from './harness';

const NIL = '00000000-0000-0000-0000-000000000000';
const ORIGIN = 'http://localhost:3000';
const RP_ID = 'localhost';
const b64url = (b: Uint8Array | Buffer | string) => Buffer.from(b as Uint8Array).toString('base64url');
const sha256 = (b: Uint8Array | Buffer | string) => createHash('sha256').update(b as Uint8Array).digest();
const codeOf = (r: { body: { details?: { field: string; code: string }[] } }) => r.body.details?.[0]?.code;

/**
 * A software authenticator (a passkey on ES256 keys from node:crypto): answers navigator.credentials.create with a
 * `none` attestation and navigator.credentials.get with a signature over authenticatorData ‖ SHA-256(clientDataJSON).
 */
class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  counter = 0;

  private authData(flags: number, attested?: Buffer) {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    return Buffer.concat([sha256(RP_ID), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  private cosePublicKey(): Uint8Array {
    const jwk = this.keys.publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    return isoCBOR.encode(new Map<number, number | Uint8Array>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x, 'base64url')], [-3, Buffer.from(jwk.y, 'base64url')],
    ]));
  }

  create(options: { challenge: string }) {
    const clientDataJSON = JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: ORIGIN, crossOrigin: false });
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLen, this.credentialId, Buffer.from(this.cosePublicKey())]);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', this.authData(0x45, attested)]]) as never);
    return {
      id: b64url(this.credentialId), rawId: b64url(this.credentialId), type: 'public-key', authenticatorAttachment: 'platform', clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
    };
  }

  get(options: { challenge: string }, key: KeyObject = this.keys.privateKey) {
    this.counter += 1;
    const clientDataJSON = JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: ORIGIN, crossOrigin: false });
    const authenticatorData = this.authData(0x05);
    const signature = sign('sha256', Buffer.concat([authenticatorData, sha256(clientDataJSON)]), key);
    return {
      id: b64url(this.credentialId), rawId: b64url(this.credentialId), type: 'public-key', clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
    };
  }
}

describe('second factors (issue 14)', () => {
  let h: Harness;
  beforeAll(async () => (h = await startApi()));
  afterAll(() => h.close());

  /** A password login only: the session is left in the state it is in (challenge, enrol…). */
  const passwordOnly = async (email: string) => {
    const c = await new Client(h.app).init();
    const r = await c.post('/api/auth/login', { email, password: PASSWORD }).expect(200);
    c.csrf = r.body.csrfToken;
    return { c, me: r.body.user };
  };
  const audits = async (userId: string, action: string) =>
    (await h.ds.query(`SELECT summary FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY seq`, [userId, action])) as { summary: string }[];
  /** Moves this user's sessions' last second-factor check back by `ms`, as if that much time had passed. */
  const ageCheck = (userId: string, ms: number) => h.ds.query(
    `UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{secondFactorAt}', to_jsonb((sess->>'secondFactorAt')::bigint - $2::bigint))::json
      WHERE sess->'passport'->>'user' = $1 AND sess->>'secondFactorAt' IS NOT NULL`, [userId, ms]);

  it('a staff member without a factor must enrol before anything else: 403 second_factor_enrolment_required, then an authenticator app', async () => {
    const u = await newUser(h.ds, 'secretariat', { secondFactor: false });
    const { c, me } = await passwordOnly(u.email);
    expect(me.secondFactor).toEqual({ state: 'enrol', methods: [], verifiedAt: null });
    const refused = await c.get('/api/calls').expect(403);
    expect(codeOf(refused)).toBe('second_factor_enrolment_required');
    await c.get('/api/auth/me').expect(200);
    const status = await c.get('/api/auth/second-factor').expect(200);
    expect(status.body).toMatchObject({ required: true, state: 'enrol', totp: false, passkeys: [], recoveryCodesLeft: 0, verifiedAt: null });
    // a challenge is for a user who has a factor
    expect(codeOf(await c.post('/api/auth/second-factor/challenge/totp', { code: '123456' }).expect(403))).toBe('second_factor_enrolment_required');

    const setup = await c.post('/api/auth/second-factor/totp/setup').expect(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    const secret: string = setup.body.secret;
    const stored: { secret_enc: string; confirmed_at: Date | null }[] = await h.ds.query(`SELECT secret_enc, confirmed_at FROM user_totp_factors WHERE user_id = $1`, [u.user.id]);
    expect(stored[0].confirmed_at).toBeNull();
    expect(stored[0].secret_enc).not.toContain(secret); // sealed at rest
    expect(Buffer.from(stored[0].secret_enc, 'base64').toString('latin1')).not.toContain(secret);

    const before = await snapshotCounts(h.ds);
    const wrong = await c.post('/api/auth/second-factor/totp/confirm', { code: '000000' }).expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'code', code: 'code_invalid' });
    expect(await snapshotCounts(h.ds)).toEqual(before);
    const bad = await c.post('/api/auth/second-factor/totp/confirm', {}).expect(400);
    expect(bad.body.details[0].field).toBe('code');

    const ok = await c.post('/api/auth/second-factor/totp/confirm', { code: await generate({ secret }) }).expect(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    for (const code of ok.body.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
    expect(ok.body.status).toMatchObject({ state: 'verified', totp: true, recoveryCodesLeft: 10 });
    const hashes: { code_hash: string }[] = await h.ds.query(`SELECT code_hash FROM user_recovery_codes WHERE user_id = $1`, [u.user.id]);
    expect(hashes.map((x) => x.code_hash).join()).not.toContain(ok.body.recoveryCodes[0].replace(/-/g, ''));
    await c.get('/api/calls').expect(200);
    expect((await c.get('/api/auth/me').expect(200)).body.secondFactor).toMatchObject({ state: 'verified', methods: ['totp', 'recovery'] });
    expect((await audits(u.user.id, 'second_factor.enrolled')).length).toBe(1);
    expect((await h.ds.query(`SELECT second_factor_at FROM users WHERE id = $1`, [u.user.id]))[0].second_factor_at).not.toBeNull();
    // a second app is refused while one is set up
    expect((await c.post('/api/auth/second-factor/totp/setup').expect(400)).body.details[0]).toMatchObject({ field: 'totp', code: 'totp_exists' });
  });

  it('the next login is challenged (401 second_factor_required everywhere else, no enrolment); a code passes once, a replay is refused', async () => {
    const u = await newUser(h.ds, 'evaluator');
    const { c, me } = await passwordOnly(u.email);
    expect(me.secondFactor).toEqual({ state: 'challenge', methods: ['totp'], verifiedAt: null });
    expect(codeOf(await c.get('/api/calls').expect(401))).toBe('second_factor_required');
    expect(codeOf(await c.get('/api/notifications').expect(401))).toBe('second_factor_required');
    // someone who knows only the password cannot add their own factor
    expect(codeOf(await c.post('/api/auth/second-factor/totp/setup').expect(401))).toBe('second_factor_required');
    expect(codeOf(await c.post('/api/auth/second-factor/passkeys/registration-options').expect(401))).toBe('second_factor_required');
    await c.get('/api/auth/second-factor').expect(200);

    const code = await unusedTotpCode(h.ds, u.user.id, u.totpSecret!);
    const oldCsrf = c.csrf;
    const passed = await c.post('/api/auth/second-factor/challenge/totp', { code }).expect(200);
    expect(passed.body.user.secondFactor.state).toBe('verified');
    expect(passed.body.user.secondFactor.verifiedAt).toEqual(expect.any(String));
    expect(passed.body.csrfToken).not.toBe(oldCsrf);
    c.csrf = passed.body.csrfToken;
    await c.get('/api/calls').expect(200);

    // the same code in another session: its 30-second step was used
    const other = await passwordOnly(u.email);
    const replay = await other.c.post('/api/auth/second-factor/challenge/totp', { code }).expect(400);
    expect(replay.body.details[0]).toMatchObject({ field: 'code', code: 'code_invalid', message: 'The code is wrong or has expired' });
    await other.c.get('/api/calls').expect(401);
  });

  it('before the second factor, the pages it shows can switch their language, and nothing else about the account changes', async () => {
    const staff = await newUser(h.ds, 'secretariat', { secondFactor: false, language: 'en' });
    const enrolling = await passwordOnly(staff.email);
    expect(enrolling.me.secondFactor.state).toBe('enrol');
    const sr = await enrolling.c.patch('/api/users/me', { language: 'sr', script: 'cyrillic' }).expect(200);
    expect(sr.body).toMatchObject({ language: 'sr', script: 'cyrillic', secondFactor: { state: 'enrol' } });
    expect(codeOf(await enrolling.c.patch('/api/users/me', { fullName: 'Someone Else' }).expect(403))).toBe('second_factor_enrolment_required');
    expect((await enrolling.c.patch('/api/users/me', { language: 'bg' }).expect(400)).body.details[0]).toMatchObject({ field: 'language' });

    const evaluator = await newUser(h.ds, 'evaluator', { language: 'en' });
    const challenged = await passwordOnly(evaluator.email);
    expect(challenged.me.secondFactor.state).toBe('challenge');
    expect((await challenged.c.patch('/api/users/me', { language: 'sq' }).expect(200)).body.language).toBe('sq');
    expect(codeOf(await challenged.c.patch('/api/users/me', { fullName: 'Someone Else', language: 'en' }).expect(401))).toBe('second_factor_required');
    const rows = (await h.ds.query(`SELECT id, full_name, language, script FROM users WHERE id = ANY($1) ORDER BY email`, [[staff.user.id, evaluator.user.id]])) as { id: string; full_name: string; language: string; script: string }[];
    expect(rows.find((r) => r.id === staff.user.id)).toMatchObject({ full_name: staff.user.fullName, language: 'sr', script: 'cyrillic' });
    // the refused request changed nothing, not even the language it also asked for
    expect(rows.find((r) => r.id === evaluator.user.id)).toMatchObject({ full_name: evaluator.user.fullName, language: 'sq' });
  });

  it('a recovery code passes the challenge once; it is audited and counted', async () => {
    const u = await newUser(h.ds, 'monitor', { secondFactor: false });
    const first = await new Client(h.app).init();
    await first.login(u.email, PASSWORD); // enrols through the API: recovery codes kept by the harness
    const codes = await first.post('/api/auth/second-factor/recovery-codes').expect(200);
    expect(codes.body.recoveryCodes).toHaveLength(10);
    const code: string = codes.body.recoveryCodes[3];

    const { c, me } = await passwordOnly(u.email);
    expect(me.secondFactor.methods).toEqual(['totp', 'recovery']);
    const passed = await c.post('/api/auth/second-factor/challenge/recovery', { code: code.toUpperCase().replace(/-/g, ' ') }).expect(200);
    expect(passed.body.user.secondFactor.state).toBe('verified');
    c.csrf = passed.body.csrfToken;
    expect((await c.get('/api/auth/second-factor').expect(200)).body.recoveryCodesLeft).toBe(9);
    const used = await audits(u.user.id, 'second_factor.recovery_used');
    expect(used).toHaveLength(1);
    expect(used[0].summary).not.toContain(code);

    const again = await passwordOnly(u.email);
    expect((await again.c.post('/api/auth/second-factor/challenge/recovery', { code }).expect(400)).body.details[0].field).toBe('code');
    // the set issued at enrolment was voided by the new one
    const oldSet = (await h.ds.query(`SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1`, [u.user.id]))[0].n;
    expect(oldSet).toBe(10);
  });

  it('five wrong codes lock the checks for 15 minutes: 429, even for the right code', async () => {
    const u = await newUser(h.ds, 'secretariat');
    const { c } = await passwordOnly(u.email);
    for (let i = 0; i < 5; i++) await c.post('/api/auth/second-factor/challenge/totp', { code: '000000' }).expect(400);
    const locked = await c.post('/api/auth/second-factor/challenge/totp', { code: await unusedTotpCode(h.ds, u.user.id, u.totpSecret!) }).expect(429);
    expect(locked.body.details[0]).toMatchObject({ field: 'code', code: 'locked' });
    await c.post('/api/auth/second-factor/challenge/recovery', { code: 'abcd-efgh-jk' }).expect(429);
    expect(await audits(u.user.id, 'second_factor.locked')).toHaveLength(1);
    await c.get('/api/calls').expect(401);
  });

  it('sensitive actions ask again after 15 minutes: 403 step_up_required before the body is read; a fresh check lets them through', async () => {
    const u = await newUser(h.ds, 'secretariat');
    const c = await new Client(h.app).init();
    await c.login(u.email, PASSWORD);
    // fresh: the routes answer as they always did (a nil id is not there; an empty body is refused)
    await c.post(`/api/tranches/${NIL}/approve`).expect(404);
    expect((await c.post(`/api/calls/${NIL}/decision`, {}).expect(400)).body.details.length).toBeGreaterThan(0);

    await ageCheck(u.user.id, 15 * 60_000 + 1000);
    const before = await snapshotCounts(h.ds);
    for (const [path, body] of [[`/api/tranches/${NIL}/approve`, undefined], [`/api/calls/${NIL}/decision`, {}], [`/api/awards/${NIL}/decline`, {}], [`/api/grant-amendments/${NIL}/decision`, {}]] as const) {
      const r = await c.post(path, body).expect(403);
      expect(codeOf(r)).toBe('step_up_required');
    }
    expect(await snapshotCounts(h.ds)).toEqual(before);
    // the ordinary routes do not ask
    await c.get('/api/calls').expect(200);
    expect((await c.get('/api/auth/me').expect(200)).body.secondFactor.state).toBe('verified');

    const again = await c.post('/api/auth/second-factor/challenge/totp', { code: await unusedTotpCode(h.ds, u.user.id, u.totpSecret!) }).expect(200);
    c.csrf = again.body.csrfToken;
    await c.post(`/api/tranches/${NIL}/approve`).expect(404);
  });

  it('what grants or takes away someone’s access asks again after 15 minutes too: staff invitations, focal points, (de)activation, erasure, retention', async () => {
    const u = await newUser(h.ds, 'secretariat_admin');
    const c = await new Client(h.app).init();
    await c.login(u.email, PASSWORD);
    await ageCheck(u.user.id, 15 * 60_000 + 1000);
    const before = await snapshotCounts(h.ds);
    const routes = [
      ['post', '/api/invitations', {}], ['put', `/api/safeguarding/focal-points/${NIL}`, {}], ['post', `/api/users/${NIL}/deactivate`, undefined],
      ['post', `/api/users/${NIL}/reactivate`, undefined], ['post', `/api/users/${NIL}/erase`, {}], ['put', '/api/retention/settings', {}],
    ] as const;
    for (const [method, path, body] of routes) {
      const r = await (method === 'put' ? c.put(path, body) : c.post(path, body)).expect(403);
      expect([path, codeOf(r)]).toEqual([path, 'step_up_required']);
    }
    expect(await snapshotCounts(h.ds)).toEqual(before);
    // once the factor is given again they answer as always (a nil id is not there)
    const again = await c.post('/api/auth/second-factor/challenge/totp', { code: await unusedTotpCode(h.ds, u.user.id, u.totpSecret!) }).expect(200);
    c.csrf = again.body.csrfToken;
    await c.post(`/api/users/${NIL}/deactivate`).expect(404);
  });

  it('a passkey (a software ES256 authenticator) enrols an organisation user, then answers the login challenge; a forged signature is refused', async () => {
    const u = await newUser(h.ds, 'applicant');
    const c = await new Client(h.app).init();
    await c.login(u.email, PASSWORD);
    expect((await c.get('/api/auth/me').expect(200)).body.secondFactor.state).toBe('not_enrolled_optional');
    const auth = new SoftAuthenticator();
    const reg = await c.post('/api/auth/second-factor/passkeys/registration-options').expect(200);
    expect(reg.body.options).toMatchObject({ rp: { id: RP_ID }, challenge: expect.any(String) });
    const enrolled = await c.post('/api/auth/second-factor/passkeys', { response: auth.create(reg.body.options), name: 'Laptop' }).expect(200);
    expect(enrolled.body.recoveryCodes).toHaveLength(10);
    expect(enrolled.body.status.passkeys).toEqual([expect.objectContaining({ name: 'Laptop', lastUsedAt: null })]);
    // a registration answer is good once: its challenge was taken
    expect((await c.post('/api/auth/second-factor/passkeys', { response: auth.create(reg.body.options), name: 'Again' }).expect(400)).body.details[0].field).toBe('response');

    const { c: next, me } = await passwordOnly(u.email);
    expect(me.secondFactor).toMatchObject({ state: 'challenge', methods: ['passkey', 'recovery'] });
    const opts = await next.post('/api/auth/second-factor/challenge/passkey-options').expect(200);
    expect(opts.body.options.allowCredentials).toEqual([expect.objectContaining({ id: b64url(auth.credentialId) })]);
    const forged = auth.get(opts.body.options, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    expect((await next.post('/api/auth/second-factor/challenge/passkey', { response: forged }).expect(400)).body.details[0].field).toBe('response');
    const opts2 = await next.post('/api/auth/second-factor/challenge/passkey-options').expect(200);
    const passed = await next.post('/api/auth/second-factor/challenge/passkey', { response: auth.get(opts2.body.options) }).expect(200);
    expect(passed.body.user.secondFactor.state).toBe('verified');
    next.csrf = passed.body.csrfToken;
    const row = (await h.ds.query(`SELECT counter::int AS counter, last_used_at FROM user_passkeys WHERE user_id = $1`, [u.user.id]))[0];
    expect(row.counter).toBe(auth.counter);
    expect(row.last_used_at).not.toBeNull();

    // an optional role may remove its only factor: back to none, the recovery codes go with it
    const id = enrolled.body.status.passkeys[0].id;
    await next.delete(`/api/auth/second-factor/passkeys/${id}`).expect(204);
    expect((await next.get('/api/auth/me').expect(200)).body.secondFactor.state).toBe('not_enrolled_optional');
    expect((await h.ds.query(`SELECT second_factor_at FROM users WHERE id = $1`, [u.user.id]))[0].second_factor_at).toBeNull();
    expect((await next.get('/api/auth/second-factor').expect(200)).body.recoveryCodesLeft).toBe(0);
    expect(await audits(u.user.id, 'second_factor.removed')).toHaveLength(1);
  });

  it('a role that requires a factor keeps its last one (400 field totp); with a passkey beside it, the app may go', async () => {
    const u = await newUser(h.ds, 'monitor');
    const c = await new Client(h.app).init();
    await c.login(u.email, PASSWORD);
    const refused = await c.delete('/api/auth/second-factor/totp').expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'totp', code: 'last_factor' });
    const auth = new SoftAuthenticator();
    const reg = await c.post('/api/auth/second-factor/passkeys/registration-options').expect(200);
    const added = await c.post('/api/auth/second-factor/passkeys', { response: auth.create(reg.body.options), name: 'Phone' }).expect(200);
    expect(added.body.recoveryCodes).toBeNull(); // not the first factor
    // removing a factor is a sensitive change too
    await ageCheck(u.user.id, 16 * 60_000);
    expect(codeOf(await c.delete('/api/auth/second-factor/totp').expect(403))).toBe('step_up_required');
    const again = await c.post('/api/auth/second-factor/challenge/totp', { code: await unusedTotpCode(h.ds, u.user.id, u.totpSecret!) }).expect(200);
    c.csrf = again.body.csrfToken;
    await c.delete('/api/auth/second-factor/totp').expect(204);
    const status = await c.get('/api/auth/second-factor').expect(200);
    expect(status.body).toMatchObject({ totp: false, state: 'verified' });
    expect((await c.delete(`/api/auth/second-factor/passkeys/${status.body.passkeys[0].id}`).expect(400)).body.details[0]).toMatchObject({ field: 'passkey', code: 'last_factor' });
  });

  it("an admin resets a user's factors: audited without secrets, the user's sessions end, they are told and must enrol again", async () => {
    const target = await newUser(h.ds, 'evaluator');
    const theirs = await new Client(h.app).init();
    await theirs.login(target.email, PASSWORD);
    const admin = await new Client(h.app).init();
    const a = await newUser(h.ds, 'secretariat_admin');
    await admin.login(a.email, PASSWORD);
    const officer = await new Client(h.app).init();
    await officer.login((await newUser(h.ds, 'secretariat')).email, PASSWORD);

    expect((await admin.get(`/api/users?q=${encodeURIComponent(target.email)}`).expect(200)).body.items[0]).toMatchObject({ email: target.email, secondFactor: true });
    await officer.post(`/api/users/${target.user.id}/second-factors/reset`, { reason: 'Lost phone' }).expect(403);
    expect((await admin.post(`/api/users/${target.user.id}/second-factors/reset`, {}).expect(400)).body.details[0].field).toBe('reason');
    await admin.post(`/api/users/${NIL}/second-factors/reset`, { reason: 'x' }).expect(404);
    expect((await admin.post(`/api/users/${a.user.id}/second-factors/reset`, { reason: 'x' }).expect(400)).body.details[0].field).toBe('id');

    await admin.post(`/api/users/${target.user.id}/second-factors/reset`, { reason: 'Lost phone, identity checked by call' }).expect(204);
    const [entry] = await audits(target.user.id, 'user.second_factors_reset');
    expect(entry.summary).toContain('Lost phone');
    expect(entry.summary).not.toContain(target.totpSecret!);
    await theirs.get('/api/auth/me').expect(401);
    const note = await h.ds.query(`SELECT link FROM notifications WHERE user_id = $1 AND kind = 'account.second_factors_reset'`, [target.user.id]);
    expect(note).toEqual([{ link: '/account/security' }]);
    const mails = await h.ds.query(`SELECT text_body FROM emails WHERE to_address = $1`, [target.email]);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.map((m: { text_body: string }) => m.text_body).join()).not.toContain(target.totpSecret!);
    for (const t of ['user_totp_factors', 'user_passkeys', 'user_recovery_codes']) {
      expect((await h.ds.query(`SELECT count(*)::int AS n FROM ${t} WHERE user_id = $1`, [target.user.id]))[0].n).toBe(0);
    }
    TOTP_SECRETS.delete(target.email);
    const { me } = await passwordOnly(target.email);
    expect(me.secondFactor.state).toBe('enrol');
    expect((await admin.get(`/api/users?q=${encodeURIComponent(target.email)}`).expect(200)).body.items[0].secondFactor).toBe(false);

    // the reset itself is a sensitive action
    await ageCheck(a.user.id, 20 * 60_000);
    expect(codeOf(await admin.post(`/api/users/${target.user.id}/second-factors/reset`, { reason: 'again' }).expect(403))).toBe('step_up_required');
  });

  it('the routes beside the guard wait for the factor too: the queue dashboard and the demo mailbox', async () => {
    const a = await newUser(h.ds, 'secretariat_admin');
    const { c } = await passwordOnly(a.email);
    expect(codeOf(await c.get('/api/admin/queues/api/queues').expect(401))).toBe('second_factor_required');
    await c.get('/api/dev/mailbox').set({ 'X-Forwarded-For': '203.0.113.7' }).expect(404);
    const passed = await c.post('/api/auth/second-factor/challenge/totp', { code: await unusedTotpCode(h.ds, a.user.id, a.totpSecret!) }).expect(200);
    c.csrf = passed.body.csrfToken;
    await c.get('/api/admin/queues/api/queues').expect(200);
    await c.get('/api/dev/mailbox').set({ 'X-Forwarded-For': '203.0.113.7' }).expect(200);
  });

  it('new recovery codes void the old ones; without a factor there are none to make', async () => {
    const u = await newUser(h.ds, 'observer');
    const c = await new Client(h.app).init();
    await c.login(u.email, PASSWORD);
    expect((await c.post('/api/auth/second-factor/recovery-codes').expect(400)).body.details[0].field).toBe('recoveryCodes');
    const setup = await c.post('/api/auth/second-factor/totp/setup').expect(200);
    const first = await c.post('/api/auth/second-factor/totp/confirm', { code: await generate({ secret: setup.body.secret }) }).expect(200);
    const renewed = await c.post('/api/auth/second-factor/recovery-codes').expect(200);
    expect(renewed.body.recoveryCodes).not.toEqual(first.body.recoveryCodes);
    const { c: next } = await passwordOnly(u.email);
    await next.post('/api/auth/second-factor/challenge/recovery', { code: first.body.recoveryCodes[0] }).expect(400);
    await next.post('/api/auth/second-factor/challenge/recovery', { code: renewed.body.recoveryCodes[0] }).expect(200);
  });
});
