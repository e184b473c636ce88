import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { OrgRole, Role } from '@grants/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap';
import { loadEnv } from '../src/config/env.dto';
import { hashPassword } from '../src/modules/auth/passwords';
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
  constructor(app: NestExpressApplication) {
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
  async login(email: string, password: string) {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return this;
  }
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

/** Factory: a verified, active user; an applicant gets an organisation unless one is given. */
export async function newUser(ds: DataSource, role: Role, opts: { orgRole?: OrgRole; organizationId?: string; email?: string; language?: 'en' | 'sq' | 'sr' } = {}) {
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
  return { user, email, password: PASSWORD };
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
