/** Types of the REST API, as written in docs/api-contract.md. */

export type Role = 'applicant' | 'evaluator' | 'monitor' | 'secretariat' | 'secretariat_admin' | 'observer';
export type Language = 'en' | 'sq' | 'sr';
export type Script = 'latin' | 'cyrillic';
export type OrgRole = 'owner' | 'member';

export const ROLES: Role[] = ['applicant', 'evaluator', 'monitor', 'secretariat', 'secretariat_admin', 'observer'];
export const STAFF_ROLES = ['secretariat', 'secretariat_admin', 'evaluator', 'monitor', 'observer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const LANGUAGES: Language[] = ['en', 'sq', 'sr'];

export type Me = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  language: Language;
  script: Script;
  organizationId: string | null;
  orgRole: OrgRole | null;
  emailVerified: boolean;
  permissions: string[];
};

export type LicenceStatus = 'valid' | 'expiring' | 'expired' | 'missing';

export type Organization = {
  id: string;
  legalName: string;
  acronym: string | null;
  registrationNumber: string;
  licenceNumber: string | null;
  licenceExpiry: string | null;
  licence: { status: LicenceStatus; daysLeft: number | null };
  municipality: string;
  address: string | null;
  contactPerson: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  iban: string | null;
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type OrganizationPatch = Partial<Omit<Organization, 'id' | 'licence' | 'createdAt' | 'updatedAt' | 'version'>> & {
  version: number;
};

export type OrgDocumentKind = 'registration_certificate' | 'statute' | 'licence' | 'financial_statements' | 'other';

export type OrgDocument = {
  id: string;
  kind: OrgDocumentKind;
  fileId: string;
  fileName: string;
  size: number;
  mimeType: string;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
};

export type OrgMember = { userId: string; fullName: string; email: string; orgRole: OrgRole; active: boolean };
export type OrgInvitation = { id: string; email: string; createdAt: string; expiresAt: string };
export type OrgMembers = { members: OrgMember[]; invitations: OrgInvitation[] };

export type Municipality = { code: string; en: string; sq: string; sr: string };

export type InvitationPreview = { email: string; role: Role; organizationName: string | null; expiresAt: string };

export type AuthAnswer = { user: Me; csrfToken: string };
export type MessageAnswer = { message: string };

export type Delivery = 'immediate' | 'digest' | 'in_app';
export type NotificationPreference = { kind: string; delivery: Delivery; mustAct: boolean };

export type AppNotification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};
export type NotificationPage = { items: AppNotification[]; unreadCount: number; total: number };

export type AdminUser = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  active: boolean;
  emailVerified: boolean;
  organizationName: string | null;
  lastLoginAt: string | null;
  createdAt: string;
};
export type Paged<T> = { items: T[]; total: number };

export type StaffInvitation = {
  id: string;
  email: string;
  role: Role;
  organizationName: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
};

export type AuditEntry = {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  prevHash: string;
  hash: string;
};
export type AuditVerification = { ok: boolean; checked: number; brokenAt: number | null; reason: string | null };

export type MailboxItem = { id: string; to: string; subject: string; text: string; html: string; createdAt: string };
export type Mailbox = { enabled: boolean; items: MailboxItem[] };
