/** Who a user is in the scheme. One role per account; applicants also have a role inside their organisation. */
export const ROLES = ['applicant', 'evaluator', 'monitor', 'secretariat', 'secretariat_admin', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** An applicant's role inside its organisation: the owner manages members, members work on the records. */
export const ORG_ROLES = ['owner', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** Roles a Secretariat admin may invite. Applicants register themselves (or are invited by their organisation's owner). */
export const STAFF_ROLES = ['secretariat', 'secretariat_admin', 'evaluator', 'monitor', 'observer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Interface and e-mail languages: English, Albanian, Serbian. */
export const LANGUAGES = ['en', 'sq', 'sr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Serbian is written in either script; resources are kept in Latin and transliterated for Cyrillic readers. */
export const SCRIPTS = ['latin', 'cyrillic'] as const;
export type Script = (typeof SCRIPTS)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isScript(value: unknown): value is Script {
  return typeof value === 'string' && (SCRIPTS as readonly string[]).includes(value);
}
