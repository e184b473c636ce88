import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: accounts, organisations, files, sessions, the append-only audit log, the transactional
 * outbox, notifications and the e-mail log.
 */
export class Foundation1795474543535 implements MigrationInterface {
  name = 'Foundation1795474543535';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name text NOT NULL,
        acronym text,
        registration_number text NOT NULL,
        licence_number text,
        licence_expiry date,
        municipality text NOT NULL,
        address text,
        contact_person text,
        phone text,
        email text,
        website text,
        iban text,
        description text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organizations_registration_number_idx ON organizations (registration_number)`);
    await q.query(`CREATE INDEX organizations_iban_idx ON organizations (iban)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('applicant','evaluator','monitor','secretariat','secretariat_admin','observer')),
        language text NOT NULL DEFAULT 'en' CHECK (language IN ('en','sq','sr')),
        script text NOT NULL DEFAULT 'latin' CHECK (script IN ('latin','cyrillic')),
        organization_id uuid REFERENCES organizations(id),
        org_role text CHECK (org_role IN ('owner','member')),
        email_verified_at timestamptz,
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_applicant_has_org CHECK ((role = 'applicant') = (organization_id IS NOT NULL AND org_role IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE INDEX users_organization_idx ON users (organization_id)`);

    await q.query(`
      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('email_verification','password_reset')),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        role text NOT NULL,
        organization_id uuid REFERENCES organizations(id),
        org_role text CHECK (org_role IN ('owner','member')),
        full_name text,
        language text NOT NULL DEFAULT 'en',
        invited_by uuid REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitations_org_idx ON invitations (organization_id)`);

    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        storage text NOT NULL CHECK (storage IN ('local','s3')),
        storage_key text NOT NULL,
        file_name text NOT NULL,
        mime_type text NOT NULL,
        size bigint NOT NULL,
        sha256 char(64) NOT NULL,
        organization_id uuid REFERENCES organizations(id),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE organization_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        kind text NOT NULL CHECK (kind IN ('registration_certificate','statute','licence','financial_statements','other')),
        file_id uuid NOT NULL REFERENCES files(id),
        uploaded_by uuid REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE INDEX organization_documents_org_idx ON organization_documents (organization_id) WHERE deleted_at IS NULL`);

    // express-session store (connect-pg-simple's schema)
    await q.query(`
      CREATE TABLE sessions (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_expire_idx ON sessions (expire)`);

    // Append-only, hash-chained audit log. seq is assigned by the writer under an advisory lock so there are no gaps.
    await q.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        summary text NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);

    // Transactional outbox: intents written with the change that causes them; the worker relays them to the queue.
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        job_id text,
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        link text,
        dedupe_key text NOT NULL UNIQUE,
        email_delivery text NOT NULL DEFAULT 'none' CHECK (email_delivery IN ('now','digest','none')),
        digested_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_digest_idx ON notifications (user_id) WHERE email_delivery = 'digest' AND digested_at IS NULL`);

    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id),
        kind text NOT NULL,
        delivery text NOT NULL CHECK (delivery IN ('immediate','digest','in_app')),
        PRIMARY KEY (user_id, kind)
      )`);

    // Every outgoing e-mail; with no SMTP configured these are 'caught' and shown on the demo mailbox page.
    await q.query(`
      CREATE TABLE emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE,
        to_address text NOT NULL,
        user_id uuid REFERENCES users(id),
        template text NOT NULL,
        language text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','caught','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX emails_pending_idx ON emails (created_at) WHERE status = 'pending'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['emails', 'notification_preferences', 'notifications', 'outbox']) await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER audit_log_no_update ON audit_log`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_refuse_change()`);
    for (const t of ['sessions', 'organization_documents', 'files', 'invitations', 'auth_tokens', 'users', 'organizations']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
