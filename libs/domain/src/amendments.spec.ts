import fc from 'fast-check';
import {
  applyGrantAmendment,
  completeReallocationLines,
  grantAmendmentOutcome,
  noCostExtensionSchedules,
  reallocatedBudget,
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

  it('keep each specific objective tied to the National Strategy within the call, as the application form does', () => {
    const tagged = (...tags: (string | null)[]) => {
      const lf = structuredCloneish(V1.logframe);
      lf.overallObjective = `${lf.overallObjective} (revised)`;
      lf.specificObjectives = tags.map((t, i) => ({ ...structuredCloneish(V1.logframe.specificObjectives[0]!), text: `Objective ${i + 1}`, nsObjective: t }));
      return { kind: 'logframe_change', logframe: lf } as GrantAmendmentChange;
    };
    const two = { priorityObjectives: ['III.2', 'III.4'] };
    expect(check(tagged('III.2.4', 'III.4'), 'x', two)).toEqual([]);
    expect(check(tagged('II.1', 'X.9'), 'x', two)).toEqual([
      { field: 'logframe.so.1.nsObjective', code: 'outside_call_priorities', params: { priorities: 'III.2, III.4' } },
      { field: 'logframe.so.2.nsObjective', code: 'unknown_ns_code' },
    ]);
    // several priorities: every objective says which one it serves; with one, an untagged objective counts under it
    expect(check(tagged('III.2', null), 'x', two)).toEqual([{ field: 'logframe.so.2.nsObjective', code: 'required' }]);
    expect(check(tagged(null), 'x', { priorityObjectives: ['III.2'] })).toEqual([]);
    // a caller that does not know the call's priorities checks only that a tag is a Strategy code
    expect(check(tagged('II.1'))).toEqual([]);
  });

  it('never accept a logframe whose tag lies outside every priority of the call', () => {
    fc.assert(
      fc.property(fc.constantFrom('I.1', 'II.1', 'III.1', 'III.2', 'III.2.4', 'III.4', 'IV.1', 'V.1'), fc.constantFrom('III.2', 'III.4', 'IV.1'), (tag, priority) => {
        const lf = structuredCloneish(V1.logframe);
        lf.overallObjective = `${lf.overallObjective} (revised)`;
        lf.specificObjectives[0]!.nsObjective = tag;
        const problems = check({ kind: 'logframe_change', logframe: lf }, 'x', { priorityObjectives: [priority] });
        const within = tag === priority || tag.startsWith(`${priority}.`);
        return within === !problems.some((p) => p.field === 'logframe.so.1.nsObjective');
      }),
    );
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

describe('what a request becomes', () => {
  const moved = (l1: number, l2: number, indirect = 140_000): GrantAmendmentChange => ({ kind: 'budget_reallocation', budgetLines: [{ ...V1.budgetLines[0]!, approvedCents: l1 }, { ...V1.budgetLines[1]!, approvedCents: l2 }], indirectCents: indirect });

  it('applies a reallocation within 25 % at once as a notice, asks a decision beyond it, refuses indirect costs above 7 %', () => {
    const notice = grantAmendmentProblems(moved(1_400_000, 600_000), 'outreach grew', ctx);
    expect(notice.problems).toEqual([]);
    expect(grantAmendmentOutcome('budget_reallocation', notice.reallocation)).toBe('notice');
    const big = grantAmendmentProblems(moved(1_300_000, 700_000), 'outreach grew', ctx);
    expect(grantAmendmentOutcome('budget_reallocation', big.reallocation)).toBe('request');
    const indirect = grantAmendmentProblems(moved(1_450_000, 500_000, 190_000), 'office', ctx);
    expect(indirect.reallocation!.classification).toBe('refused');
    expect(indirect.problems).toContainEqual({ field: 'budgetLines', code: 'reallocation_refused' });
    expect(grantAmendmentOutcome('budget_reallocation', indirect.reallocation)).toBe('refused');
    for (const kind of ['no_cost_extension', 'logframe_change', 'bank_account_change'] as const) expect(grantAmendmentOutcome(kind, null)).toBe('request');
  });

  it('is a notice exactly when the rule says notice, refused exactly when it refuses (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 200_000 }), (l1, indirect) => {
        const r = grantAmendmentProblems(moved(l1, 2_000_000 - l1, indirect), 'why', ctx).reallocation!;
        const out = grantAmendmentOutcome('budget_reallocation', r);
        expect(out === 'notice').toBe(r.classification === 'notice');
        expect(out === 'refused').toBe(r.classification === 'refused');
        // a total above the award is never a notice nor a request
        if (l1 + (2_000_000 - l1) + indirect > V1.amountCents) expect(out).toBe('refused');
      }),
    );
  });

  it('completes the proposed lines from the latest version, new lines last', () => {
    const lines = completeReallocationLines(V1.budgetLines, [{ lineId: 'l3', heading: 'services', description: 'legal aid', approvedCents: 1 }, { ...V1.budgetLines[1]!, approvedCents: 7 }]);
    expect(lines.map((l) => [l.lineId, l.approvedCents])).toEqual([['l1', 1_500_000], ['l2', 7], ['l3', 1]]);
  });
});

describe('applying an approved change to the grant', () => {
  const budget = {
    lines: [
      { heading: 'human_resources' as const, description: 'case workers', unit: 'month', quantity: 12, unitCostCents: 125_000, totalCents: 1_500_000 },
      { heading: 'travel' as const, description: 'outreach', unit: 'trip', quantity: 10, unitCostCents: 50_000, totalCents: 500_000 },
    ],
    headings: [{ heading: 'human_resources' as const, totalCents: 1_500_000 }, { heading: 'travel' as const, totalCents: 500_000 }],
    directCents: 2_000_000, indirectCostBp: 700, indirectCents: 140_000, totalCents: 2_140_000, coFinancingCents: 0, requestedCents: 2_140_000, coFinancingBp: 0,
  };

  it('recomputes every total of the budget from the reallocated lines, in cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 200_000 }), (a, b, c, ind) => {
        const lines = [{ lineId: 'L1', heading: 'human_resources' as const, description: 'x', approvedCents: a }, { lineId: 'L2', heading: 'travel' as const, description: 'y', approvedCents: b }, { lineId: 'L3', heading: 'services' as const, description: 'legal aid', approvedCents: c }];
        const out = reallocatedBudget(budget, lines, ind);
        expect(out.lines.map((l) => l.totalCents)).toEqual([a, b, c]);
        expect(out.directCents).toBe(a + b + c);
        expect(out.headings.reduce((s, h) => s + h.totalCents, 0)).toBe(out.directCents);
        expect(out.totalCents).toBe(a + b + c + ind);
        expect(out.requestedCents + out.coFinancingCents).toBe(out.totalCents);
        expect(out.lines.every((l) => Number.isSafeInteger(l.totalCents))).toBe(true);
        expect(budget.lines[0]!.totalCents).toBe(1_500_000); // the input is untouched
      }),
    );
  });

  const settings = { interimReportEveryMonths: 6, interimReportDueDays: 30, finalReportDueDays: 60 };
  const tranches = [
    { seq: 1, kind: 'pre_financing' as const, status: 'paid', plannedDate: '2027-01-01', periodEnd: '2027-12-31' },
    { seq: 2, kind: 'instalment' as const, status: 'planned', plannedDate: '2028-01-01', periodEnd: '2028-06-30' },
    { seq: 3, kind: 'balance' as const, status: 'planned', plannedDate: '2028-08-29', periodEnd: null },
  ];

  it('moves, for a no-cost extension, the final report, the planned balance and the last period; never a tranche in progress or the amounts', () => {
    const out = noCostExtensionSchedules({ startDate: '2027-01-01', endDate: '2028-06-30', newEndDate: '2028-12-31', tranches }, settings);
    expect(out.reports.at(-1)).toMatchObject({ kind: 'final', periodEnd: '2028-12-31', dueDate: '2029-03-01' });
    expect(out.reports.filter((r) => r.kind === 'interim').map((r) => r.periodEnd)).toEqual(['2027-06-30', '2027-12-31', '2028-06-30']);
    expect(out.tranches.map((t) => [t.seq, t.plannedDate, t.periodEnd])).toEqual([[1, '2027-01-01', '2027-12-31'], [2, '2028-01-01', '2028-12-31'], [3, '2029-03-01', null]]);
    expect(out.moved).toEqual([{ seq: 3, from: '2028-08-29', to: '2029-03-01' }]);
    const requested = noCostExtensionSchedules({ startDate: '2027-01-01', endDate: '2028-06-30', newEndDate: '2028-12-31', tranches: tranches.map((t) => ({ ...t, status: 'requested' })) }, settings);
    expect(requested.tranches).toEqual(tranches.map((t) => ({ ...t, status: 'requested' })));
  });

  it('keeps the interim reports already scheduled and moves the final one to the new end (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 36 }), fc.integer({ min: 1, max: 400 }), (months, extraDays) => {
        const end = new Date(Date.UTC(2027, months, 0)).toISOString().slice(0, 10);
        const newEnd = new Date(Date.UTC(2027, months, extraDays)).toISOString().slice(0, 10);
        const before = noCostExtensionSchedules({ startDate: '2027-01-01', endDate: end, newEndDate: end, tranches: [] }, settings).reports;
        const after = noCostExtensionSchedules({ startDate: '2027-01-01', endDate: end, newEndDate: newEnd, tranches }, settings);
        for (const r of before.filter((x) => x.kind === 'interim')) expect(after.reports).toContainEqual(r);
        expect(after.reports.at(-1)!.periodEnd).toBe(newEnd);
        expect(after.tranches.find((t) => t.status === 'paid')).toEqual(tranches[0]);
      }),
    );
  });
});
