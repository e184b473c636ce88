import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Every test run has its own id, set by the global setup (which runs in jest's parent process, so every worker
 * inherits it): its template is `grants_tpl_<run>` and its databases `grants_test_<run>_<random>`. The run id
 * starts with the parent's pid, so a later run drops only what runs that are no longer alive left behind, and
 * two runs at once never drop each other's databases.
 */
export function runId(): string {
  const id = process.env.GRANTS_TEST_RUN_ID;
  if (!id) throw new Error('GRANTS_TEST_RUN_ID is not set: the API tests run through jest with test/global-setup.ts');
  return id;
}

export const templateDb = () => `grants_tpl_${runId()}`;

/** The pid of the run that owns a test database or template, or null for a name of another shape. */
export function ownerPid(database: string): number | null {
  const m = /^grants_(?:test|tpl)_(\d+)x[0-9a-f]+(?:_|$)/.exec(database);
  return m ? Number(m[1]) : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Drops the test databases and templates of runs that are no longer alive (killed, crashed) and those of the
 * old naming; those of a run still going are left alone. Returns the names dropped.
 */
export async function dropAbandoned(): Promise<string[]> {
  return admin(async (c) => {
    const all = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'grants\\_test\\_%' OR datname LIKE 'grants\\_tpl\\_%'`);
    const dropped: string[] = [];
    for (const { datname } of all.rows as { datname: string }[]) {
      const pid = ownerPid(datname);
      if (pid !== null && isAlive(pid)) continue;
      await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).then(() => dropped.push(datname), () => undefined);
    }
    return dropped;
  });
}

/** A fresh database for one test file, cloned from this run's migrated template (fast, and isolated). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `grants_test_${runId()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb()}`));
  return {
    name,
    url: urlFor(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
