/**
 * The tranches of a grant: the schedule the EU's rule gives (PRAG), their life (planned → requested → approved →
 * paid), and the conditions each must meet before the Secretariat approves it, each shown as met or not with the
 * figure behind it.
 *
 * A grant of `shortGrantMaxMonths` (12) months or less: a pre-financing of `preFinancingBp` (80 %) and the
 * balance after the final report is accepted. A longer grant: one instalment per `instalmentPeriodMonths` (12)
 * period, the pre-financed share split between them by the months of each period, and the balance. Each further
 * instalment is payable only once at least `nextInstalmentSpentBp` (70 %) of the previous one, and all of each one
 * before it, is spent in accepted expenditure reports. The pre-financed share is rounded down to the cent; the
 * balance takes the rounding cents, so the tranches always sum to the grant exactly.
 */
import { capCents, minimumCents } from './budget';
import { addDays, isSaneDate } from './dates';
import type { ExpenditureReportStatus } from './expenditure';
import { addMonths, grantDurationMonths, type ReportKind } from './grant-agreement';
import type { GrantSettings } from './grant-settings';
import { grantActorKinds, type GrantActorKind, type GrantStatus } from './grant-state';
import { checkIban } from './iban';
import { formatEuroCents } from './money';
import type { Actor } from './permissions';

export const TRANCHE_KINDS = ['pre_financing', 'instalment', 'balance'] as const;
export type TrancheKind = (typeof TRANCHE_KINDS)[number];

export const TRANCHE_CONDITION_KINDS = [
  'grant_in_force',
  'previous_tranches_paid',
  'previous_spent',
  'final_report_accepted',
  'documents_attached',
  'bank_account',
] as const;
export type TrancheConditionKind = (typeof TRANCHE_CONDITION_KINDS)[number];

/** The conditions a tranche of this kind must meet before it is approved, in the order they are shown. */
export function trancheConditionKinds(kind: TrancheKind): readonly TrancheConditionKind[] {
  if (kind === 'pre_financing') return ['grant_in_force', 'documents_attached', 'bank_account'];
  if (kind === 'instalment') return ['grant_in_force', 'previous_tranches_paid', 'previous_spent', 'documents_attached', 'bank_account'];
  return ['grant_in_force', 'previous_tranches_paid', 'final_report_accepted', 'documents_attached', 'bank_account'];
}

export type PlannedTranche = {
  /** 1, 2, … in order of payment. */
  seq: number;
  kind: TrancheKind;
  amountCents: number;
  /** When it is expected: the start of its period (instalments), the final report's due date (balance). */
  plannedDate: string;
  /** The period an instalment finances (the whole grant for a short grant's pre-financing); null for the balance. */
  periodStart: string | null;
  periodEnd: string | null;
  conditions: readonly TrancheConditionKind[];
};

type PlanSettings = Pick<GrantSettings, 'preFinancingBp' | 'shortGrantMaxMonths' | 'instalmentPeriodMonths' | 'finalReportDueDays'>;

/** `a × b / d` rounded down, exactly, for non-negative operands. */
function mulDivFloor(a: number, b: number, d: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(d));
}

/**
 * The tranche schedule of a grant of `amountCents` from `startDate` to `endDate` (see the module's comment).
 * Deterministic; sums exactly to the amount; every amount ≥ 0.
 */
export function tranchePlan(amountCents: number, startDate: string, endDate: string, settings: PlanSettings): PlannedTranche[] {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`amountCents must be whole, non-negative cents, got ${amountCents}`);
  for (const k of ['preFinancingBp', 'shortGrantMaxMonths', 'instalmentPeriodMonths', 'finalReportDueDays'] as const) {
    if (!Number.isSafeInteger(settings[k]) || settings[k] < 0) throw new RangeError(`${k} must be a non-negative integer`);
  }
  if (settings.preFinancingBp > 10_000) throw new RangeError('preFinancingBp must not exceed 10,000');
  if (settings.instalmentPeriodMonths < 1) throw new RangeError('instalmentPeriodMonths must be at least 1');
  const months = grantDurationMonths(startDate, endDate);
  const preTotal = capCents(amountCents, settings.preFinancingBp);
  const balance: Omit<PlannedTranche, 'seq'> = {
    kind: 'balance',
    amountCents: amountCents - preTotal,
    plannedDate: addDays(endDate, settings.finalReportDueDays),
    periodStart: null,
    periodEnd: null,
    conditions: trancheConditionKinds('balance'),
  };
  const P = settings.instalmentPeriodMonths;
  const periods = months <= settings.shortGrantMaxMonths ? 1 : Math.ceil(months / P);
  const out: PlannedTranche[] = [];
  let before = 0;
  for (let k = 1; k <= periods; k += 1) {
    // cumulative shares rounded down: each instalment is within a cent of its exact share, and together they are preTotal
    const cumulative = k === periods ? preTotal : mulDivFloor(preTotal, Math.min(k * P, months), months);
    const periodEnd = k === periods ? endDate : addDays(addMonths(startDate, k * P), -1);
    const kind: TrancheKind = k === 1 ? 'pre_financing' : 'instalment';
    out.push({
      seq: k,
      kind,
      amountCents: cumulative - before,
      plannedDate: addMonths(startDate, (k - 1) * P),
      periodStart: addMonths(startDate, (k - 1) * P),
      periodEnd,
      conditions: trancheConditionKinds(kind),
    });
    before = cumulative;
  }
  out.push({ seq: periods + 1, ...balance });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The life of a tranche

export const TRANCHE_STATUSES = ['planned', 'requested', 'approved', 'paid'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export const TRANCHE_TRANSITIONS: Readonly<Record<TrancheStatus, readonly TrancheStatus[]>> = Object.freeze({
  // requested by the organisation, with its expenditure report and the documents the call requires
  planned: ['requested'],
  // approved by the Secretariat when every condition is met, or returned to the organisation with a reason
  requested: ['approved', 'planned'],
  // paid (date, bank reference), or rejected back to planned with a reason (e.g. the bank refused the transfer)
  approved: ['paid', 'planned'],
  // a tranche is paid once
  paid: [],
});

export function isTrancheStatus(value: unknown): value is TrancheStatus {
  return typeof value === 'string' && (TRANCHE_STATUSES as readonly string[]).includes(value);
}

export function canTransitionTranche(from: TrancheStatus, to: TrancheStatus): boolean {
  return TRANCHE_TRANSITIONS[from]?.includes(to) ?? false;
}

export type TrancheAction = 'request' | 'approve' | 'return' | 'reject' | 'pay';
const TRANCHE_RULES: Readonly<Record<string, { by: GrantActorKind; reasonRequired: boolean; action: TrancheAction }>> = Object.freeze({
  'planned->requested': { by: 'organisation', reasonRequired: false, action: 'request' },
  'requested->approved': { by: 'secretariat', reasonRequired: false, action: 'approve' },
  'requested->planned': { by: 'secretariat', reasonRequired: true, action: 'return' },
  'approved->planned': { by: 'secretariat', reasonRequired: true, action: 'reject' },
  'approved->paid': { by: 'secretariat', reasonRequired: false, action: 'pay' },
});

export type TrancheTransitionCheck = { ok: true; action: TrancheAction } | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required' };

/** The organisation requests; the Secretariat approves, returns or rejects (saying why) and pays. */
export function checkTrancheTransition(actor: Actor, from: TrancheStatus, to: TrancheStatus, reason?: string | null): TrancheTransitionCheck {
  const rule = canTransitionTranche(from, to) ? TRANCHE_RULES[`${from}->${to}`] : undefined;
  if (!rule) return { ok: false, reason: 'no_such_transition' };
  if (!grantActorKinds(actor).has(rule.by)) return { ok: false, reason: 'not_allowed_for_actor' };
  if (rule.reasonRequired && (typeof reason !== 'string' || reason.trim() === '')) return { ok: false, reason: 'reason_required' };
  return { ok: true, action: rule.action };
}

// ---------------------------------------------------------------------------------------------------------
// Conditions

export type TrancheRef = {
  seq: number;
  kind: TrancheKind;
  amountCents: number;
  status: TrancheStatus;
  /** Document kinds the call requires with this tranche's request, and those attached to it. */
  requiredDocuments?: readonly string[];
  attachedDocuments?: readonly string[];
};

export type GrantForTranche = {
  status: GrantStatus;
  /** Every tranche of the grant (the one checked among them). */
  tranches: readonly TrancheRef[];
  settings: Pick<GrantSettings, 'nextInstalmentSpentBp'>;
  /** The IBAN frozen on the grant. */
  iban: string | null;
  /** A bank-account change is requested and not yet decided: nothing is paid meanwhile. */
  bankAccountChangePending: boolean;
};

export type GrantReportRef = { kind: ReportKind; status: 'draft' | 'submitted' | 'accepted' | 'returned' };
export type AcceptedExpenditureRef = { status: ExpenditureReportStatus; spentCents: number };

export type TrancheCondition = {
  kind: TrancheConditionKind;
  met: boolean;
  /** The figure behind it, in plain English (`spent €6,900.00 of €8,000.00 = 86.25 % ≥ 70 %`); screens use `params`. */
  figure: string;
  params: Record<string, string | number>;
};

/** 8625 → `86.25 %`, 7000 → `70 %`. */
export function bpText(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${whole}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`} %`;
}

const eur = (cents: number) => formatEuroCents(cents, 'en');

function previousSpentCondition(tranche: TrancheRef, grant: GrantForTranche, spent: number): TrancheCondition {
  const earlier = grant.tranches.filter((t) => t.seq < tranche.seq).sort((a, b) => a.seq - b.seq);
  const previous = earlier[earlier.length - 1];
  const thresholdBp = grant.settings.nextInstalmentSpentBp;
  if (!previous) {
    return { kind: 'previous_spent', met: true, figure: 'no earlier tranche', params: { spentCents: spent, requiredCents: 0, thresholdBp } };
  }
  const fullCents = earlier.slice(0, -1).reduce((s, t) => s + t.amountCents, 0);
  const partCents = minimumCents(previous.amountCents, thresholdBp);
  const requiredCents = fullCents + partCents;
  const met = spent >= requiredCents;
  const ofPrevious = spent - fullCents;
  const spentBp = previous.amountCents === 0 ? 10_000 : Number((BigInt(Math.max(0, ofPrevious)) * 10_000n) / BigInt(previous.amountCents));
  const cmp = met ? '≥' : '<';
  const figure =
    earlier.length === 1
      ? `spent ${eur(spent)} of ${eur(previous.amountCents)} = ${bpText(spentBp)} ${cmp} ${bpText(thresholdBp)}`
      : `spent ${eur(spent)}: 100 % of ${earlier.length === 2 ? 'tranche 1' : `tranches 1–${earlier.length - 1}`} (${eur(fullCents)}) and ${eur(Math.max(0, ofPrevious))} of tranche ${previous.seq}'s ${eur(previous.amountCents)} = ${bpText(spentBp)} ${cmp} ${bpText(thresholdBp)}`;
  return {
    kind: 'previous_spent',
    met,
    figure,
    params: { spentCents: spent, requiredCents, previousCents: previous.amountCents, earlierFullCents: fullCents, spentOfPreviousBp: spentBp, thresholdBp, shortfallCents: Math.max(0, requiredCents - spent) },
  };
}

/**
 * Every condition of a tranche, met or not, with the figure behind it. `acceptedExpenditure`: the grant's
 * expenditure reports (only accepted ones count, cumulatively); `reports`: its narrative reports.
 */
export function trancheConditions(
  tranche: TrancheRef,
  grant: GrantForTranche,
  acceptedExpenditure: readonly AcceptedExpenditureRef[],
  reports: readonly GrantReportRef[],
): TrancheCondition[] {
  const spent = acceptedExpenditure.filter((r) => r.status === 'accepted').reduce((s, r) => s + r.spentCents, 0);
  return trancheConditionKinds(tranche.kind).map((kind): TrancheCondition => {
    switch (kind) {
      case 'grant_in_force': {
        const met = grant.status === 'in_force';
        return { kind, met, figure: `grant ${grant.status.replace(/_/g, ' ')}`, params: { status: grant.status } };
      }
      case 'previous_tranches_paid': {
        const earlier = grant.tranches.filter((t) => t.seq < tranche.seq);
        const paid = earlier.filter((t) => t.status === 'paid').length;
        return { kind, met: paid === earlier.length, figure: `${paid} of ${earlier.length} earlier tranches paid`, params: { paid, total: earlier.length } };
      }
      case 'previous_spent':
        return previousSpentCondition(tranche, grant, spent);
      case 'final_report_accepted': {
        const finals = reports.filter((r) => r.kind === 'final');
        const met = finals.some((r) => r.status === 'accepted');
        const latest = finals.length === 0 ? 'none' : met ? 'accepted' : finals[finals.length - 1]!.status;
        return { kind, met, figure: latest === 'none' ? 'no final report yet' : `final report ${latest}`, params: { status: latest } };
      }
      case 'documents_attached': {
        const required = [...new Set(tranche.requiredDocuments ?? [])];
        const attached = new Set(tranche.attachedDocuments ?? []);
        const missing = required.filter((d) => !attached.has(d));
        const figure = required.length === 0 ? 'no documents required' : `${required.length - missing.length} of ${required.length} required documents attached${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`;
        return { kind, met: missing.length === 0, figure, params: { attached: required.length - missing.length, required: required.length, missing: missing.join(',') } };
      }
      case 'bank_account': {
        if (grant.bankAccountChangePending) return { kind, met: false, figure: 'bank account change pending', params: { problem: 'change_pending' } };
        if (!grant.iban) return { kind, met: false, figure: 'no bank account on the grant', params: { problem: 'missing' } };
        const check = checkIban(grant.iban);
        const masked = `${check.normalized.slice(0, 4)}…${check.normalized.slice(-4)}`;
        return check.valid
          ? { kind, met: true, figure: `IBAN ${masked} valid`, params: { iban: masked } }
          : { kind, met: false, figure: `IBAN ${masked} invalid (${check.reason})`, params: { iban: masked, problem: check.reason ?? 'format' } };
      }
    }
  });
}

export type TrancheApprovalCheck =
  | { ok: true }
  | { ok: false; reason: 'not_requested' | 'already_approved' | 'already_paid' }
  | { ok: false; reason: 'conditions_not_met'; unmet: TrancheCondition[] };

/** A requested tranche is approved only when every condition is met; any unmet one blocks it and says why. */
export function canApproveTranche(status: TrancheStatus, conditions: readonly TrancheCondition[]): TrancheApprovalCheck {
  if (status === 'paid') return { ok: false, reason: 'already_paid' };
  if (status === 'approved') return { ok: false, reason: 'already_approved' };
  if (status !== 'requested') return { ok: false, reason: 'not_requested' };
  const unmet = conditions.filter((c) => !c.met);
  return unmet.length > 0 ? { ok: false, reason: 'conditions_not_met', unmet } : { ok: true };
}

export type TrancheRequestCheck = { ok: true } | { ok: false; reason: 'not_planned' | 'grant_not_in_force' | 'earlier_tranche_not_paid' };

/**
 * The organisation requests a planned tranche of a grant in force once every earlier tranche is paid (the spending
 * conditions are checked at approval, and shown to it beforehand). The first tranche may be requested as soon as
 * the organisation has signed, so the Secretariat countersigns and pays the pre-financing in one sitting; it is
 * still approved only once the grant is in force.
 */
export function canRequestTranche(tranche: Pick<TrancheRef, 'seq' | 'status'>, grant: Pick<GrantForTranche, 'status' | 'tranches'>): TrancheRequestCheck {
  if (tranche.status !== 'planned') return { ok: false, reason: 'not_planned' };
  const first = !grant.tranches.some((t) => t.seq < tranche.seq);
  if (grant.status !== 'in_force' && !(first && grant.status === 'signed_by_organization')) return { ok: false, reason: 'grant_not_in_force' };
  if (grant.tranches.some((t) => t.seq < tranche.seq && t.status !== 'paid')) return { ok: false, reason: 'earlier_tranche_not_paid' };
  return { ok: true };
}

export type TranchePaymentCheck = { ok: true } | { ok: false; reason: 'already_paid' | 'not_approved' | 'paid_on_invalid' | 'bank_reference_required' };

/** An approved tranche is paid once, with the date and the bank's reference; paying it again is refused. */
export function canPayTranche(status: TrancheStatus, payment: { paidOn: string; bankReference: string }): TranchePaymentCheck {
  if (status === 'paid') return { ok: false, reason: 'already_paid' };
  if (status !== 'approved') return { ok: false, reason: 'not_approved' };
  if (!isSaneDate(payment.paidOn)) return { ok: false, reason: 'paid_on_invalid' };
  if (typeof payment.bankReference !== 'string' || payment.bankReference.trim() === '') return { ok: false, reason: 'bank_reference_required' };
  return { ok: true };
}

/**
 * The balance actually due after the final report: the accepted costs up to the grant's amount, less what was
 * paid; when more was paid than the accepted costs, the difference is to be recovered.
 */
export function finalBalance(amountCents: number, acceptedCostsCents: number, paidCents: number): { dueCents: number; recoveryCents: number } {
  for (const [n, v] of [['amountCents', amountCents], ['acceptedCostsCents', acceptedCostsCents], ['paidCents', paidCents]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${n} must be whole, non-negative cents`);
  }
  const owed = Math.min(amountCents, acceptedCostsCents) - paidCents;
  return owed >= 0 ? { dueCents: owed, recoveryCents: 0 } : { dueCents: 0, recoveryCents: -owed };
}
