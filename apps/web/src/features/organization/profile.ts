import type { OrgDocument, OrgDocumentKind, Organization } from './types';

/** Documents every applicant organisation is asked to keep on file. */
export const REQUIRED_DOCUMENT_KINDS: OrgDocumentKind[] = ['registration_certificate', 'statute', 'licence'];

/** Profile fields an applicant should fill before applying (the required ones are never empty). */
export const PROFILE_COMPLETENESS_FIELDS = [
  'address',
  'contactPerson',
  'phone',
  'email',
  'iban',
  'licenceNumber',
  'licenceExpiry',
  'description',
] as const satisfies readonly (keyof Organization)[];

export function missingProfileFields(org: Organization): (typeof PROFILE_COMPLETENESS_FIELDS)[number][] {
  return PROFILE_COMPLETENESS_FIELDS.filter((f) => {
    const v = org[f];
    return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  });
}

export function missingDocumentKinds(documents: OrgDocument[]): OrgDocumentKind[] {
  const present = new Set(documents.map((d) => d.kind));
  return REQUIRED_DOCUMENT_KINDS.filter((k) => !present.has(k));
}
