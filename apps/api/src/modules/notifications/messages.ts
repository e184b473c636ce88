import type { Language, NotificationKind } from '@grants/domain';

/** In-app and e-mail text of each kind of notification, in the reader's language. {{x}} come from params. */
export const NOTIFICATION_MESSAGES: Record<NotificationKind, Record<Language, { title: string; body: string }>> = {
  'organization.member_invited': {
    en: { title: 'Member invited', body: '{{inviter}} invited {{email}} to join {{organization}}.' },
    sq: { title: 'Anëtar i ftuar', body: '{{inviter}} ftoi {{email}} të bashkohet me {{organization}}.' },
    sr: { title: 'Član pozvan', body: '{{inviter}} je pozvao/la {{email}} da se pridruži organizaciji {{organization}}.' },
  },
  'organization.member_joined': {
    en: { title: 'New member', body: '{{name}} joined {{organization}}.' },
    sq: { title: 'Anëtar i ri', body: '{{name}} u bashkua me {{organization}}.' },
    sr: { title: 'Novi član', body: '{{name}} se pridružio/la organizaciji {{organization}}.' },
  },
  'organization.document_uploaded': {
    en: { title: 'Document uploaded', body: '{{name}} uploaded "{{fileName}}" to the profile of {{organization}}.' },
    sq: { title: 'Dokument i ngarkuar', body: '{{name}} ngarkoi "{{fileName}}" në profilin e {{organization}}.' },
    sr: { title: 'Dokument otpremljen', body: '{{name}} je otpremio/la "{{fileName}}" na profil organizacije {{organization}}.' },
  },
  'organization.licence_expiring': {
    en: { title: 'Licence expiring', body: 'The social-services licence of {{organization}} expires on {{date}}. Upload the renewed licence before you apply.' },
    sq: { title: 'Licenca po skadon', body: 'Licenca për shërbime sociale e {{organization}} skadon më {{date}}. Ngarkoni licencën e ripërtërirë para se të aplikoni.' },
    sr: { title: 'Licenca ističe', body: 'Licenca za socijalne usluge organizacije {{organization}} ističe {{date}}. Otpremite obnovljenu licencu pre prijave.' },
  },
  'account.invitation_accepted': {
    en: { title: 'Invitation accepted', body: '{{name}} ({{email}}) accepted the invitation and can now log in.' },
    sq: { title: 'Ftesa u pranua', body: '{{name}} ({{email}}) e pranoi ftesën dhe tani mund të hyjë.' },
    sr: { title: 'Poziv prihvaćen', body: '{{name}} ({{email}}) je prihvatio/la poziv i sada može da se prijavi.' },
  },
  'account.deactivated': {
    en: { title: 'Account deactivated', body: 'The account of {{name}} ({{email}}) was deactivated by {{actor}}.' },
    sq: { title: 'Llogaria u çaktivizua', body: 'Llogaria e {{name}} ({{email}}) u çaktivizua nga {{actor}}.' },
    sr: { title: 'Nalog deaktiviran', body: 'Nalog korisnika {{name}} ({{email}}) je deaktivirao/la {{actor}}.' },
  },
  'system.announcement': {
    en: { title: '{{title}}', body: '{{body}}' },
    sq: { title: '{{title}}', body: '{{body}}' },
    sr: { title: '{{title}}', body: '{{body}}' },
  },
};
