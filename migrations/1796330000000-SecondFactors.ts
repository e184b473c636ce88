import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second factors (issue 14): authenticator apps (TOTP), passkeys (WebAuthn) and recovery codes.
 *
 * - `users.second_factor_at`: when the user's first factor was confirmed; null when none is left. Read with the
 *   session (one query), so the guard knows whether to ask for a factor without another query.
 * - `users.second_factor_failures`, `users.second_factor_locked_until`: wrong codes counted as wrong passwords are
 *   (5 in a row lock the checks for 15 minutes).
 * - `user_totp_factors`: one authenticator app per user; its secret sealed with AES-256-GCM (MFA_KEY; the user id is
 *   the associated data), unconfirmed until a first code is right; `last_step` is the last 30-second step accepted,
 *   so a code is accepted once.
 * - `user_passkeys`: WebAuthn credentials (id as base64url, COSE public key, signature counter).
 * - `user_recovery_codes`: ten one-time codes per set, kept as the SHA-256 of their canonical form.
 */
const APP_ROLE = 'grants_app';

export class SecondFactors1796330000000 implements MigrationInterface {
  name = 'SecondFactors1796330000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN second_factor_at timestamptz,
      ADD COLUMN second_factor_failures int NOT NULL DEFAULT 0 CHECK (second_factor_failures >= 0),
      ADD COLUMN second_factor_locked_until timestamptz`);
    await q.query(`
      CREATE TABLE user_totp_factors (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret_enc text NOT NULL,
        confirmed_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE user_passkeys (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
        transports text[] NOT NULL DEFAULT '{}',
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX user_passkeys_user_idx ON user_passkeys (user_id)`);
    await q.query(`
      CREATE TABLE user_recovery_codes (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
    for (const t of ['user_totp_factors', 'user_passkeys', 'user_recovery_codes']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_recovery_codes`);
    await q.query(`DROP TABLE user_passkeys`);
    await q.query(`DROP TABLE user_totp_factors`);
    await q.query(`ALTER TABLE users DROP COLUMN second_factor_locked_until, DROP COLUMN second_factor_failures, DROP COLUMN second_factor_at`);
  }
}
