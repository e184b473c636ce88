/**
 * The Secretariat's admissibility and eligibility check of a submitted application: a checklist
 * (administrative items, eligibility items, and the call's own questions) where every failed item
 * carries a reason the applicant will read; plus flags of possible double funding for a person to judge.
 */
import type { EligibilityQuestion } from './call-validation';

export const ADMINISTRATIVE_ITEMS = ['on_time', 'complete', 'declarations_signed', 'attachments_present'] as const;
export const ELIGIBILITY_ITEMS = ['registered_cso', 'valid_licence', 'amount_within_limits', 'duration_within_limits', 'co_financing'] as const;
export type AdministrativeItem = (typeof ADMINISTRATIVE_ITEMS)[number];
export type EligibilityItem = (typeof ELIGIBILITY_ITEMS)[number];

export type AdmissibilityItem = { id: string; kind: 'administrative' | 'eligibility' | 'call_question'; requiredAnswer?: boolean };
export type AdmissibilityAnswer = { itemId: string; passed: boolean; reason?: string };
export type AdmissibilityOutcome = 'admissible' | 'rejected' | 'incomplete';
export type AdmissibilityProblem = { field: string; code: 'answer_required' | 'reason_required' | 'unknown_item' | 'duplicate_answer' };

/** The id of a call question's checklist item. */
export function callQuestionItemId(questionId: string): string {
  return `question:${questionId}`;
}

/** The whole checklist for a call: administrative, eligibility, then the call's own questions. */
export function admissibilityItems(questions: readonly Pick<EligibilityQuestion, 'id' | 'requiredAnswer'>[] = []): AdmissibilityItem[] {
  return [
    ...ADMINISTRATIVE_ITEMS.map((id) => ({ id, kind: 'administrative' as const })),
    ...ELIGIBILITY_ITEMS.map((id) => ({ id, kind: 'eligibility' as const })),
    ...questions.map((q) => ({ id: callQuestionItemId(q.id), kind: 'call_question' as const, requiredAnswer: q.requiredAnswer })),
  ];
}

/**
 * Admissible when every item is answered and passed; rejected when every item is answered, some
 * failed, and each failure has a reason; otherwise incomplete, with what is missing.
 */
export function admissibilityOutcome(
  answers: readonly AdmissibilityAnswer[],
  items: readonly AdmissibilityItem[],
): { outcome: AdmissibilityOutcome; problems: AdmissibilityProblem[] } {
  const problems: AdmissibilityProblem[] = [];
  const known = new Set(items.map((i) => i.id));
  const byItem = new Map<string, AdmissibilityAnswer>();
  for (const a of answers) {
    if (!known.has(a.itemId)) problems.push({ field: a.itemId, code: 'unknown_item' });
    else if (byItem.has(a.itemId)) problems.push({ field: a.itemId, code: 'duplicate_answer' });
    else byItem.set(a.itemId, a);
  }
  let failed = false;
  for (const item of items) {
    const a = byItem.get(item.id);
    if (!a || typeof a.passed !== 'boolean') {
      problems.push({ field: item.id, code: 'answer_required' });
      continue;
    }
    if (!a.passed) {
      failed = true;
      if (typeof a.reason !== 'string' || a.reason.trim() === '') problems.push({ field: item.id, code: 'reason_required' });
    }
  }
  if (problems.length > 0) return { outcome: 'incomplete', problems };
  return { outcome: failed ? 'rejected' : 'admissible', problems };
}

export type DuplicateFlag = 'shared_registration_number' | 'shared_iban' | 'active_grant' | 'applied_twice';
export type DuplicateFinding = { flag: DuplicateFlag; otherOrgIds: string[] };
export type OrgIdentity = { id: string; registrationNumber: string | null; iban: string | null };

const normalise = (s: string | null | undefined) => (s ?? '').replace(/[\s.\-/]/g, '').toUpperCase();

/**
 * Signs of double funding for a person to judge, never to decide alone: another organisation with
 * the same registration number or IBAN, an active grant, or more than one application to this call.
 * `applicationsByOrg` counts each organisation's applications (not withdrawn) in the call.
 */
export function duplicateFlags(
  orgs: readonly OrgIdentity[],
  applicantId: string,
  activeGrantOrgIds: readonly string[],
  applicationsByOrg: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
): DuplicateFinding[] {
  const findings: DuplicateFinding[] = [];
  const me = orgs.find((o) => o.id === applicantId);
  const others = orgs.filter((o) => o.id !== applicantId);
  if (me) {
    const reg = normalise(me.registrationNumber);
    const iban = normalise(me.iban);
    const sameReg = reg ? others.filter((o) => normalise(o.registrationNumber) === reg).map((o) => o.id) : [];
    const sameIban = iban ? others.filter((o) => normalise(o.iban) === iban).map((o) => o.id) : [];
    if (sameReg.length) findings.push({ flag: 'shared_registration_number', otherOrgIds: sameReg });
    if (sameIban.length) findings.push({ flag: 'shared_iban', otherOrgIds: sameIban });
  }
  if (activeGrantOrgIds.includes(applicantId)) findings.push({ flag: 'active_grant', otherOrgIds: [] });
  const count = applicationsByOrg instanceof Map ? applicationsByOrg.get(applicantId) : (applicationsByOrg as Record<string, number>)[applicantId];
  if ((count ?? 0) >= 2) findings.push({ flag: 'applied_twice', otherOrgIds: [] });
  return findings;
}
