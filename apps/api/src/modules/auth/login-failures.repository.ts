import type { EntityManager } from 'typeorm';

/**
 * SQL of `login_failures`: failed logins for addresses that have no account (keyed by the address, trimmed and
 * lower-cased), so that an unknown address "locks" exactly like a real one and lockout tells nobody which exist.
 */
export const loginFailuresRepository = {
  /** The end of the address's lock, when it is locked now (judged by the database clock); the row stays locked until commit. */
  async lockedUntil(m: EntityManager, email: string): Promise<Date | null> {
    const rows: { locked_until: Date }[] = await m.query(
      `SELECT locked_until FROM login_failures WHERE email = $1 AND locked_until > now() FOR UPDATE`, [email],
    );
    return rows[0]?.locked_until ?? null;
  },

  /**
   * Counts one more failure; the `max`-th one locks the address for `lockMinutes` and starts the count again,
   * as a real account's columns do. Returns whether this failure locked it.
   */
  async recordFailure(m: EntityManager, email: string, max: number, lockMinutes: number): Promise<boolean> {
    const rows: { locked: boolean }[] = await m.query(
      `INSERT INTO login_failures AS f (email, failed, locked_until, updated_at)
       VALUES ($1, CASE WHEN $2::int <= 1 THEN 0 ELSE 1 END, CASE WHEN $2::int <= 1 THEN now() + make_interval(mins => $3::int) END, now())
       ON CONFLICT (email) DO UPDATE SET
         failed = CASE WHEN f.failed + 1 >= $2::int THEN 0 ELSE f.failed + 1 END,
         locked_until = CASE WHEN f.failed + 1 >= $2::int THEN now() + make_interval(mins => $3::int) ELSE f.locked_until END,
         updated_at = now()
       RETURNING failed = 0 AS locked`,
      [email, max, lockMinutes],
    );
    return rows[0]?.locked ?? false;
  },

  /** Forgets failures older than a day (the lock lasts minutes), so the table does not grow with every address tried. */
  purgeOlderThanADay(m: EntityManager): Promise<number> {
    return loginFailuresRepository.purgeOlderThan(m, 24 * 60, 24 * 60);
  },

  /**
   * Forgets addresses that are not locked now (by the database clock), run by the `login_failures.purge` job:
   * - after `minutes` (the lockout window) without a failure, those whose count is back at 0 after an expired lock:
   *   such a row answers exactly as no row does;
   * - after `countMinutes` (a day), the others too. Not sooner: a real account keeps counting its failures until it
   *   locks or logs in, so forgetting a count of 1 to 4 after minutes would tell, to someone who tries 4 times, waits
   *   and tries again, that the address has no account.
   * Returns how many were forgotten.
   */
  async purgeOlderThan(m: EntityManager, minutes: number, countMinutes = 24 * 60): Promise<number> {
    const [, count] = (await m.query(
      `DELETE FROM login_failures
        WHERE (locked_until IS NULL OR locked_until <= now())
          AND updated_at < now() - make_interval(mins => CASE WHEN failed = 0 THEN $1::int ELSE greatest($1::int, $2::int) END)`,
      [minutes, countMinutes],
    )) as [unknown, number];
    return count;
  },
};
