import type { EntityManager } from 'typeorm';

export type ErasureTarget = {
  id: string; email: string; role: string; active: boolean; organizationId: string | null; orgRole: string | null; erasedAt: Date | null;
};

/** Tables another feature adds (second factors, migration 1796330000000): removed from when they exist. */
const OPTIONAL_USER_TABLES = ['user_totp_factors', 'user_passkeys', 'user_recovery_codes'] as const;

/** SQL of erasing a person's data (issue 14). */
export const erasureRepository = {
  async target(m: EntityManager, id: string): Promise<ErasureTarget | null> {
    const rows = await m.query(
      `SELECT id, email, role, active, organization_id, org_role, erased_at FROM users WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    if (!rows.length) return null;
    const r = rows[0];
    return { id: r.id, email: r.email, role: r.role, active: r.active, organizationId: r.organization_id, orgRole: r.org_role, erasedAt: r.erased_at };
  },

  /** Open grants (not closed or terminated) of the organisation, and its applications still in the cycle. */
  async openWorkOfOrganization(m: EntityManager, organizationId: string): Promise<{ grants: number; applications: number }> {
    const [r] = await m.query(
      `SELECT (SELECT count(*)::int FROM grants WHERE organization_id = $1 AND status NOT IN ('closed', 'terminated')) AS grants,
              (SELECT count(*)::int FROM applications WHERE organization_id = $1 AND status IN ('submitted', 'admissible', 'in_evaluation', 'evaluated', 'offered', 'reserve')) AS applications`,
      [organizationId]);
    return r;
  },

  /** Other active owners of the organisation (who can carry on its grants). */
  async otherActiveOwners(m: EntityManager, organizationId: string, userId: string): Promise<number> {
    const [r] = await m.query(
      `SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND org_role = 'owner' AND active AND erased_at IS NULL AND id <> $2`, [organizationId, userId]);
    return r.n;
  },

  async openGrantsMonitored(m: EntityManager, userId: string): Promise<number> {
    const [r] = await m.query(`SELECT count(*)::int AS n FROM grants WHERE monitor_id = $1 AND status NOT IN ('closed', 'terminated')`, [userId]);
    return r.n;
  },

  async openEvaluations(m: EntityManager, userId: string): Promise<number> {
    const [r] = await m.query(
      `SELECT count(*)::int AS n FROM evaluation_assignments WHERE evaluator_id = $1 AND status IN ('assigned', 'accepted')`, [userId]);
    return r.n;
  },

  async otherActiveAdmins(m: EntityManager, userId: string): Promise<number> {
    const [r] = await m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'secretariat_admin' AND active AND erased_at IS NULL AND id <> $1`, [userId]);
    return r.n;
  },

  /**
   * Blanks the person's own fields, ends their sessions, removes their sign-in secrets, invitations, notifications,
   * e-mail copies and preferences, and records the request. The records they made keep their id.
   */
  async erase(m: EntityManager, t: ErasureTarget, by: string, reason: string): Promise<string> {
    const placeholder = `erased-${t.id}@erased.invalid`;
    await m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1`, [t.id]);
    await m.query(`DELETE FROM auth_tokens WHERE user_id = $1`, [t.id]);
    await m.query(`DELETE FROM login_failures WHERE lower(email) = lower($1)`, [t.email]);
    await m.query(`DELETE FROM invitations WHERE lower(email) = lower($1)`, [t.email]);
    await m.query(`DELETE FROM notifications WHERE user_id = $1`, [t.id]);
    await m.query(`DELETE FROM notification_preferences WHERE user_id = $1`, [t.id]);
    await m.query(`DELETE FROM emails WHERE user_id = $1 OR lower(to_address) = lower($2)`, [t.id, t.email]);
    await m.query(`DELETE FROM call_followers WHERE user_id = $1`, [t.id]);
    for (const table of OPTIONAL_USER_TABLES) {
      const [{ present }] = await m.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [table]);
      if (present) await m.query(`DELETE FROM ${table} WHERE user_id = $1`, [t.id]);
    }
    await m.query(
      `UPDATE users SET email = $2, full_name = 'Erased person', password_hash = NULL, active = false, safeguarding_focal_point = false,
         failed_logins = 0, locked_until = NULL, last_login_at = NULL, erased_at = now(), updated_at = now() WHERE id = $1`,
      [t.id, placeholder]);
    const [{ present }] = await m.query(`SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'second_factor_at') AS present`);
    if (present) await m.query(`UPDATE users SET second_factor_at = NULL WHERE id = $1`, [t.id]);
    const [row] = await m.query(`INSERT INTO user_erasures (user_id, erased_by, reason) VALUES ($1, $2, $3) RETURNING id`, [t.id, by, reason]);
    return row.id;
  },
};
