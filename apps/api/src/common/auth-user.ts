import type { Language, OrgRole, Role, Script, SecondFactorMethod } from '@grants/domain';

/** The actor of a request, as loaded from the session on every request. */
export type AuthUser = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  orgRole: OrgRole | null;
  organizationId: string | null;
  language: Language;
  script: Script;
  active: boolean;
  emailVerified: boolean;
  /** Designated by an admin to read safeguarding reports (the only source of `safeguarding.handle`). */
  safeguardingFocalPoint?: boolean;
  /** When the user's first second factor was confirmed (users.second_factor_at); null or absent: the user has none. */
  secondFactorAt?: Date | null;
  /** The factors the user has (read with the session; only when secondFactorAt is set). */
  secondFactorMethods?: SecondFactorMethod[];
  /** When this session last passed a second factor (ms since the epoch; the session's secondFactorAt). */
  secondFactorVerifiedAt?: number | null;
};

/** The actor for work that no person started (the worker, the seed, migrations). */
export const SYSTEM_ACTOR = { id: null as string | null, email: 'system' };
export type AuditActor = { id: string | null; email: string };
