/**
 * Amendments of a grant in force: a budget reallocation beyond what a notice allows, a no-cost extension of the
 * end date, a change of the logframe, a change of the bank account (with the bank's letter: the usual route of
 * payment fraud). The organisation requests with a justification; the Secretariat approves, or rejects with a
 * reason. Each approved amendment makes a new frozen version of the grant (v1, v2, …); every version stays
 * readable, `diffGrantVersions` says what changed between two, and `grantVersionHashInput` is the canonical text
 * whose SHA-256 freezes a version.
 */
import type { CostHeadingCode } from './budget';
import { canonicalJson } from './canonical-json';
import { nsObjectiveProblem, type Indicator, type SpecificObjective } from './completeness';
import { isoDateToDayNumber, isSaneDate } from './dates';
import { grantDurationMonths, grantReportingSchedule, type ScheduledReport } from './grant-agreement';
import type { GrantSettings } from './grant-settings';
import { grantActorKinds, isGrantRunning, type GrantActorKind, type GrantStatus } from './grant-state';
import { checkIban } from './iban';
import { isNsCode } from './national-strategy';
import type { Actor } from './permissions';
import { classifyReallocation, headingBudgetOf, type HeadingBudget, type ReallocationResult, type ReallocationRules } from './reallocation';

export const GRANT_AMENDMENT_KINDS = ['budget_reallocation', 'no_cost_extension', 'logframe_change', 'bank_account_change'] as const;
export type GrantAmendmentKind = (typeof GRANT_AMENDMENT_KINDS)[number];

export function isGrantAmendmentKind(value: unknown): value is GrantAmendmentKind {
  return typeof value === 'string' && (GRANT_AMENDMENT_KINDS as readonly string[]).includes(value);
}

export const GRANT_AMENDMENT_STATUSES = ['requested', 'approved', 'rejected'] as const;
export type GrantAmendmentStatus = (typeof GRANT_AMENDMENT_STATUSES)[number];

export const GRANT_AMENDMENT_TRANSITIONS: Readonly<Record<GrantAmendmentStatus, readonly GrantAmendmentStatus[]>> = Object.freeze({
  requested: ['approved', 'rejected'],
  approved: [],
  rejected: [],
});

export function canTransitionGrantAmendment(from: GrantAmendmentStatus, to: GrantAmendmentStatus): boolean {
  return GRANT_AMENDMENT_TRANSITIONS[from]?.includes(to) ?? false;
}

const DECISION_RULES: Readonly<Record<string, { by: GrantActorKind; reasonRequired: boolean }>> = Object.freeze({
  'requested->approved': { by: 'secretariat', reasonRequired: false },
  'requested->rejected': { by: 'secretariat', reasonRequired: true },
});

export type GrantAmendmentDecisionCheck = { ok: true } | { ok: false; reason: 'no_such_transition' | 'not_allowed_for_actor' | 'reason_required' };

/** Only the Secretariat decides an amendment; a rejection says why. */
export function checkGrantAmendmentDecision(actor: Actor, from: GrantAmendmentStatus, to: GrantAmendmentStatus, reason?: string | null): GrantAmendmentDecisionCheck {
  const rule = canTransitionGrantAmendment(from, to) ? DECISION_RULES[`${from}->${to}`] : undefined;
  if (!rule) return { ok: false, reason: 'no_such_transition' };
  if (!grantActorKinds(actor).has(rule.by)) return { ok: false, reason: 'not_allowed_for_actor' };
  if (rule.reasonRequired && (typeof reason !== 'string' || reason.trim() === '')) return { ok: false, reason: 'reason_required' };
  return { ok: true };
}

/** Any member of the grant's organisation may request an amendment. */
export function mayRequestGrantAmendment(actor: Actor): boolean {
  return grantActorKinds(actor).has('organisation');
}

// ---------------------------------------------------------------------------------------------------------
// Versions

export type GrantBudgetLine = { lineId: string; heading: CostHeadingCode; description: string; approvedCents: number };
export type GrantLogframe = { overallObjective: string; specificObjectives: SpecificObjective[] };
export type GrantBankAccount = { iban: string; holder: string | null };

/** A grant as one version froze it. */
export type GrantVersion = {
  version: number;
  agreementNumber: string;
  amountCents: number;
  startDate: string;
  endDate: string;
  budgetLines: readonly GrantBudgetLine[];
  indirectCents: number;
  logframe: GrantLogframe;
  bankAccount: GrantBankAccount;
  /** The amendment that made this version; null for v1 (the signed agreement). */
  amendmentId: string | null;
};

export type GrantAmendmentChange =
  | { kind: 'budget_reallocation'; budgetLines: readonly GrantBudgetLine[]; indirectCents: number }
  | { kind: 'no_cost_extension'; endDate: string }
  | { kind: 'logframe_change'; logframe: GrantLogframe }
  | { kind: 'bank_account_change'; iban: string; holder: string | null; bankLetterFileId: string };

/** The text whose SHA-256 freezes a version: canonical JSON (sorted keys), with a schema tag. */
export function grantVersionHashInput(version: GrantVersion): string {
  return canonicalJson({ schema: 'grant-version/1', ...version, budgetLines: [...version.budgetLines] });
}

/** The version an approved amendment makes: the change applied to the latest version, numbered one more. */
export function applyGrantAmendment(latest: GrantVersion, change: GrantAmendmentChange, amendmentId: string): GrantVersion {
  const next: GrantVersion = { ...latest, version: latest.version + 1, amendmentId };
  switch (change.kind) {
    case 'budget_reallocation':
      return { ...next, budgetLines: change.budgetLines.map((l) => ({ ...l })), indirectCents: change.indirectCents };
    case 'no_cost_extension':
      return { ...next, endDate: change.endDate };
    case 'logframe_change':
      return { ...next, logframe: JSON.parse(JSON.stringify(change.logframe)) as GrantLogframe };
    case 'bank_account_change':
      return { ...next, bankAccount: { iban: checkIban(change.iban).normalized, holder: change.holder } };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Comparing versions

export type LogframeItemKind = 'overall_objective' | 'specific_objective' | 'result' | 'indicator' | 'activity';
/** One item of a logframe, keyed by its place (`so.1.result.2.indicator.1`) or, for activities, its code. */
export type LogframeItem = { key: string; kind: LogframeItemKind; text: string; indicator?: Indicator };

export function logframeItems(logframe: GrantLogframe): LogframeItem[] {
  const out: LogframeItem[] = [{ key: 'overall', kind: 'overall_objective', text: logframe.overallObjective ?? '' }];
  (logframe.specificObjectives ?? []).forEach((so, i) => {
    const sk = `so.${i + 1}`;
    out.push({ key: sk, kind: 'specific_objective', text: so.text ?? '' });
    (so.results ?? []).forEach((r, j) => {
      const rk = `${sk}.result.${j + 1}`;
      out.push({ key: rk, kind: 'result', text: r.text ?? '' });
      (r.indicators ?? []).forEach((ind, k) => out.push({ key: `${rk}.indicator.${k + 1}`, kind: 'indicator', text: ind.name ?? '', indicator: ind }));
      (r.activities ?? []).forEach((a, k) => out.push({ key: a.code ? `activity.${a.code}` : `${rk}.activity.${k + 1}`, kind: 'activity', text: a.text ?? '' }));
    });
  });
  return out;
}

type Change<T> = { from: T; to: T } | null;
const changeOf = <T>(from: T, to: T): Change<T> => (canonicalJson(from) === canonicalJson(to) ? null : { from, to });

export type GrantVersionDiff = {
  fromVersion: number;
  toVersion: number;
  amountCents: Change<number>;
  startDate: Change<string>;
  endDate: Change<string>;
  indirectCents: Change<number>;
  budgetLines: {
    added: GrantBudgetLine[];
    removed: GrantBudgetLine[];
    changed: { lineId: string; from: GrantBudgetLine; to: GrantBudgetLine; deltaCents: number }[];
  };
  logframe: { added: LogframeItem[]; removed: LogframeItem[]; changed: { key: string; from: LogframeItem; to: LogframeItem }[] };
  bankAccount: Change<GrantBankAccount>;
  /** Whether anything at all differs (the version number and the amendment that made it aside). */
  changed: boolean;
};

function diffKeyed<T>(a: readonly T[], b: readonly T[], key: (x: T) => string) {
  const before = new Map(a.map((x) => [key(x), x] as const));
  const after = new Map(b.map((x) => [key(x), x] as const));
  const added = b.filter((x) => !before.has(key(x)));
  const removed = a.filter((x) => !after.has(key(x)));
  const changed = b
    .filter((x) => before.has(key(x)) && canonicalJson(before.get(key(x))) !== canonicalJson(x))
    .map((x) => ({ key: key(x), from: before.get(key(x))!, to: x }));
  return { added, removed, changed };
}

/** What changed from version `a` to version `b`: budget lines, dates, amount, logframe items, bank account. */
export function diffGrantVersions(a: GrantVersion, b: GrantVersion): GrantVersionDiff {
  const lines = diffKeyed(a.budgetLines, b.budgetLines, (l) => l.lineId);
  const lf = diffKeyed(logframeItems(a.logframe), logframeItems(b.logframe), (i) => i.key);
  const diff: GrantVersionDiff = {
    fromVersion: a.version,
    toVersion: b.version,
    amountCents: changeOf(a.amountCents, b.amountCents),
    startDate: changeOf(a.startDate, b.startDate),
    endDate: changeOf(a.endDate, b.endDate),
    indirectCents: changeOf(a.indirectCents, b.indirectCents),
    budgetLines: {
      added: lines.added,
      removed: lines.removed,
      changed: lines.changed.map((c) => ({ lineId: c.key, from: c.from, to: c.to, deltaCents: c.to.approvedCents - c.from.approvedCents })),
    },
    logframe: lf,
    bankAccount: changeOf(a.bankAccount, b.bankAccount),
    changed: false,
  };
  diff.changed =
    [diff.amountCents, diff.startDate, diff.endDate, diff.indirectCents, diff.bankAccount].some((c) => c !== null) ||
    [lines.added, lines.removed, lines.changed, lf.added, lf.removed, lf.changed].some((x) => x.length > 0) ||
    a.agreementNumber !== b.agreementNumber;
  return diff;
}

// ---------------------------------------------------------------------------------------------------------
// Checking a request

export type GrantAmendmentProblem = { field: string; code: string; params?: Record<string, string | number> };

export type GrantAmendmentContext = {
  grantStatus: GrantStatus;
  latest: GrantVersion;
  /** Kinds of this grant's amendments still waiting for a decision. */
  pendingKinds: readonly GrantAmendmentKind[];
  /** For a budget reallocation: the call's rules, the budget as originally approved (or last amended), the accepted spending per heading. */
  reallocationRules: ReallocationRules;
  originalBudget: HeadingBudget;
  /** The current budget (latest version with any notices since); defaults to the latest version's. */
  currentBudget?: HeadingBudget;
  spentByHeading?: HeadingBudget;
  /** For an extension: the longest total duration allowed, if the call sets one. */
  maxDurationMonths?: number | null;
  /**
   * The organisation's own co-financing in the budget: the budget's total may reach the grant amount plus it,
   * so that the part the grant pays never exceeds the amount awarded.
   */
  coFinancingCents?: number;
  /**
   * For a logframe change: the National Strategy codes of the call's priorities. Each specific objective's tag is
   * checked as the application form checks it (nsObjectiveProblem): a Strategy code, within a priority, and present
   * when the call has several. Left out, a tag is only checked to be a Strategy code.
   */
  priorityObjectives?: readonly string[];
};

export type GrantAmendmentCheck = { problems: GrantAmendmentProblem[]; reallocation: ReallocationResult | null };

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * What is wrong with an amendment request, field by field (`justification`, `kind`, `endDate`, `iban`,
 * `bankLetterFileId`, `budgetLines.<i>.<field>`, `budgetLines`, `logframe…`), and for a budget reallocation the
 * classification behind it (an amendment that a notice would do is still accepted as a request).
 */
export function grantAmendmentProblems(change: GrantAmendmentChange, justification: string, ctx: GrantAmendmentContext): GrantAmendmentCheck {
  const problems: GrantAmendmentProblem[] = [];
  let reallocation: ReallocationResult | null = null;
  if (!isGrantRunning(ctx.grantStatus)) problems.push({ field: 'grant', code: 'grant_not_running', params: { status: ctx.grantStatus } });
  if (blank(justification)) problems.push({ field: 'justification', code: 'required' });
  if (!isGrantAmendmentKind(change?.kind)) {
    problems.push({ field: 'kind', code: 'unknown' });
    return { problems, reallocation };
  }
  if (ctx.pendingKinds.includes(change.kind)) problems.push({ field: 'kind', code: 'pending_same_kind' });
  const v = ctx.latest;
  switch (change.kind) {
    case 'no_cost_extension': {
      if (!isSaneDate(change.endDate)) problems.push({ field: 'endDate', code: 'invalid_date' });
      else if (isoDateToDayNumber(change.endDate)! <= isoDateToDayNumber(v.endDate)!) problems.push({ field: 'endDate', code: 'not_later', params: { endDate: v.endDate } });
      else if (ctx.maxDurationMonths && grantDurationMonths(v.startDate, change.endDate) > ctx.maxDurationMonths) problems.push({ field: 'endDate', code: 'too_long', params: { maxMonths: ctx.maxDurationMonths } });
      break;
    }
    case 'bank_account_change': {
      const check = checkIban(change.iban ?? '');
      if (!check.valid) problems.push({ field: 'iban', code: `iban_${check.reason ?? 'format'}` });
      else if (check.normalized === checkIban(v.bankAccount.iban).normalized) problems.push({ field: 'iban', code: 'unchanged' });
      if (blank(change.bankLetterFileId)) problems.push({ field: 'bankLetterFileId', code: 'required' });
      break;
    }
    case 'logframe_change': {
      if (!change.logframe || blank(change.logframe.overallObjective)) problems.push({ field: 'logframe.overallObjective', code: 'required' });
      else {
        for (const item of logframeItems(change.logframe)) if (item.kind !== 'overall_objective' && blank(item.text)) problems.push({ field: `logframe.${item.key}`, code: 'required' });
        const priorities = [...new Set((ctx.priorityObjectives ?? []).filter(isNsCode))];
        (change.logframe.specificObjectives ?? []).forEach((so, i) => {
          const ns = nsObjectiveProblem(so?.nsObjective, priorities);
          if (ns) problems.push({ field: `logframe.so.${i + 1}.nsObjective`, code: ns, ...(ns === 'outside_call_priorities' ? { params: { priorities: priorities.join(', ') } } : {}) });
        });
        if (!diffGrantVersions(v, { ...v, logframe: change.logframe }).changed) problems.push({ field: 'logframe', code: 'unchanged' });
      }
      break;
    }
    case 'budget_reallocation': {
      const seen = new Set<string>();
      change.budgetLines.forEach((l, i) => {
        if (blank(l.lineId)) problems.push({ field: `budgetLines.${i}.lineId`, code: 'required' });
        else if (seen.has(l.lineId)) problems.push({ field: `budgetLines.${i}.lineId`, code: 'duplicate' });
        seen.add(l.lineId);
        if (blank(l.description)) problems.push({ field: `budgetLines.${i}.description`, code: 'required' });
        if (!Number.isSafeInteger(l.approvedCents) || l.approvedCents < 0) problems.push({ field: `budgetLines.${i}.approvedCents`, code: 'not_cents' });
      });
      if (!Number.isSafeInteger(change.indirectCents) || change.indirectCents < 0) problems.push({ field: 'indirectCents', code: 'not_cents' });
      if (change.budgetLines.length === 0) problems.push({ field: 'budgetLines', code: 'required' });
      if (problems.some((p) => p.field.startsWith('budgetLines') || p.field === 'indirectCents')) break;
      reallocation = classifyReallocation({
        original: ctx.originalBudget,
        current: ctx.currentBudget ?? headingBudgetOf(v.budgetLines, v.indirectCents),
        proposed: headingBudgetOf(change.budgetLines, change.indirectCents),
        awardedCents: v.amountCents + (ctx.coFinancingCents ?? 0),
        rules: ctx.reallocationRules,
        spent: ctx.spentByHeading,
      });
      if (reallocation.classification === 'refused') problems.push({ field: 'budgetLines', code: 'reallocation_refused' });
      else if (reallocation.classification === 'unchanged' && !diffGrantVersions(v, { ...v, budgetLines: change.budgetLines, indirectCents: change.indirectCents }).changed) problems.push({ field: 'budgetLines', code: 'unchanged' });
      break;
    }
  }
  return { problems, reallocation };
}

// ---------------------------------------------------------------------------------------------------------
// What a request becomes, and what an approved change does to the grant

/**
 * What a request becomes once its problems are cleared: a budget reallocation the rule classes as a notice is
 * applied at once (a new version recorded as a notice, no decision needed); one that is refused stops there
 * (with the reason per heading); everything else waits for the Secretariat's decision.
 */
export type GrantAmendmentOutcome = 'notice' | 'request' | 'refused';

export function grantAmendmentOutcome(kind: GrantAmendmentKind, reallocation: ReallocationResult | null): GrantAmendmentOutcome {
  if (kind !== 'budget_reallocation' || !reallocation) return 'request';
  if (reallocation.classification === 'refused') return 'refused';
  return reallocation.classification === 'notice' ? 'notice' : 'request';
}

/** The budget lines a reallocation proposes, completed from the latest version: a line left out keeps its amount; new lines come last. */
export function completeReallocationLines(latest: readonly GrantBudgetLine[], proposed: readonly GrantBudgetLine[]): GrantBudgetLine[] {
  const byId = new Map(proposed.map((l) => [l.lineId, l] as const));
  const known = new Set(latest.map((l) => l.lineId));
  return [...latest.map((l) => ({ ...(byId.get(l.lineId) ?? l), lineId: l.lineId })), ...proposed.filter((l) => !known.has(l.lineId)).map((l) => ({ ...l }))];
}

type BudgetOfGrant = {
  lines: { heading: CostHeadingCode; description: string; unit: string; quantity: number; unitCostCents: number; totalCents: number }[];
  headings: { heading: CostHeadingCode; totalCents: number }[];
  directCents: number;
  indirectCostBp: number;
  indirectCents: number;
  totalCents: number;
  coFinancingCents: number;
  requestedCents: number;
  coFinancingBp: number;
};

const HEADING_ORDER: readonly CostHeadingCode[] = ['human_resources', 'travel', 'equipment_supplies', 'local_office', 'services', 'other'];

/**
 * A grant's computed budget after an approved (or noticed) reallocation: line i holds the amount of `L<i+1>`, new
 * lines are appended as lump sums, and every total is recomputed from the lines in integer cents. The unit and
 * quantity of an existing line stay as the application gave them; the line's total is what the grant now holds.
 */
export function reallocatedBudget<B extends BudgetOfGrant>(budget: B, lines: readonly GrantBudgetLine[], indirectCents: number): B {
  const out = budget.lines.map((l, i) => {
    const p = lines.find((x) => x.lineId === `L${i + 1}`);
    return p ? { ...l, totalCents: p.approvedCents } : { ...l };
  });
  lines.forEach((p) => {
    const m = /^L(\d+)$/.exec(p.lineId);
    if (!m || Number(m[1]) > budget.lines.length) out.push({ heading: p.heading, description: p.description, unit: 'lump sum', quantity: 1, unitCostCents: p.approvedCents, totalCents: p.approvedCents });
  });
  const directCents = out.reduce((s, l) => s + l.totalCents, 0);
  const headings = HEADING_ORDER.filter((h) => out.some((l) => l.heading === h)).map((heading) => ({ heading, totalCents: out.filter((l) => l.heading === heading).reduce((s, l) => s + l.totalCents, 0) }));
  const totalCents = directCents + indirectCents;
  const coFinancingCents = Math.min(budget.coFinancingCents, totalCents);
  const indirectCostBp = directCents === 0 ? 0 : Number((BigInt(indirectCents) * 10_000n) / BigInt(directCents));
  return {
    ...budget, lines: out, headings, directCents, indirectCents, indirectCostBp, totalCents, coFinancingCents, requestedCents: totalCents - coFinancingCents,
    coFinancingBp: totalCents === 0 ? 0 : Number((BigInt(coFinancingCents) * 10_000n) / BigInt(totalCents)),
  };
}

export type ExtensionTranche = { seq: number; kind: 'pre_financing' | 'instalment' | 'balance'; status: string; plannedDate: string; periodEnd: string | null };

/**
 * What a no-cost extension moves: the amounts never change. The reporting schedule is drawn again to the new end
 * date (the interim reports already due stay as they were, since they are counted from the start; new interim
 * periods are added; the final report moves to the new end); of the tranches only the balance moves, while it is
 * still planned, to the final report's new due date, and the last instalment's period ends at the new end date
 * while it is planned. A tranche requested, approved or paid never moves.
 */
export function noCostExtensionSchedules<T extends ExtensionTranche>(
  input: { startDate: string; endDate: string; newEndDate: string; tranches: readonly T[] },
  settings: Pick<GrantSettings, 'interimReportEveryMonths' | 'interimReportDueDays' | 'finalReportDueDays'>,
): { tranches: T[]; reports: ScheduledReport[]; moved: { seq: number; from: string; to: string }[] } {
  const reports = grantReportingSchedule(input.startDate, input.newEndDate, settings);
  const finalDue = reports.find((r) => r.kind === 'final')!.dueDate;
  const moved: { seq: number; from: string; to: string }[] = [];
  const lastInstalment = Math.max(0, ...input.tranches.filter((t) => t.kind !== 'balance').map((t) => t.seq));
  const tranches = input.tranches.map((t) => {
    if (t.status !== 'planned') return { ...t };
    if (t.kind === 'balance' && t.plannedDate !== finalDue) {
      moved.push({ seq: t.seq, from: t.plannedDate, to: finalDue });
      return { ...t, plannedDate: finalDue };
    }
    if (t.kind !== 'balance' && t.seq === lastInstalment && t.periodEnd === input.endDate) return { ...t, periodEnd: input.newEndDate };
    return { ...t };
  });
  return { tranches, reports, moved };
}
