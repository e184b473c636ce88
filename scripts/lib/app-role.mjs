/* global process, console, URL, Buffer */
// The least-privileged database role the API and the worker connect as (issue 8, hole 10).
//
// The migrations (run as the tables' owner) create the role `grants_app` NOLOGIN and grant it what the portal needs:
// it reads and writes rows but owns no table, so it cannot alter a table nor disable a trigger, and it may only
// INSERT and SELECT on audit_log, audit_anchors and award_decisions. This module, run as the owner after the
// migrations, lets it log in with a password (npm start's embedded database, docker-compose's migrate service) and
// checks that it really is that unprivileged.
//
// Only Node built-ins and `pg` (a dependency of apps/api) here: it runs in the production image too, where the
// embedded PostgreSQL and the other scripts are not installed.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROLE = 'grants_app';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `pg` package, resolved from apps/api (hoisted or not). */
export function loadPg() {
  for (const from of [join(ROOT, 'apps', 'api', 'package.json'), join(ROOT, 'package.json')]) {
    try {
      return createRequire(from)('pg');
    } catch {
      /* try the next one */
    }
  }
  throw new Error('the pg package is not installed (run npm ci)');
}

/** A password that can stand in a connection string as it is, and needs no SASLprep: printable ASCII only. */
export function checkPassword(password, name = 'the app role password') {
  if (typeof password !== 'string' || password.length < 16)
    throw new Error(`${name} must be at least 16 characters (e.g. openssl rand -hex 24)`);
  if (!/^[A-Za-z0-9._~-]+$/.test(password))
    throw new Error(`${name} may hold letters, digits and . _ ~ - only, so it can stand in DATABASE_URL as it is`);
  return password;
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677, as libpq's PQencryptPasswordConn
 * computes it), so that ALTER ROLE … PASSWORD never sends the password itself, and no statement log can show it.
 */
export function scramVerifier(password, { salt = randomBytes(16), iterations = 4096 } = {}) {
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** `url` with the app role and its password as the user (same host, port and database). */
export function appRoleUrl(url, password, role = APP_ROLE) {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

/**
 * Run as the owner, after the migrations: gives `grants_app` LOGIN and the password (as a SCRAM verifier), hands it
 * a queue schema an earlier, more privileged connection created, and checks what it may do. Throws when the role
 * is missing (the migrations have not run) or could switch off the append-only triggers.
 * Returns { role, checks } where checks are the facts verified.
 */
export async function ensureAppLogin({ ownerUrl, password, role = APP_ROLE, log = console.log }) {
  checkPassword(password);
  const pg = loadPg();
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'grant-portal-app-role' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [role]);
    if (!found.rowCount) throw new Error(`the role ${role} does not exist: run the migrations first`);
    const ident = client.escapeIdentifier(role);
    await client.query(`ALTER ROLE ${ident} WITH LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))}`);

    // The queue's PostgreSQL backend (no REDIS_URL) keeps its tables in the schema `bullmq`, created on first use by
    // whoever connects first. One created when the API still connected as the owner is handed to the app role,
    // with everything in it, so the queue can keep migrating its own tables.
    const [queue] = (
      await client.query(
        `SELECT n.nspname, pg_get_userbyid(n.nspowner) AS owner FROM pg_namespace n WHERE n.nspname = 'bullmq'`,
      )
    ).rows;
    if (queue && queue.owner !== role) {
      log(`handing the queue schema bullmq (owned by ${queue.owner}) to ${role}`);
      await client.query('BEGIN');
      try {
        await client.query(`ALTER SCHEMA bullmq OWNER TO ${ident}`);
        const objects = await client.query(
          `SELECT c.relname AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'bullmq' AND c.relkind IN ('r', 'p', 'v', 'S')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))`,
        );
        for (const o of objects.rows)
          await client.query(`ALTER ${o.kind} bullmq.${client.escapeIdentifier(o.name)} OWNER TO ${ident}`);
        // enums, domains and stand-alone composite types (not a table's row type, not an array type)
        const types = await client.query(
          `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             LEFT JOIN pg_class c ON c.oid = t.typrelid
            WHERE n.nspname = 'bullmq' AND t.typelem = 0 AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND c.relkind = 'c'))`,
        );
        for (const t of types.rows) await client.query(`ALTER TYPE bullmq.${client.escapeIdentifier(t.name)} OWNER TO ${ident}`);
        const fns = await client.query(
          `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'bullmq'`,
        );
        for (const f of fns.rows) await client.query(`ALTER ROUTINE ${f.sig} OWNER TO ${ident}`);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`could not hand the queue schema bullmq to ${role}: ${err.message}`);
      }
    }

    const [facts] = (
      await client.query(
        `SELECT r.rolsuper AS super, r.rolbypassrls AS bypassrls, r.rolcreaterole AS createrole, r.rolcanlogin AS login,
                pg_has_role($1, c.relowner, 'USAGE') AS owns_audit_log,
                has_table_privilege($1, 'audit_log', 'UPDATE') OR has_table_privilege($1, 'audit_log', 'DELETE')
                  OR has_table_privilege($1, 'audit_log', 'TRUNCATE') AS changes_audit_log,
                has_table_privilege($1, 'audit_log', 'INSERT') AS inserts_audit_log
           FROM pg_roles r, pg_class c WHERE r.rolname = $1 AND c.oid = 'audit_log'::regclass`,
        [role],
      )
    ).rows;
    const problems = [];
    if (facts.super) problems.push('is a superuser');
    if (facts.bypassrls) problems.push('bypasses row-level security');
    if (facts.createrole) problems.push('may create roles');
    if (facts.owns_audit_log) problems.push("owns the audit log (or is a member of its owner), so it could disable its triggers");
    if (facts.changes_audit_log) problems.push('may update, delete or truncate the audit log');
    if (!facts.inserts_audit_log) problems.push('may not insert into the audit log');
    if (!facts.login) problems.push('cannot log in');
    if (problems.length) throw new Error(`the role ${role} ${problems.join(', ')}`);
    return {
      role,
      checks: ['not a superuser', 'does not own the audit log', 'may only insert into and read the audit log', 'can log in'],
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database roles of every client connection to `database` but the caller's own (for the smoke test and
 * operators): [{ applicationName, user, superuser, appRole }], where appRole says the user is the app role or a
 * member of it.
 */
export async function connectionRoles({ ownerUrl, database, role = APP_ROLE }) {
  const pg = loadPg();
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'grant-portal-check' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const rows = (
      await client.query(
        `SELECT a.application_name AS "applicationName", a.usename AS "user", r.rolsuper AS superuser,
                pg_has_role(a.usename, $2, 'MEMBER') AS "appRole"
           FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
          WHERE a.datname = $1 AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
          ORDER BY a.application_name, a.usename`,
        [database, role],
      )
    ).rows;
    return rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// `node scripts/lib/app-role.mjs`: docker-compose's migrate service, after the migrations. Reads the owner's
// connection from MIGRATION_DATABASE_URL (else DATABASE_URL) and the password from APP_DB_PASSWORD or the file
// named by APP_DB_PASSWORD_FILE (a Docker secret).
async function main() {
  const { readFileSync } = await import('node:fs');
  const ownerUrl = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!ownerUrl) throw new Error('set MIGRATION_DATABASE_URL (the owner of the tables)');
  const password = process.env.APP_DB_PASSWORD_FILE
    ? readFileSync(process.env.APP_DB_PASSWORD_FILE, 'utf8').trim()
    : process.env.APP_DB_PASSWORD;
  if (!password) throw new Error('set APP_DB_PASSWORD (or APP_DB_PASSWORD_FILE): the password of the grants_app role');
  checkPassword(password, 'APP_DB_PASSWORD');
  const { role, checks } = await ensureAppLogin({ ownerUrl, password, log: (m) => console.log(`[app-role] ${m}`) });
  console.log(`[app-role] ${role} can log in; ${checks.join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`[app-role] ${err?.message ?? err}`);
      process.exit(1);
    },
  );
}
