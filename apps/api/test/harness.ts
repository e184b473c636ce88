import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { OrgRole, Role } from '@grants/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/bootstrap';
import { loadEnv } from '../src/config/env.dto';
import { hashPassword } from '../src/modules/auth/passwords';
import { OrganizationEntity } from '../src/modules/organizations/entities/organization.entity';
import { UserEntity } from '../src/modules/users/entities/user.entity';
import { createTestDatabase } from './db';

export type Harness = {
  app: NestExpressApplication;
  ds: DataSource;
  dbUrl: string;
  queuePrefix: string;
  close: () => Promise<void>;
};

/** Sets the environment of one test file: its own database, its own queue prefix, its own file folder. */
export async function testEnv(extra: Record<string, string> = {}) {
  const db = await createTestDatabase();
  const queuePrefix = `test${process.pid}${Math.floor(Math.random() * 1e6)}`;
  Object.assign(process.env, {
    NODE_ENV: 'test', DATABASE_URL: db.url, QUEUE_PREFIX: queuePrefix, MIGRATE_ON_START: 'false', AUTH_RATE_LIMIT: '100000',
    FILE_STORAGE_DIR: mkdtempSync(join(tmpdir(), 'grants-files-')), APP_URL: 'http://localhost:3000', DEMO_MODE: 'true', ...extra,
  });
  return { db, queuePrefix };
}

export async function startApi(extra: Record<string, string> = {}): Promise<Harness> {
  const { db, queuePrefix } = await testEnv(extra);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  await configureApp(app, loadEnv());
  await app.init();
  const ds = app.get(DataSource);
  return {
    app, ds, dbUrl: db.url, queuePrefix,
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

/** Factory: an organisation (CSO) with its profile. */
export async function newOrganization(ds: DataSource, overrides: Partial<OrganizationEntity> = {}) {
  return ds.getRepository(OrganizationEntity).save(ds.getRepository(OrganizationEntity).create({
    legalName: `Test CSO ${uniq()}`, registrationNumber: `REG-${uniq()}`, municipality: 'prishtina', ...overrides,
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
