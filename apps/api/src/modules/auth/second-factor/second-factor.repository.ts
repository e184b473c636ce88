import type { SecondFactorMethod } from '@grants/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export type TotpRow = { secret_enc: string; confirmed_at: Date | null; last_step: string | null };
export type PasskeyRow = {
  id: string; user_id: string; credential_id: string; public_key: Buffer; counter: string; transports: string[]; name: string;
  created_at: Date; last_used_at: Date | null;
};

/** The rows an UPDATE or DELETE … RETURNING gave back (TypeORM answers those with [rows, count]). */
async function changed<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows] = (await m.query(sql, params)) as [T[], number];
  return rows;
}

/** SQL of second factors (issue 14): user_totp_factors, user_passkeys, user_recovery_codes and the users' columns. */
export const secondFactorRepository = {
  async totp(m: EntityManager, userId: string): Promise<TotpRow | null> {
    const rows: TotpRow[] = await m.query(`SELECT secret_enc, confirmed_at, last_step::text AS last_step FROM user_totp_factors WHERE user_id = $1`, [userId]);
    return rows[0] ?? null;
  },

  /** Keeps a new, unconfirmed secret (replacing an unconfirmed one); a confirmed factor is left alone. Returns whether it was stored. */
  async savePendingTotp(m: EntityManager, userId: string, secretEnc: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO user_totp_factors (user_id, secret_enc) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = now(), last_step = NULL
         WHERE user_totp_factors.confirmed_at IS NULL
       RETURNING user_id`,
      [userId, secretEnc],
    );
    return rows.length > 0;
  },

  /**
   * Accepts a code's 30-second step once: records it as the last step when it is later than the last one (and
   * confirms the factor when `confirm`). False when that step, or a later one, was already used (a replay).
   */
  async acceptTotpStep(m: EntityManager, userId: string, step: number, confirm: boolean): Promise<boolean> {
    const rows = await changed(m,
      `UPDATE user_totp_factors SET last_step = $2, confirmed_at = CASE WHEN $3::boolean THEN coalesce(confirmed_at, now()) ELSE confirmed_at END
        WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2) AND ($3::boolean OR confirmed_at IS NOT NULL)
       RETURNING user_id`,
      [userId, step, confirm],
    );
    return rows.length > 0;
  },

  async deleteTotp(m: EntityManager, userId: string): Promise<boolean> {
    const [, n] = (await m.query(`DELETE FROM user_totp_factors WHERE user_id = $1`, [userId])) as [unknown, number];
    return n > 0;
  },

  passkeys(m: EntityManager, userId: string): Promise<PasskeyRow[]> {
    return m.query(
      `SELECT id, user_id, credential_id, public_key, counter::text AS counter, transports, name, created_at, last_used_at
         FROM user_passkeys WHERE user_id = $1 ORDER BY created_at, id`, [userId],
    );
  },

  async insertPasskey(m: EntityManager, p: { userId: string; credentialId: string; publicKey: Uint8Array; counter: number; transports: string[]; name: string }): Promise<string> {
    const id = randomUUID();
    await m.query(
      `INSERT INTO user_passkeys (id, user_id, credential_id, public_key, counter, transports, name) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, p.userId, p.credentialId, Buffer.from(p.publicKey), p.counter, p.transports, p.name],
    );
    return id;
  },

  async credentialTaken(m: EntityManager, credentialId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM user_passkeys WHERE credential_id = $1`, [credentialId]);
    return rows.length > 0;
  },

  async passkeyUsed(m: EntityManager, id: string, counter: number): Promise<void> {
    await m.query(`UPDATE user_passkeys SET counter = $2, last_used_at = now() WHERE id = $1`, [id, counter]);
  },

  async deletePasskey(m: EntityManager, userId: string, id: string): Promise<PasskeyRow | null> {
    const rows = await changed<PasskeyRow>(m, `DELETE FROM user_passkeys WHERE user_id = $1 AND id = $2 RETURNING id, name`, [userId, id]);
    return rows[0] ?? null;
  },

  /** Replaces the user's recovery codes with new ones (their SHA-256); the old ones are void. */
  async replaceRecoveryCodes(m: EntityManager, userId: string, hashes: string[]): Promise<void> {
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(
      `INSERT INTO user_recovery_codes (id, user_id, code_hash) SELECT gen_random_uuid(), $1, h FROM unnest($2::text[]) AS h`,
      [userId, hashes],
    );
  },

  /** Uses a recovery code once: true when it was the user's and unused. */
  async useRecoveryCode(m: EntityManager, userId: string, hash: string): Promise<boolean> {
    const rows = await changed(m,
      `UPDATE user_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`, [userId, hash],
    );
    return rows.length > 0;
  },

  async recoveryCodesLeft(m: EntityManager, userId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(`SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    return rows[0]?.n ?? 0;
  },

  /** The factors the user holds, in the order of SECOND_FACTOR_METHODS (the session query reads the same). */
  async methods(m: EntityManager, userId: string): Promise<SecondFactorMethod[]> {
    const rows: { totp: boolean; passkey: boolean; recovery: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS totp,
              EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = $1) AS passkey,
              EXISTS (SELECT 1 FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL) AS recovery`, [userId],
    );
    const r = rows[0];
    return (['totp', 'passkey', 'recovery'] as const).filter((k) => r?.[k]);
  },

  /** How many factors (a confirmed authenticator app, passkeys) the user has; recovery codes are no factor of their own. */
  async factorCount(m: EntityManager, userId: string): Promise<number> {
    const rows: { n: number }[] = await m.query(
      `SELECT (SELECT count(*) FROM user_totp_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL)::int
            + (SELECT count(*) FROM user_passkeys WHERE user_id = $1)::int AS n`, [userId],
    );
    return rows[0]?.n ?? 0;
  },

  /** The user row, locked: serialises enrolment, removal and checks of one user's factors. */
  async lockUser(m: EntityManager, userId: string): Promise<{ second_factor_at: Date | null; second_factor_failures: number; second_factor_locked_until: Date | null; locked_now: boolean } | null> {
    const rows = await m.query(
      `SELECT second_factor_at, second_factor_failures, second_factor_locked_until,
              coalesce(second_factor_locked_until > now(), false) AS locked_now
         FROM users WHERE id = $1 FOR UPDATE`, [userId],
    );
    return rows[0] ?? null;
  },

  /** The first factor is confirmed: the user counts as enrolled from now (kept if already set). */
  async markEnrolled(m: EntityManager, userId: string): Promise<void> {
    await m.query(`UPDATE users SET second_factor_at = coalesce(second_factor_at, now()) WHERE id = $1`, [userId]);
  },

  /** No factor left: the user has none (and the recovery codes go with them). */
  async markNoFactor(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`UPDATE users SET second_factor_at = NULL WHERE id = $1`, [userId]);
  },

  /** One more wrong code; the `max`-th locks the checks for `lockMinutes` and starts the count again. Returns whether it locked. */
  async recordFailure(m: EntityManager, userId: string, max: number, lockMinutes: number): Promise<boolean> {
    const rows = await changed<{ locked: boolean }>(m,
      `UPDATE users SET
         second_factor_failures = CASE WHEN second_factor_failures + 1 >= $2::int THEN 0 ELSE second_factor_failures + 1 END,
         second_factor_locked_until = CASE WHEN second_factor_failures + 1 >= $2::int THEN now() + make_interval(mins => $3::int) ELSE second_factor_locked_until END
       WHERE id = $1 RETURNING second_factor_failures = 0 AS locked`,
      [userId, max, lockMinutes],
    );
    return rows[0]?.locked ?? false;
  },

  async clearFailures(m: EntityManager, userId: string): Promise<void> {
    await m.query(`UPDATE users SET second_factor_failures = 0, second_factor_locked_until = NULL WHERE id = $1 AND (second_factor_failures <> 0 OR second_factor_locked_until IS NOT NULL)`, [userId]);
  },

  /** An admin's reset: every factor and recovery code of the user goes; they must enrol again. */
  async resetAll(m: EntityManager, userId: string): Promise<{ totp: boolean; passkeys: number; recoveryCodes: number }> {
    const [, t] = (await m.query(`DELETE FROM user_totp_factors WHERE user_id = $1`, [userId])) as [unknown, number];
    const [, p] = (await m.query(`DELETE FROM user_passkeys WHERE user_id = $1`, [userId])) as [unknown, number];
    const [, r] = (await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NULL`, [userId])) as [unknown, number];
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`UPDATE users SET second_factor_at = NULL, second_factor_failures = 0, second_factor_locked_until = NULL WHERE id = $1`, [userId]);
    return { totp: t > 0, passkeys: p, recoveryCodes: r };
  },
};
