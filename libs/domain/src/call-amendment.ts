/**
 * What a logged amendment may change on a published call: texts, documents and deadlines, and
 * deadlines only later, never earlier (applicants planned around them). Money, the grid, evaluators,
 * eligibility and priorities are fixed once applicants have read them. An amended call must still
 * pass validateCallForPublication; this check only compares before and after.
 */
import { evaluationRules } from './evaluation';
import { CALL_DATE_KEYS, type CallDraft, type CallProblem } from './call-validation';
import { parseInstant } from './deadline';

/** Fields an amendment may change freely. */
export const AMENDABLE_CALL_FIELDS = ['texts', 'documents'] as const;

/** Fields fixed once the call is published. */
export const LOCKED_CALL_FIELDS = [
  'reference',
  'budgetEnvelopeCents',
  'minGrantCents',
  'maxGrantCents',
  'maxGrantOverride',
  'maxDurationMonths',
  'minCoFinancingBp',
  'costHeadings',
  'indirectCostCapBp',
  'eligibilityQuestions',
  'grid',
  'evaluatorsPerApplication',
  'divergenceThresholdPoints',
  'allowMultipleApplications',
] as const satisfies readonly (keyof CallDraft)[];

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // null and undefined mean the same thing for optional fields.
    return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}

/** The dates an amendment may move: every deadline, later only. The publication date is history. */
export const EXTENDABLE_CALL_DATES = CALL_DATE_KEYS.filter((k) => k !== 'publicationAt');

/**
 * Problems with amending the published call `before` into `after`: `locked_after_publication` for a
 * fixed field, `deadline_shortened` for a deadline moved earlier. Priorities may have their titles
 * reworded, but not their codes or National Strategy objectives.
 */
export function checkAmendment(before: CallDraft, after: CallDraft): CallProblem[] {
  const problems: CallProblem[] = [];
  for (const f of LOCKED_CALL_FIELDS) {
    if (!sameJson(before[f], after[f])) problems.push({ field: f, code: 'locked_after_publication' });
  }
  // how sheets become a ranking is published with the call and holds to the decision (compared as in force,
  // so an absent tie-break section, which means relevance, differs from null, which means none)
  if (before.grid && after.grid) {
    const rb = evaluationRules(before);
    const ra = evaluationRules(after);
    for (const f of ['consolidationRule', 'tieBreakSectionId', 'reserveListSize'] as const) {
      if (rb[f] !== ra[f]) problems.push({ field: f, code: 'locked_after_publication' });
    }
  }
  const structure = (c: CallDraft) => (c.priorities ?? []).map((p) => ({ code: p.code, nsObjective: p.nsObjective }));
  if (!sameJson(structure(before), structure(after))) problems.push({ field: 'priorities', code: 'locked_after_publication' });

  if (before.dates?.publicationAt !== after.dates?.publicationAt) problems.push({ field: 'dates.publicationAt', code: 'locked_after_publication' });
  for (const k of EXTENDABLE_CALL_DATES) {
    const b = parseInstant(before.dates?.[k] as string);
    const a = parseInstant(after.dates?.[k] as string);
    if (a === null) problems.push({ field: `dates.${k}`, code: 'invalid_instant' });
    else if (b !== null && a < b) problems.push({ field: `dates.${k}`, code: 'deadline_shortened' });
  }
  return problems;
}

/** The fields an amendment changed, for the amendment log shown to applicants. */
export function amendedFields(before: CallDraft, after: CallDraft): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(before.texts ?? {}) as (keyof CallDraft['texts'])[]) {
    if (!sameJson(before.texts[key], after.texts?.[key])) changed.push(`texts.${key}`);
  }
  if (!sameJson(before.priorities, after.priorities)) changed.push('priorities');
  if (!sameJson(before.documents ?? [], after.documents ?? [])) changed.push('documents');
  if (!sameJson(before.declarationText, after.declarationText)) changed.push('declarationText');
  for (const k of CALL_DATE_KEYS) if (before.dates?.[k] !== after.dates?.[k]) changed.push(`dates.${k}`);
  return changed;
}
