import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EnvDto } from '../src/config/env.dto';

/**
 * The deployment files (issue 8, hole 10): in docker compose only the one-shot migrate service knows the owner's
 * credentials; the api and the worker connect as the least-privileged grants_app. No docker engine here, so the
 * compose file is read as YAML (with its merge keys) and its ${…} substitutions are named, not filled in.
 */
const ROOT = join(__dirname, '../../..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

type Service = { command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }> };
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service & { environment: Record<string, string> }> };
const envExample = read('.env.example');

/** A connection string with each ${VAR…} replaced by VAR, so its parts can be read. */
const url = (s: string | undefined) => new URL(String(s).replace(/\$\{(\w+)[^}]*\}/g, '$1'));
/** The variables a value substitutes. */
const vars = (s: string) => [...s.matchAll(/\$\{(\w+)/g)].map((m) => m[1]);

describe('docker-compose.yml: database roles', () => {
  const { postgres, migrate, api, worker } = compose.services;
  const owner = postgres.environment.POSTGRES_USER;

  it('the postgres service creates the owner, with a password from the environment', () => {
    expect(owner).toBe('grants');
    expect(vars(postgres.environment.POSTGRES_PASSWORD)).toEqual(['POSTGRES_PASSWORD']);
  });

  it('migrate runs the migrations as the owner, then gives grants_app LOGIN and its password', () => {
    for (const k of ['DATABASE_URL', 'MIGRATION_DATABASE_URL']) {
      const u = url(migrate.environment[k]);
      expect([k, u.username, u.password, u.hostname, u.pathname]).toEqual([k, owner, 'POSTGRES_PASSWORD', 'postgres', '/grants']);
    }
    expect(vars(migrate.environment.APP_DB_PASSWORD)).toEqual(['APP_DB_PASSWORD']);
    const cmd = (migrate.command ?? []).join(' ');
    expect(cmd).toMatch(/node apps\/api\/dist\/cli\/migrate\.js && node scripts\/lib\/app-role\.mjs/);
  });

  it.each(['api', 'worker'])('%s connects as grants_app and never sees the owner’s credentials', (name) => {
    const s = compose.services[name];
    const u = url(s.environment.DATABASE_URL);
    expect([u.username, u.password, u.hostname, u.pathname]).toEqual(['grants_app', 'APP_DB_PASSWORD', 'postgres', '/grants']);
    expect(s.environment.MIGRATION_DATABASE_URL).toBeUndefined();
    expect(s.environment.MIGRATE_ON_START).toBe('false');
    const everything = JSON.stringify(s);
    expect(everything).not.toContain('POSTGRES_PASSWORD');
    expect(everything).not.toMatch(/\/\/grants:/);
    expect(s.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('api and worker use the same app role password the migrate service sets', () => {
    expect(vars(api.environment.DATABASE_URL)).toEqual(vars(migrate.environment.APP_DB_PASSWORD));
    expect(vars(worker.environment.DATABASE_URL)).toEqual(vars(migrate.environment.APP_DB_PASSWORD));
  });

  it('the image carries the script the migrate service runs, and the API’s own dependency versions', () => {
    expect(read('Dockerfile')).toMatch(/COPY --from=build .*\/app\/scripts\/lib\/app-role\.mjs \.\/scripts\/lib\/app-role\.mjs/);
    // versions npm could not hoist (apps/api/node_modules) must not be swapped for the root's in the image
    expect(read('Dockerfile')).toMatch(/COPY --from=build .*\/app\/apps\/api\/node_modules \.\/apps\/api\/node_modules/);
  });
});

describe('.env.example', () => {
  const documented = new Set([...envExample.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

  it('documents every variable docker-compose.yml substitutes, the required ones uncommented', () => {
    const substituted = [...new Set(vars(read('docker-compose.yml')))];
    expect(substituted.filter((v) => !documented.has(v))).toEqual([]);
    const required = [...read('docker-compose.yml').matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    for (const v of new Set(required)) expect(envExample).toMatch(new RegExp(`^${v}=`, 'm'));
  });

  it('documents every setting the API and the worker read', () => {
    const settings = [...new Set(getMetadataStorage().getTargetValidationMetadatas(EnvDto, '', true, false).map((m) => m.propertyName))];
    expect(settings.length).toBeGreaterThan(20);
    expect(settings.filter((v) => !documented.has(v))).toEqual([]);
  });
});
