import { plainToInstance, Transform } from 'class-transformer';
import { createHash } from 'node:crypto';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

/**
 * Every setting the API and the worker read, validated at start-up. A missing or malformed one stops the
 * process with a message that names it (see README "Configuration").
 */
export class EnvDto {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL!: string;

  /**
   * The owner's connection, for migrations (npm run migrate, MIGRATE_ON_START). Defaults to DATABASE_URL; set it when
   * DATABASE_URL is the least-privileged app role (grants_app or a member of it), as docker-compose and npm start do.
   */
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'MIGRATION_DATABASE_URL must be a postgres:// connection string' })
  MIGRATION_DATABASE_URL?: string;

  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Key prefix of the queue in Redis (lets several portals or test runs share one Redis). */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ and - only' })
  QUEUE_PREFIX = 'grants';

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'APP_URL must be an absolute URL such as http://localhost:3000' })
  APP_URL?: string;

  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsOptional() @IsString()
  MAIL_FROM = 'Grant Secretariat <grants@localhost>';

  @IsOptional() @IsString() @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters' })
  SESSION_SECRET?: string;

  @IsOptional() @IsString()
  FILE_STORAGE_DIR = '.data/files';

  @IsOptional() @IsString() S3_BUCKET?: string;
  @IsOptional() @IsString() S3_REGION?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) S3_ENDPOINT?: string;
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_MODE?: boolean;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  AUTH_RATE_LIMIT = 20;

  @IsOptional() @Transform(toBool) @IsBoolean()
  MIGRATE_ON_START = true;

  /** A session ends after this many minutes without a request. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /** A session ends this many hours after its login, however active it is. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(24 * 7)
  SESSION_MAX_HOURS = 12;

  @IsOptional() @IsString()
  WEB_DIST_DIR?: string;

  /** The Secretariat's IATI organisation identifier (org-id.guide), the prefix of every open-data activity; a placeholder until set. */
  @IsOptional() @Matches(/^[A-Z]{2}(-[A-Za-z0-9_.]+)+$/, { message: 'IATI_REPORTING_ORG_REF must be an IATI organisation identifier such as GR-GEMI-123456' })
  IATI_REPORTING_ORG_REF = 'XX-KMOP-PLACEHOLDER';

  /** How many API processes share the port (node:cluster): 1 = one process; 0 = one per CPU core. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(64)
  API_PROCESSES = 1;

  /**
   * PostgreSQL connections one API or worker process may open (its TypeORM pool; an API process adds up to 5 for the
   * sessions). Size it so that every process together stays below the server's max_connections.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(2) @Max(500)
  DATABASE_POOL_MAX = 20;

  /**
   * The bearer token Prometheus sends to read GET /api/metrics (and the worker's /metrics): `Authorization: Bearer <token>`.
   * Unset: the metrics are not served (404).
   */
  @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)' })
  METRICS_TOKEN?: string;

  /** The worker's metrics and health port (GET /metrics with METRICS_TOKEN, GET /health); unset: the worker serves no HTTP. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  WORKER_METRICS_PORT?: number;

  /**
   * The AES-256-GCM key of safeguarding reports at rest: 32 bytes as 64 hex characters (`openssl rand -hex 32`). Required
   * in production; elsewhere a development key is derived from the session secret, so demo data survives a restart.
   */
  @IsOptional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'SAFEGUARDING_KEY must be 32 bytes written as 64 hex characters (openssl rand -hex 32)' })
  SAFEGUARDING_KEY?: string;

  /**
   * The AES-256-GCM key of the authenticator-app secrets at rest (issue 14): 64 hex characters (`openssl rand -hex 32`).
   * Required in production; elsewhere a development key is derived from the session secret.
   */
  @IsOptional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'MFA_KEY must be 32 bytes written as 64 hex characters (openssl rand -hex 32)' })
  MFA_KEY?: string;

  /** The WebAuthn relying-party id passkeys are bound to: the host name of APP_URL unless set (e.g. grants.example.org). */
  @IsOptional() @Matches(/^[a-z0-9.-]+$/i, { message: 'WEBAUTHN_RP_ID must be a host name such as grants.example.org' })
  WEBAUTHN_RP_ID?: string;

  /** The origin the browser signs passkey answers for: APP_URL's origin unless set (e.g. https://grants.example.org). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'WEBAUTHN_ORIGIN must be an origin such as https://grants.example.org' })
  WEBAUTHN_ORIGIN?: string;
}

export type Env = EnvDto & {
  appUrl: string; demoMode: boolean; isProduction: boolean; sessionSecret: string; migrationDatabaseUrl: string; safeguardingKey: Buffer;
  mfaKey: Buffer; webauthnRpId: string; webauthnOrigin: string;
};

export class EnvError extends Error {}

/** Validates process.env (or the given object). Throws EnvError naming every bad setting. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = plainToInstance(EnvDto, { ...source }, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && !env.SESSION_SECRET) problems.push('SESSION_SECRET: required when NODE_ENV=production');
  if (isProduction && !env.SAFEGUARDING_KEY) problems.push('SAFEGUARDING_KEY: required when NODE_ENV=production');
  if (isProduction && !env.MFA_KEY) problems.push('MFA_KEY: required when NODE_ENV=production');
  if (problems.length) {
    throw new EnvError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const demoMode = env.DEMO_MODE ?? (!isProduction);
  const sessionSecret = env.SESSION_SECRET ?? 'development-only-session-secret-not-for-production';
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return Object.assign(env, {
    appUrl,
    demoMode: isProduction ? false : demoMode,
    isProduction,
    sessionSecret,
    safeguardingKey: env.SAFEGUARDING_KEY
      ? Buffer.from(env.SAFEGUARDING_KEY, 'hex')
      : createHash('sha256').update(`grants-safeguarding-development-key:${sessionSecret}`).digest(),
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
    mfaKey: env.MFA_KEY
      ? Buffer.from(env.MFA_KEY, 'hex')
      : createHash('sha256').update(`grants-mfa-development-key:${sessionSecret}`).digest(),
    webauthnRpId: env.WEBAUTHN_RP_ID ?? new URL(appUrl).hostname,
    webauthnOrigin: (env.WEBAUTHN_ORIGIN ?? new URL(appUrl).origin).replace(/\/$/, ''),
  });
}

export const ENV = Symbol('ENV');
