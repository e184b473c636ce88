import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { secondFactorRequired, type OrgRole, type Role } from '@grants/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { generate, generateSecret } from 'otplib';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap';
import { loadEnv } from '../src/config/env.dto';
import { hashPassword } from '../src/modules/auth/passwords';
import { seal } from '../src/modules/safeguarding/safeguarding-crypto';
import { OrganizationEntity } from '../src/modules/organizations/entities/organization.entity';
import { UserEntity } from '../src/modules/users/entities/user.entity';
import { admin, createTestDatabase } from './db';

export type Harness = {
  app: NestExpressApplication;
  /** The API's own connection: the app role. */
  ds: DataSource;
  /** The app role's connection string (the API's DATABASE_URL). */
  dbUrl: string;
  queuePrefix: string;
  /** Runs queries as the database owner (the migrations' role): what someone around the API's own rights could do. */
  asOwner: <T = unknown>(fn: (q: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

/**
 * The login role the tests connect as: a member of `grants_app`, the least-privileged role the migrations create
 * (no table of its own, only INSERT and SELECT on the audit log and the decisions), as the API does in production.
 * Roles are cluster-wide and test runs parallel: an existing role is fine.
 */
export const TEST_APP_LOGIN = 'grants_test_app';

async function appRoleUrl(db: { name: string; url: string }): Promise<string> {
  await admin(async (c) => {
    await c.query(`DO $$ BEGIN CREATE ROLE ${TEST_APP_LOGIN} LOGIN IN ROLE grants_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    // database privileges are not cloned with the template: the queue's PostgreSQL backend creates its own schema
    await c.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${db.name} TO grants_app`);
  });
  const u = new URL(db.url);
  u.username = TEST_APP_LOGIN;
  u.password = '';
  return u.toString();
}

/** Sets the environment of one test file: its own database, its own queue prefix, its own file folder. */
export async function testEnv(extra: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const appUrl = await appRoleUrl(db);
  const queuePrefix = `test${process.pid}${Math.floor(Math.random() * 1e6)}`;
  Object.assign(process.env, {
    NODE_ENV: 'test', DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: db.url, QUEUE_PREFIX: queuePrefix, MIGRATE_ON_START: 'false', AUTH_RATE_LIMIT: '100000',
    FILE_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'grants-files-')), APP_URL: 'http://localhost:3000', DEMO_MODE: 'true', ...extra,
  });
  return { db, queuePrefix, appUrl };
}

export async function startApi(extra: Record<string, string> = {}): Promise<Harness> {
  const { db, queuePrefix, appUrl } = await testEnv(extra);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  await configureApp(app, loadEnv());
  await app.init();
  const ds = app.get(DataSource);
  return {
    app, ds, dbUrl: appUrl, queuePrefix,
    asOwner: async (fn) => {
      const c = new PgClient({ connectionString: db.url });
      await c.connect();
      try {
        return await fn(async (sql, params) => (await c.query(sql, params as unknown[])).rows);
      } finally {
        await c.end();
      }
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on every change. */
export class Client {
  readonly agent: TestAgent;
  csrf = '';
  constructor(private readonly app: NestExpressApplication) {
    this.agent = request.agent(app.getHttpServer());
  }
  async init() {
    const r = await this.agent.get('/api/auth/csrf').expect(200);
    this.csrf = r.body.csrfToken;
    return this;
  }
  get(path: string) {
    return this.agent.get(path);
  }
  post(path: string, body?: object) {
    return this.agent.post(path).set('x-csrf-token', this.csrf).send(body);
  }
  put(path: string, body?: object) {
    return this.agent.put(path).set('x-csrf-token', this.csrf).send(body);
  }
  patch(path: string, body?: object) {
    return this.agent.patch(path).set('x-csrf-token', this.csrf).send(body);
  }
  delete(path: string) {
    return this.agent.delete(path).set('x-csrf-token', this.csrf);
  }
  /**
   * A password login that also completes the second step the way a person would: a user with a factor answers the
   * challenge with a code of the authenticator app whose secret the factory kept (newUser), a user who must enrol
   * sets up an authenticator app (its secret kept for the next login). So specs written before issue 14 run as before.
   */
  async login(email: string, password: string) {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    const state = r.body.user?.secondFactor?.state;
    if (state === 'challenge') await this.passTotpChallenge(email, r.body.user.id);
    else if (state === 'enrol') await this.enrolTotp(email);
    return this;
  }

  /** Answers the second-factor challenge with the kept secret, using a 30-second step the user has not used yet. */
  async passTotpChallenge(email: string, userId: string) {
    const secret = TOTP_SECRETS.get(email.trim().toLowerCase());
    if (!secret) throw new Error(`login ${email}: the user has a second factor whose secret the harness does not know (create users with newUser)`);
    const code = await unusedTotpCode(this.app.get(DataSource), userId, secret);
    const c = await this.post('/api/auth/second-factor/challenge/totp', { code });
    if (c.status !== 200) throw new Error(`second factor of ${email} failed: ${c.status} ${JSON.stringify(c.body)}`);
    this.csrf = c.body.csrfToken;
  }

  /** Forced enrolment: sets up an authenticator app through the API and keeps its secret and recovery codes. */
  async enrolTotp(email: string) {
    const setup = await this.post('/api/auth/second-factor/totp/setup');
    if (setup.status !== 200) throw new Error(`enrolment of ${email} failed: ${setup.status} ${JSON.stringify(setup.body)}`);
    const secret: string = setup.body.secret;
    const confirm = await this.post('/api/auth/second-factor/totp/confirm', { code: await generate({ secret }) });
    if (confirm.status !== 200) throw new Error(`enrolment of ${email} failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
    TOTP_SECRETS.set(email.trim().toLowerCase(), secret);
    RECOVERY_CODES.set(email.trim().toLowerCase(), confirm.body.recoveryCodes ?? []);
  }
}

/** The authenticator-app secret of each user the tests made or enrolled (by lower-cased e-mail), as a person's phone keeps it. */
export const TOTP_SECRETS = new Map<string, string>();
/** The recovery codes handed out at an enrolment through Client.login. */
export const RECOVERY_CODES = new Map<string, string[]>();

/**
 * A code for a 30-second step the server accepts (±1 step of now) and the user has not used yet (a step is accepted
 * once). Several logins of one user within the same half minute would run out of steps: then the record of the last
 * step is moved back, which only these tests do (the replay rule itself is tested in second-factor.spec.ts).
 */
export async function unusedTotpCode(ds: DataSource, userId: string, secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const current = Math.floor(now / 30);
  const [row] = (await ds.query(`SELECT last_step::text AS last_step FROM user_totp_factors WHERE user_id = $1`, [userId])) as { last_step: string | null }[];
  const last = row?.last_step === null || row?.last_step === undefined ? -Infinity : Number(row.last_step);
  // now's step first, then the next one (still good if the clock turns before the server checks), the previous one last
  let step = [current, current + 1, current - 1].find((s) => s > last);
  if (step === undefined) {
    await ds.query(`UPDATE user_totp_factors SET last_step = $2 WHERE user_id = $1`, [userId, current - 2]);
    step = current;
  }
  return generate({ secret, epoch: step * 30 + 15 });
}

export const PASSWORD = 'correct-horse-battery';
let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Factory: an organisation (CSO) with its profile (its licence number is what its applications carry). */
export async function newOrganization(ds: DataSource, overrides: Partial<OrganizationEntity> = {}) {
  return ds.getRepository(OrganizationEntity).save(ds.getRepository(OrganizationEntity).create({
    legalName: `Test CSO ${uniq()}`, registrationNumber: `REG-${uniq()}`, municipality: 'prishtina', licenceNumber: `LIC-${uniq()}`, ...overrides,
  }));
}

/**
 * Factory: a verified, active user; an applicant gets an organisation unless one is given. A role that must have a
 * second factor (libs/domain secondFactorRequired) gets a confirmed authenticator app with a known secret
 * (`totpSecret`, also kept for Client.login), as if enrolled on their first day; `secondFactor: false` leaves them
 * without one (they must enrol), `secondFactor: true` gives one to an optional role too.
 */
export async function newUser(ds: DataSource, role: Role, opts: { orgRole?: OrgRole; organizationId?: string; email?: string; language?: 'en' | 'sq' | 'sr'; secondFactor?: boolean } = {}) {
  let organizationId: string | null = null;
  let orgRole: OrgRole | null = null;
  if (role === 'applicant') {
    organizationId = opts.organizationId ?? (await newOrganization(ds)).id;
    orgRole = opts.orgRole ?? 'owner';
  }
  const email = opts.email ?? `${role}-${uniq()}@example.org`;
  const user = await ds.getRepository(UserEntity).save(ds.getRepository(UserEntity).create({
    email, fullName: `Test ${role}`, role, language: opts.language ?? 'en', script: 'latin', organizationId, orgRole,
    passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date(),
  }));
  let totpSecret: string | null = null;
  if (opts.secondFactor ?? secondFactorRequired(role)) {
    totpSecret = await giveTotp(ds, user.id);
    user.secondFactorAt = new Date();
    TOTP_SECRETS.set(email.trim().toLowerCase(), totpSecret);
  }
  return { user, email, password: PASSWORD, totpSecret };
}

/** A confirmed authenticator app with a new secret, sealed as the API seals it (MFA_KEY of this test's environment). */
export async function giveTotp(ds: DataSource, userId: string): Promise<string> {
  const secret = generateSecret();
  const sealed = seal(loadEnv().mfaKey, `mfa:totp:${userId}`, secret).toString('base64');
  await ds.query(`INSERT INTO user_totp_factors (user_id, secret_enc, confirmed_at) VALUES ($1, $2, now())`, [userId, sealed]);
  await ds.query(`UPDATE users SET second_factor_at = now() WHERE id = $1`, [userId]);
  return secret;
}

export async function loginAs(h: Harness, role: Role, opts: Parameters<typeof newUser>[2] = {}) {
  const u = await newUser(h.ds, role, opts);
  const client = await new Client(h.app).init();
  await client.login(u.email, u.password);
  return { client, ...u };
}

/** The link in the last e-mail sent to an address (verification, reset, invitation). */
export async function lastLinkTo(ds: DataSource, to: string): Promise<string> {
  const rows: { text_body: string }[] = await ds.query(`SELECT text_body FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`, [to]);
  if (!rows.length) throw new Error(`no e-mail to ${to}`);
  const m = rows[0].text_body.match(/https?:\/\/\S+token=[\w-]+/);
  if (!m) throw new Error(`no link in e-mail to ${to}`);
  return m[0];
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

/** Row counts of every table a request could change, to prove that bad input changed nothing. */
export async function snapshotCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables = ['users', 'organizations', 'audit_log', 'emails', 'outbox', 'notifications', 'files', 'organization_documents', 'invitations', 'auth_tokens'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await ds.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n);
  const org = await ds.query(`SELECT coalesce(sum(version),0)::int AS v FROM organizations`);
  out['organizations.version'] = Number(org[0].v);
  return out;
}
