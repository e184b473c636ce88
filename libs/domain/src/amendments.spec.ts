import fc from 'fast-check';
import {
  applyGrantAmendment,
  canTransitionGrantAmendment,
  checkGrantAmendmentDecision,
  diffGrantVersions,
  grantAmendmentProblems,
  grantVersionHashInput,
  logframeItems,
  mayRequestGrantAmendment,
  type GrantAmendmentChange,
  type GrantAmendmentContext,
  type GrantVersion,
} from './amendments';
import { COST_HEADINGS } from './budget';
import type { Indicator } from './completeness';
import { headingBudgetOf } from './reallocation';

const IBAN = 'XK051212012345678906';
const OTHER_IBAN = 'AL35202111090000000001234567';
const indicator: Indicator = { name: 'Victims referred', level: 'output', unit: 'persons', baseline: 0, target: 40, meansOfVerification: 'referral forms', frequency: '6 months' };
const V1: GrantVersion = {
  version: 1,
  agreementNumber: 'MF-C3-2026-01-G-001',
  amountCents: 2_140_000,
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  budgetLines: [
    { lineId: 'l1', heading: 'human_resources', description: 'case workers', approvedCents: 1_500_000 },
    { lineId: 'l2', heading: 'travel', description: 'outreach', approvedCents: 500_000 },
  ],
  indirectCents: 140_000,
  logframe: {
    overallObjective: 'Victims of trafficking are reintegrated',
    specificObjectives: [{ text: 'SO1', results: [{ text: 'R1', indicators: [indicator], activities: [{ code: 'A1.1', text: 'Outreach' }] }] }],
  },
  bankAccount: { iban: IBAN, holder: 'NGO Hope' },
  amendmentId: null,
};
const ctx: GrantAmendmentContext = {
  grantStatus: 'in_force',
  latest: V1,
  pendingKinds: [],
  reallocationRules: { reallocationWithoutAmendmentBp: 2500, indirectCostCapBp: 700, costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })) },
  originalBudget: headingBudgetOf(V1.budgetLines, V1.indirectCents),
};

describe('amendment states and who decides', () => {
  it('goes requested → approved or rejected (with a reason), decided by the Secretariat', () => {
    expect(canTransitionGrantAmendment('requested', 'approved')).toBe(true);
    expect(canTransitionGrantAmendment('requested', 'rejected')).toBe(true);
    expect(canTransitionGrantAmendment('approved', 'rejected')).toBe(false);
    expect(checkGrantAmendmentDecision({ role: 'secretariat' }, 'requested', 'approved')).toEqual({ ok: true });
    expect(checkGrantAmendmentDecision({ role: 'secretariat' }, 'requested', 'rejected')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkGrantAmendmentDecision({ role: 'secretariat' }, 'requested', 'rejected', 'no bank letter')).toEqual({ ok: true });
    expect(checkGrantAmendmentDecision({ role: 'applicant', orgRole: 'owner' }, 'requested', 'approved')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkGrantAmendmentDecision({ role: 'secretariat' }, 'rejected', 'approved', 'x')).toEqual({ ok: false, reason: 'no_such_transition' });
    expect(mayRequestGrantAmendment({ role: 'applicant', orgRole: 'member' })).toBe(true);
    expect(mayRequestGrantAmendment({ role: 'monitor' })).toBe(false);
  });
});

describe('versions', () => {
  it('makes v(n+1) from an approved amendment, changing only what it asks', () => {
    const v2 = applyGrantAmendment(V1, { kind: 'no_cost_extension', endDate: '2028-03-31' }, 'am-1');
    expect(v2).toEqual({ ...V1, version: 2, endDate: '2028-03-31', amendmentId: 'am-1' });
    const v3 = applyGrantAmendment(v2, { kind: 'bank_account_change', iban: 'al35 2021 1109 0000 0000 0123 4567', holder: 'NGO Hope', bankLetterFileId: 'f1' }, 'am-2');
    expect(v3.version).toBe(3);
    expect(v3.bankAccount).toEqual({ iban: OTHER_IBAN, holder: 'NGO Hope' });
    expect(V1.endDate).toBe('2027-12-31'); // earlier versions untouched
  });

  it('compares two versions: budget lines, end date, logframe items, bank account', () => {
    const v2 = applyGrantAmendment(
      V1,
      { kind: 'budget_reallocation', budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: 1_400_000 }, { lineId: 'l3', heading: 'services', description: 'legal aid', approvedCents: 600_000 }], indirectCents: 140_000 },
      'am-1',
    );
    const d = diffGrantVersions(V1, v2);
    expect(d.changed).toBe(true);
    expect(d.budgetLines.added.map((l) => l.lineId)).toEqual(['l3']);
    expect(d.budgetLines.removed.map((l) => l.lineId)).toEqual(['l2']);
    expect(d.budgetLines.changed).toEqual([{ lineId: 'l1', from: V1.budgetLines[0], to: v2.budgetLines[0], deltaCents: -100_000 }]);
    expect([d.endDate, d.bankAccount, d.amountCents, d.indirectCents]).toEqual([null, null, null, null]);
    expect(d.logframe).toEqual({ added: [], removed: [], changed: [] });

    const lf = structuredCloneish(V1.logframe);
    lf.specificObjectives[0]!.results[0]!.indicators[0]!.target = 60;
    lf.specificObjectives[0]!.results[0]!.activities.push({ code: 'A1.2', text: 'Shelter' });
    const v3 = applyGrantAmendment(V1, { kind: 'logframe_change', logframe: lf }, 'am-3');
    const d3 = diffGrantVersions(V1, v3);
    expect(d3.logframe.added).toEqual([{ key: 'activity.A1.2', kind: 'activity', text: 'Shelter' }]);
    expect(d3.logframe.changed.map((c) => c.key)).toEqual(['so.1.result.1.indicator.1']);
    expect(diffGrantVersions(V1, applyGrantAmendment(V1, { kind: 'no_cost_extension', endDate: '2028-01-31' }, 'x')).endDate).toEqual({ from: '2027-12-31', to: '2028-01-31' });
  });

  it('lists the logframe items by place, activities by code', () => {
    expect(logframeItems(V1.logframe).map((i) => i.key)).toEqual(['overall', 'so.1', 'so.1.result.1', 'so.1.result.1.indicator.1', 'activity.A1.1']);
  });

  it('hashes the same content to the same text whatever the key order, and any change to another (property)', () => {
    const reordered = Object.fromEntries(Object.entries(V1).reverse()) as GrantVersion;
    expect(Object.keys(reordered)[0]).toBe('amendmentId');
    expect(grantVersionHashInput(reordered)).toBe(grantVersionHashInput(V1));
    expect(grantVersionHashInput(V1).startsWith('{"agreementNumber"')).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const va = { ...V1, budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: a }] };
        const vb = { ...V1, budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: b }] };
        expect(grantVersionHashInput(va) === grantVersionHashInput(vb)).toBe(a === b);
        expect(diffGrantVersions(va, vb).changed).toBe(a !== b);
        expect(diffGrantVersions(va, va).changed).toBe(false);
      }),
    );
  });
});

describe('amendment requests', () => {
  const check = (change: GrantAmendmentChange, justification = 'because', c: Partial<GrantAmendmentContext> = {}) => grantAmendmentProblems(change, justification, { ...ctx, ...c }).problems;

  it('need a justification, a running grant and no pending amendment of the same kind', () => {
    expect(check({ kind: 'no_cost_extension', endDate: '2028-03-31' })).toEqual([]);
    expect(check({ kind: 'no_cost_extension', endDate: '2028-03-31' }, ' ', { grantStatus: 'closed', pendingKinds: ['no_cost_extension'] })).toEqual([
      { field: 'grant', code: 'grant_not_running', params: { status: 'closed' } },
      { field: 'justification', code: 'required' },
      { field: 'kind', code: 'pending_same_kind' },
    ]);
  });

  it('extend the end date only forward, within the call', () => {
    expect(check({ kind: 'no_cost_extension', endDate: '2027-12-31' })).toEqual([{ field: 'endDate', code: 'not_later', params: { endDate: '2027-12-31' } }]);
    expect(check({ kind: 'no_cost_extension', endDate: '2028-02-30' })).toEqual([{ field: 'endDate', code: 'invalid_date' }]);
    expect(check({ kind: 'no_cost_extension', endDate: '2028-06-30' }, 'x', { maxDurationMonths: 15 })).toEqual([{ field: 'endDate', code: 'too_long', params: { maxMonths: 15 } }]);
  });

  it('change the bank account only to a valid, different IBAN with the bank letter', () => {
    expect(check({ kind: 'bank_account_change', iban: OTHER_IBAN, holder: 'NGO Hope', bankLetterFileId: 'f1' })).toEqual([]);
    expect(check({ kind: 'bank_account_change', iban: 'xk05 1212 0123 4567 8906', holder: null, bankLetterFileId: '' })).toEqual([
      { field: 'iban', code: 'unchanged' },
      { field: 'bankLetterFileId', code: 'required' },
    ]);
    expect(check({ kind: 'bank_account_change', iban: 'XK051212012345678907', holder: null, bankLetterFileId: 'f' })).toEqual([{ field: 'iban', code: 'iban_checksum' }]);
  });

  it('change the logframe only when something changes and nothing is left blank', () => {
    expect(check({ kind: 'logframe_change', logframe: V1.logframe })).toEqual([{ field: 'logframe', code: 'unchanged' }]);
    const lf = structuredCloneish(V1.logframe);
    lf.specificObjectives[0]!.results[0]!.text = ' ';
    expect(check({ kind: 'logframe_change', logframe: lf })).toEqual([{ field: 'logframe.so.1.result.1', code: 'required' }]);
  });

  it('classify a budget reallocation, refusing one above the awarded amount', () => {
    const moved = (l1: number, l2: number, indirect = 140_000): GrantAmendmentChange => ({ kind: 'budget_reallocation', budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: l1 }, { ...V1.budgetLines[1]!, approvedCents: l2 }], indirectCents: indirect });
    const big = grantAmendmentProblems(moved(1_300_000, 700_000), 'more outreach', ctx);
    expect(big.problems).toEqual([]);
    expect(big.reallocation!.classification).toBe('amendment_required');
    expect(grantAmendmentProblems(moved(1_600_000, 500_000), 'x', ctx).problems).toEqual([{ field: 'budgetLines', code: 'reallocation_refused' }]);
    expect(check(moved(1_500_000, 500_000))).toEqual([{ field: 'budgetLines', code: 'unchanged' }]);
    expect(check({ kind: 'budget_reallocation', budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: 1.5 }, V1.budgetLines[0]!], indirectCents: 0 })).toEqual([
      { field: 'budgetLines.0.approvedCents', code: 'not_cents' },
      { field: 'budgetLines.1.lineId', code: 'duplicate' },
    ]);
  });
});

function structuredCloneish<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
