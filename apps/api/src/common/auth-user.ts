import type { Language, OrgRole, Role, Script } from '@grants/domain';

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
};

/** The actor for work that no person started (the worker, the seed, migrations). */
export const SYSTEM_ACTOR = { id: null as string | null, email: 'system' };
export type AuditActor = { id: string | null; email: string };
