import fc from 'fast-check';
import { addDays } from './dates';
import { addMonths, grantDurationMonths } from './grant-agreement';
import { DEFAULT_GRANT_SETTINGS, type GrantSettings } from './grant-settings';
import type { Actor } from './permissions';
import {
  TRANCHE_STATUSES,
  TRANCHE_TRANSITIONS,
  bpText,
  canApproveTranche,
  canPayTranche,
  canRequestTranche,
  canTransitionTranche,
  checkTrancheTransition,
  finalBalance,
  trancheConditions,
  tranchePlan,
  type GrantForTranche,
  type TrancheRef,
} from './tranches';

const S = DEFAULT_GRANT_SETTINGS;
const IBAN = 'XK051212012345678906';
const dateArb = fc.integer({ min: 0, max: 365 * 50 }).map((d) => addDays('2000-01-01', d));
const settingsArb: fc.Arbitrary<GrantSettings> = fc.record({
  preFinancingBp: fc.integer({ min: 1, max: 10_000 }),
  shortGrantMaxMonths: fc.integer({ min: 1, max: 36 }),
  instalmentPeriodMonths: fc.integer({ min: 1, max: 24 }),
  finalReportDueDays: fc.integer({ min: 1, max: 365 }),
}).map((s) => ({ ...S, ...s }));

describe('tranche schedule', () => {
  it('gives a grant of 12 months or less 80 % pre-financing and the balance after the final report', () => {
    expect(tranchePlan(1_000_000, '2027-01-01', '2027-12-31', S)).toEqual([
      { seq: 1, kind: 'pre_financing', amountCents: 800_000, plannedDate: '2027-01-01', periodStart: '2027-01-01', periodEnd: '2027-12-31', conditions: ['grant_in_force', 'documents_attached', 'bank_account'] },
      { seq: 2, kind: 'balance', amountCents: 200_000, plannedDate: '2028-02-29', periodStart: null, periodEnd: null, conditions: ['grant_in_force', 'previous_tranches_paid', 'final_report_accepted', 'documents_attached', 'bank_account'] },
    ]);
  });

  it('rounds the pre-financing down, the balance taking the rounding cent', () => {
    const [pre, balance] = tranchePlan(1_234_567, '2027-01-01', '2027-06-30', S);
    expect(pre!.amountCents).toBe(987_653); // 80 % of 1,234,567 = 987,653.6
    expect(balance!.amountCents).toBe(246_914);
  });

  it('gives a longer grant one instalment per 12-month period and the balance', () => {
    const plan = tranchePlan(3_000_000, '2027-01-01', '2028-12-31', S);
    expect(plan.map((t) => [t.kind, t.amountCents, t.plannedDate, t.periodEnd])).toEqual([
      ['pre_financing', 1_200_000, '2027-01-01', '2027-12-31'],
      ['instalment', 1_200_000, '2028-01-01', '2028-12-31'],
      ['balance', 600_000, '2029-03-01', null],
    ]);
    // 18 months: 12 + 6, the pre-financed 80 % split 2:1
    const plan18 = tranchePlan(1_800_001, '2027-01-01', '2028-06-30', S);
    expect(plan18.map((t) => t.amountCents)).toEqual([960_000, 480_000, 360_001]);
    expect(plan18[1]!.conditions).toContain('previous_spent');
  });

  it('sums to the cent, never negative, with the right count, shares within a cent, deterministic (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), dateArb, fc.integer({ min: 0, max: 2500 }), settingsArb, (amount, start, len, settings) => {
        const end = addDays(start, len);
        const plan = tranchePlan(amount, start, end, settings);
        expect(tranchePlan(amount, start, end, settings)).toEqual(plan);
        expect(plan.reduce((s, t) => s + t.amountCents, 0)).toBe(amount);
        for (const t of plan) expect(Number.isSafeInteger(t.amountCents) && t.amountCents >= 0).toBe(true);
        const months = grantDurationMonths(start, end);
        const periods = months <= settings.shortGrantMaxMonths ? 1 : Math.ceil(months / settings.instalmentPeriodMonths);
        expect(plan).toHaveLength(periods + 1);
        expect(plan.map((t) => t.seq)).toEqual(plan.map((_, i) => i + 1));
        expect(plan[plan.length - 1]!.kind).toBe('balance');
        expect(plan[0]!.kind).toBe('pre_financing');
        // the balance is the exact (100 % − pre-financing) share, within a cent (exact comparison in BigInt)
        const exactBalance10k = BigInt(amount) * BigInt(10_000 - settings.preFinancingBp);
        const balance10k = BigInt(plan[plan.length - 1]!.amountCents) * 10_000n;
        expect(balance10k >= exactBalance10k && balance10k - exactBalance10k < 10_000n).toBe(true);
        // each instalment within a cent of its months' share of the pre-financed total
        const pre = plan.slice(0, -1).reduce((s, t) => s + t.amountCents, 0);
        plan.slice(0, -1).forEach((t, i) => {
          const m = Math.min((i + 1) * settings.instalmentPeriodMonths, months) - (periods === 1 ? 0 : i * settings.instalmentPeriodMonths);
          const weight = periods === 1 ? months : m;
          const diff = BigInt(t.amountCents) * BigInt(months) - BigInt(pre) * BigInt(weight);
          expect(diff < BigInt(months) && diff > -BigInt(months)).toBe(true);
          expect(t.plannedDate).toBe(addMonths(start, i * settings.instalmentPeriodMonths));
        });
        expect(plan[plan.length - 1]!.plannedDate).toBe(addDays(end, settings.finalReportDueDays));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses fractional or negative amounts', () => {
    expect(() => tranchePlan(10.5, '2027-01-01', '2027-12-31', S)).toThrow(RangeError);
    expect(() => tranchePlan(-1, '2027-01-01', '2027-12-31', S)).toThrow(RangeError);
    expect(() => tranchePlan(100, '2027-01-01', '2026-12-31', S)).toThrow(RangeError);
  });
});

describe('tranche states', () => {
  const org: Actor = { role: 'applicant', orgRole: 'member' };
  const sec: Actor = { role: 'secretariat' };

  it('goes planned → requested → approved → paid, and back to planned only with a reason', () => {
    expect(canTransitionTranche('planned', 'requested')).toBe(true);
    expect(canTransitionTranche('requested', 'approved')).toBe(true);
    expect(canTransitionTranche('approved', 'paid')).toBe(true);
    expect(canTransitionTranche('paid', 'paid')).toBe(false);
    expect(canTransitionTranche('planned', 'approved')).toBe(false);
    expect(canTransitionTranche('requested', 'paid')).toBe(false);
    expect(TRANCHE_TRANSITIONS.paid).toEqual([]);
    expect(Object.keys(TRANCHE_TRANSITIONS).sort()).toEqual([...TRANCHE_STATUSES].sort());
    expect(checkTrancheTransition(org, 'planned', 'requested')).toEqual({ ok: true, action: 'request' });
    expect(checkTrancheTransition(sec, 'planned', 'requested')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkTrancheTransition(org, 'requested', 'approved')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkTrancheTransition(sec, 'requested', 'planned')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkTrancheTransition(sec, 'requested', 'planned', 'invoice missing')).toEqual({ ok: true, action: 'return' });
    expect(checkTrancheTransition(sec, 'approved', 'planned', 'bank refused')).toEqual({ ok: true, action: 'reject' });
    expect(checkTrancheTransition(sec, 'approved', 'paid')).toEqual({ ok: true, action: 'pay' });
    expect(checkTrancheTransition(sec, 'paid', 'paid')).toEqual({ ok: false, reason: 'no_such_transition' });
  });

  it('refuses paying twice, or paying without a date and bank reference', () => {
    const pay = { paidOn: '2027-02-01', bankReference: 'TRX-1' };
    expect(canPayTranche('approved', pay)).toEqual({ ok: true });
    expect(canPayTranche('paid', pay)).toEqual({ ok: false, reason: 'already_paid' });
    expect(canPayTranche('requested', pay)).toEqual({ ok: false, reason: 'not_approved' });
    expect(canPayTranche('approved', { ...pay, paidOn: '2027-02-30' })).toEqual({ ok: false, reason: 'paid_on_invalid' });
    expect(canPayTranche('approved', { ...pay, bankReference: ' ' })).toEqual({ ok: false, reason: 'bank_reference_required' });
  });
});

describe('tranche conditions', () => {
  const t1: TrancheRef = { seq: 1, kind: 'pre_financing', amountCents: 800_000, status: 'paid' };
  const t2: TrancheRef = { seq: 2, kind: 'instalment', amountCents: 800_000, status: 'requested' };
  const t3: TrancheRef = { seq: 3, kind: 'balance', amountCents: 400_000, status: 'planned' };
  const grant: GrantForTranche = { status: 'in_force', tranches: [t1, t2, t3], settings: S, iban: IBAN, bankAccountChangePending: false };
  const accepted = (spentCents: number) => [{ status: 'accepted' as const, spentCents }];

  it('shows the 70 % rule with the figure behind it', () => {
    const c = trancheConditions(t2, grant, [...accepted(600_000), { status: 'accepted', spentCents: 90_000 }, { status: 'submitted', spentCents: 100_000 }], []);
    const spent = c.find((x) => x.kind === 'previous_spent')!;
    expect(spent.met).toBe(true);
    expect(spent.figure).toBe('spent €6,900.00 of €8,000.00 = 86.25 % ≥ 70 %');
    expect(canApproveTranche('requested', c)).toEqual({ ok: true });
    const short = trancheConditions(t2, grant, accepted(559_999), []).find((x) => x.kind === 'previous_spent')!;
    expect(short.met).toBe(false);
    expect(short.figure).toBe('spent €5,599.99 of €8,000.00 = 69.99 % < 70 %');
    expect(short.params.shortfallCents).toBe(1);
    expect(trancheConditions(t2, grant, accepted(560_000), []).find((x) => x.kind === 'previous_spent')!.met).toBe(true);
  });

  it('needs 100 % of each tranche before the previous one, and 70 % of the previous', () => {
    const t3i: TrancheRef = { seq: 3, kind: 'instalment', amountCents: 800_000, status: 'requested' };
    const g = { ...grant, tranches: [t1, { ...t2, status: 'paid' as const }, t3i] };
    const c = (spent: number) => trancheConditions(t3i, g, accepted(spent), []).find((x) => x.kind === 'previous_spent')!;
    expect(c(1_360_000).met).toBe(true); // 8,000 + 70 % of 8,000
    expect(c(1_359_999).met).toBe(false);
    expect(c(1_360_000).figure).toBe('spent €13,600.00: 100 % of tranche 1 (€8,000.00) and €5,600.00 of tranche 2\'s €8,000.00 = 70 % ≥ 70 %');
  });

  it('blocks approval on any unmet condition and says which', () => {
    const blocked = trancheConditions(t2, { ...grant, status: 'suspended' }, accepted(100), []);
    const check = canApproveTranche('requested', blocked);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason === 'conditions_not_met' && check.unmet.map((u) => u.kind)).toEqual(['grant_in_force', 'previous_spent']);
    expect(canApproveTranche('planned', [])).toEqual({ ok: false, reason: 'not_requested' });
    expect(canApproveTranche('paid', [])).toEqual({ ok: false, reason: 'already_paid' });
    expect(canApproveTranche('approved', [])).toEqual({ ok: false, reason: 'already_approved' });
  });

  it('releases the balance only on an accepted final report, earlier tranches paid', () => {
    const g = { ...grant, tranches: [t1, { ...t2, status: 'paid' as const }, t3] };
    const final = (status: 'submitted' | 'accepted') => trancheConditions(t3, g, [], [{ kind: 'interim', status: 'accepted' }, { kind: 'final', status }]);
    expect(final('submitted').find((c) => c.kind === 'final_report_accepted')).toMatchObject({ met: false, figure: 'final report submitted' });
    expect(final('accepted').every((c) => c.met)).toBe(true);
    expect(trancheConditions(t3, g, [], []).find((c) => c.kind === 'final_report_accepted')!.figure).toBe('no final report yet');
    expect(trancheConditions(t3, grant, [], [{ kind: 'final', status: 'accepted' }]).find((c) => c.kind === 'previous_tranches_paid')).toMatchObject({ met: false, figure: '1 of 2 earlier tranches paid' });
  });

  it('holds payment while the bank account is changed or invalid, and wants the required documents', () => {
    const p: TrancheRef = { ...t1, status: 'requested', requiredDocuments: ['bank_statement', 'signed_request'], attachedDocuments: ['signed_request'] };
    const c = trancheConditions(p, { ...grant, bankAccountChangePending: true }, [], []);
    expect(c.find((x) => x.kind === 'bank_account')).toMatchObject({ met: false, figure: 'bank account change pending' });
    expect(c.find((x) => x.kind === 'documents_attached')).toMatchObject({ met: false, figure: '1 of 2 required documents attached (missing: bank_statement)' });
    expect(trancheConditions(t1, { ...grant, iban: 'XK051212012345678907' }, [], []).find((x) => x.kind === 'bank_account')).toMatchObject({ met: false, figure: 'IBAN XK05…8907 invalid (checksum)' });
    expect(trancheConditions(t1, grant, [], []).every((x) => x.met)).toBe(true);
  });

  it('is monotone in spending: more accepted spending never unmeets the 70 % rule (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (prev, spent, more) => {
        const g = { ...grant, tranches: [{ ...t1, amountCents: prev }, t2] };
        const met = (s: number) => trancheConditions(t2, g, accepted(s), []).find((x) => x.kind === 'previous_spent')!.met;
        if (met(spent)) expect(met(spent + more)).toBe(true);
        // exactly: met iff spent × 10,000 ≥ 7,000 × previous
        expect(met(spent)).toBe(BigInt(spent) * 10_000n >= 7_000n * BigInt(prev));
      }),
    );
  });

  it('lets the organisation request the next tranche only when the earlier ones are paid', () => {
    expect(canRequestTranche({ seq: 2, status: 'planned' }, grant)).toEqual({ ok: true });
    expect(canRequestTranche({ seq: 3, status: 'planned' }, grant)).toEqual({ ok: false, reason: 'earlier_tranche_not_paid' });
    expect(canRequestTranche({ seq: 2, status: 'requested' }, grant)).toEqual({ ok: false, reason: 'not_planned' });
    expect(canRequestTranche({ seq: 2, status: 'planned' }, { ...grant, status: 'suspended' })).toEqual({ ok: false, reason: 'grant_not_in_force' });
    // the pre-financing is requested right after the organisation signs; approval still waits for the countersignature
    const signed = { ...grant, status: 'signed_by_organization' as const, tranches: [{ ...t1, status: 'planned' as const }, { ...t2, status: 'planned' as const }] };
    expect(canRequestTranche({ seq: 1, status: 'planned' }, signed)).toEqual({ ok: true });
    expect(canRequestTranche({ seq: 2, status: 'planned' }, signed)).toEqual({ ok: false, reason: 'grant_not_in_force' });
    expect(canRequestTranche({ seq: 1, status: 'planned' }, { ...signed, status: 'sent_for_signature' })).toEqual({ ok: false, reason: 'grant_not_in_force' });
    const c = trancheConditions({ ...t1, status: 'requested' }, signed, [], []);
    expect(canApproveTranche('requested', c)).toMatchObject({ ok: false, reason: 'conditions_not_met' });
  });
});

describe('helpers', () => {
  it('prints basis points as percentages', () => {
    expect(bpText(8625)).toBe('86.25 %');
    expect(bpText(7000)).toBe('70 %');
    expect(bpText(5)).toBe('0.05 %');
    expect(bpText(-150)).toBe('-1.50 %');
  });

  it('settles the final balance against the accepted costs', () => {
    expect(finalBalance(1_000_000, 1_000_000, 800_000)).toEqual({ dueCents: 200_000, recoveryCents: 0 });
    expect(finalBalance(1_000_000, 1_200_000, 800_000)).toEqual({ dueCents: 200_000, recoveryCents: 0 });
    expect(finalBalance(1_000_000, 900_000, 800_000)).toEqual({ dueCents: 100_000, recoveryCents: 0 });
    expect(finalBalance(1_000_000, 700_000, 800_000)).toEqual({ dueCents: 0, recoveryCents: 100_000 });
  });
});
