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

describe('docker-compose.yml: more than one machine (issue 14)', () => {
  type Scaled = Service & { deploy?: { replicas?: number }; ports?: string[]; expose?: string[]; image?: string; volumes?: string[]; healthcheck?: { test?: string[]; disable?: boolean } };
  const services = compose.services as Record<string, Scaled & { environment: Record<string, string> }>;
  const nginx = read('deploy/nginx.conf');

  it('runs two api and two worker replicas, each with a health check', () => {
    const { api, worker } = services;
    expect(api.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(api.healthcheck?.disable).toBeUndefined();
    expect(api.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:3000/api/health');
    expect(worker.environment.WORKER_METRICS_PORT).toBe('9464');
    expect(worker.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:9464/health');
  });

  it('publishes no api port: the lb service (nginx, the repository’s config) is the way in, once the api is healthy', () => {
    const { api, lb } = services;
    expect(api.ports).toBeUndefined();
    expect(lb.image).toMatch(/^nginx:/);
    expect(lb.ports).toEqual(['3000:3000']);
    expect(lb.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(lb.depends_on?.api).toEqual({ condition: 'service_healthy' });
    expect(lb.healthcheck?.test?.join(' ')).toContain('/lb-health');
  });

  it('nginx balances over every api replica without stickiness and keeps the metrics internal', () => {
    expect(nginx).toMatch(/upstream api \{[^}]*server api:3000 resolve/);
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
    expect(nginx).toMatch(/listen 3000;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/api;/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For/);
    expect(nginx).not.toMatch(/ip_hash|sticky|hash \$cookie/);
    expect(nginx).toMatch(/location = \/api\/metrics \{ return 404; \}/);
  });

  it('Redis keeps what BullMQ writes: AOF on, never evicting', () => {
    const cmd = (services.redis.command ?? []).join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
  });

  it('the example Prometheus files scrape api and worker with the token and alert only on metrics the portal exposes', () => {
    const prom = parse(read('deploy/prometheus/prometheus.yml')) as { scrape_configs: { job_name: string; metrics_path: string; authorization?: object; dns_sd_configs: { names: string[]; port: number }[] }[] };
    const jobs = Object.fromEntries(prom.scrape_configs.map((j) => [j.job_name, j]));
    expect([jobs['grants-api'].metrics_path, jobs['grants-api'].dns_sd_configs[0]]).toEqual(['/api/metrics', expect.objectContaining({ names: ['api'], port: 3000 })]);
    expect([jobs['grants-worker'].metrics_path, jobs['grants-worker'].dns_sd_configs[0]]).toEqual(['/metrics', expect.objectContaining({ names: ['worker'], port: 9464 })]);
    for (const j of Object.values(jobs)) expect(j.authorization).toBeDefined();
    const alerts = read('deploy/prometheus/alerts.yml');
    const defined = read('apps/api/src/modules/metrics/metrics.ts');
    const used = [...new Set([...alerts.matchAll(/\b(grants_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]))];
    expect(used.length).toBeGreaterThanOrEqual(8);
    expect(used.filter((n) => !defined.includes(`'${n}'`))).toEqual([]);
  });

  it('api and worker get the metrics token from the environment', () => {
    for (const name of ['api', 'worker']) expect(vars(services[name].environment.METRICS_TOKEN)).toEqual(['METRICS_TOKEN']);
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
