/**
 * Independent evaluation: the scoring sheet against the call's grid, consolidation of several sheets,
 * divergence, thresholds, tie-breaks, the ranking and the funding line within the envelope, and the
 * reserve list moving up when an awarded applicant declines.
 *
 * Every function here is pure and independent of the order of its input, so that an unsuccessful
 * applicant, an auditor or the donor can recompute the outcome from the recorded sheets.
 */
import type { EvaluationGrid, GridSection, LocalizedText } from './grid';

export const CONSOLIDATION_RULES = ['mean_all', 'two_closest'] as const;
export type ConsolidationRule = (typeof CONSOLIDATION_RULES)[number];

export const DEFAULT_RESERVE_LIST_SIZE = 5;
export const SHEET_COMMENT_MAX = 4000;

export const DEFAULT_DECLARATION_TEXT: LocalizedText = {
  en:
    'I declare that I will evaluate the applications of this call impartially and objectively, on the merits of each ' +
    'proposal against the published grid. I will keep confidential everything I read or learn in the evaluation, ' +
    'including the content of the applications, the scores and the deliberations, and will not use it for any other ' +
    'purpose. Before I see an application I will declare any conflict of interest with the organisation that submitted ' +
    'it: a family, professional, financial or other link, past or present, that could call my impartiality into question.',
  sq:
    'Deklaroj se do t’i vlerësoj aplikacionet e kësaj thirrjeje në mënyrë të paanshme dhe objektive, sipas meritave ' +
    'të secilit propozim kundrejt tabelës së publikuar. Do të ruaj konfidencialitetin e gjithçkaje që lexoj ose mësoj ' +
    'gjatë vlerësimit, përfshirë përmbajtjen e aplikacioneve, pikët dhe diskutimet, dhe nuk do ta përdor për asnjë ' +
    'qëllim tjetër. Para se të shoh një aplikacion, do të deklaroj çdo konflikt interesi me organizatën që e ka ' +
    'dorëzuar: lidhje familjare, profesionale, financiare ose tjetër, e kaluar ose e tanishme, që mund ta vërë në ' +
    'dyshim paanshmërinë time.',
  sr:
    'Izjavljujem da ću prijave na ovaj poziv ocenjivati nepristrasno i objektivno, prema vrednosti svakog predloga u ' +
    'odnosu na objavljenu tabelu ocenjivanja. Čuvaću poverljivost svega što pročitam ili saznam tokom ocenjivanja, ' +
    'uključujući sadržaj prijava, bodove i razmatranja, i neću to koristiti ni u koju drugu svrhu. Pre nego što vidim ' +
    'prijavu, izjaviću svaki sukob interesa sa organizacijom koja ju je podnela: porodičnu, profesionalnu, finansijsku ' +
    'ili drugu vezu, prošlu ili sadašnju, koja bi mogla dovesti u pitanje moju nepristrasnost.',
};

/** The evaluation rules a call states. All but the grid are optional in a call's definition and default here. */
export type EvaluationRulesInput = {
  grid: EvaluationGrid;
  evaluatorsPerApplication: number;
  divergenceThresholdPoints: number;
  consolidationRule?: ConsolidationRule;
  /** The section whose score breaks a tie in the total; null = straight to the earlier submission. */
  tieBreakSectionId?: string | null;
  reserveListSize?: number;
  declarationText?: LocalizedText | null;
};
export type EvaluationRules = {
  grid: EvaluationGrid;
  evaluatorsPerApplication: number;
  divergenceThresholdPoints: number;
  consolidationRule: ConsolidationRule;
  tieBreakSectionId: string | null;
  reserveListSize: number;
  declarationText: LocalizedText;
};

/** The call's evaluation rules with defaults: mean of all sheets; ties by relevance, then earlier submission. */
export function evaluationRules(call: EvaluationRulesInput): EvaluationRules {
  const hasRelevance = call.grid.sections.some((s) => s.id === 'relevance');
  return {
    grid: call.grid,
    evaluatorsPerApplication: call.evaluatorsPerApplication,
    divergenceThresholdPoints: call.divergenceThresholdPoints,
    consolidationRule: call.consolidationRule ?? 'mean_all',
    tieBreakSectionId: call.tieBreakSectionId === undefined ? (hasRelevance ? 'relevance' : null) : call.tieBreakSectionId,
    reserveListSize: call.reserveListSize ?? DEFAULT_RESERVE_LIST_SIZE,
    declarationText: call.declarationText ?? DEFAULT_DECLARATION_TEXT,
  };
}

export type EvaluationRulesProblem = { field: string; code: string };

/** Checks the optional evaluation rules of a call definition (the grid itself is checked with the call). */
export function evaluationRulesProblems(call: Partial<EvaluationRulesInput>): EvaluationRulesProblem[] {
  const p: EvaluationRulesProblem[] = [];
  if (call.consolidationRule !== undefined && call.consolidationRule !== null && !(CONSOLIDATION_RULES as readonly string[]).includes(call.consolidationRule)) {
    p.push({ field: 'consolidationRule', code: 'invalid_choice' });
  }
  if (call.tieBreakSectionId !== undefined && call.tieBreakSectionId !== null && !call.grid?.sections.some((s) => s.id === call.tieBreakSectionId)) {
    p.push({ field: 'tieBreakSectionId', code: 'unknown_section' });
  }
  if (call.reserveListSize !== undefined && call.reserveListSize !== null && !(Number.isSafeInteger(call.reserveListSize) && call.reserveListSize >= 0 && call.reserveListSize <= 1000)) {
    p.push({ field: 'reserveListSize', code: 'out_of_range' });
  }
  if (call.declarationText !== undefined && call.declarationText !== null) {
    for (const lang of ['en', 'sq', 'sr'] as const) {
      const v = call.declarationText[lang];
      if (typeof v !== 'string' || v.trim() === '') p.push({ field: `declarationText.${lang}`, code: 'required' });
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------------
// The scoring sheet

/** Points per criterion id. */
export type SheetScores = Record<string, number>;
/** The evaluator's comment per section id (required for every section before submitting). */
export type SheetComments = Record<string, string>;
export type SheetProblem = { field: string; code: 'required' | 'out_of_range' | 'not_whole_points' | 'not_half_points' | 'unknown_criterion' | 'unknown_section' | 'too_long' };

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
/** A criterion's score, or 0 when empty: own keys only, so an id such as `constructor` never reads Object.prototype. */
const scoreOf = (scores: SheetScores, id: string): number => (scores && hasOwn(scores, id) ? (scores[id] ?? 0) : 0);

/**
 * What is wrong with a sheet. A draft may leave criteria and comments empty; a sheet to submit may not.
 * Every score must be within the criterion's maximum, in whole points or, when the call says so, in halves.
 */
export function sheetProblems(grid: EvaluationGrid, scores: SheetScores, comments: SheetComments, mode: 'draft' | 'submit'): SheetProblem[] {
  const p: SheetProblem[] = [];
  const criteria = new Map(grid.sections.flatMap((s) => s.criteria.map((c) => [c.id, c] as const)));
  const sections = new Set(grid.sections.map((s) => s.id));
  for (const id of Object.keys(scores ?? {}).sort()) {
    if (!criteria.has(id)) p.push({ field: `scores.${id}`, code: 'unknown_criterion' });
  }
  for (const id of Object.keys(comments ?? {}).sort()) {
    if (!sections.has(id)) p.push({ field: `comments.${id}`, code: 'unknown_section' });
  }
  for (const section of grid.sections) {
    for (const c of section.criteria) {
      const field = `scores.${c.id}`;
      const v = scores && hasOwn(scores, c.id) ? scores[c.id] : undefined;
      if (v === undefined || v === null) {
        if (mode === 'submit') p.push({ field, code: 'required' });
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > c.maxPoints) p.push({ field, code: 'out_of_range' });
      else if (!Number.isInteger(grid.halfPoints ? v * 2 : v)) p.push({ field, code: grid.halfPoints ? 'not_half_points' : 'not_whole_points' });
    }
    const field = `comments.${section.id}`;
    const text = comments && hasOwn(comments, section.id) ? comments[section.id] : undefined;
    if (typeof text === 'string' && text.length > SHEET_COMMENT_MAX) p.push({ field, code: 'too_long' });
    else if (mode === 'submit' && (typeof text !== 'string' || text.trim() === '')) p.push({ field, code: 'required' });
  }
  return p;
}

export type Points = { sections: Record<string, number>; total: number };

/** A sheet's points per section and in total (criteria left empty count as 0). */
export function sheetTotals(grid: EvaluationGrid, scores: SheetScores): Points {
  const sections: Record<string, number> = {};
  let total = 0;
  for (const s of grid.sections) {
    // whole or half points: doubling makes every sum exact
    const doubled = s.criteria.reduce((sum, c) => sum + Math.round(scoreOf(scores, c.id) * 2), 0);
    sections[s.id] = doubled / 2;
    total += doubled;
  }
  return { sections, total: total / 2 };
}

// ---------------------------------------------------------------------------------------------------------
// Consolidation and divergence

/** Rounds to hundredths, half away from zero, on the decimal value (so 80.125 → 80.13, not 80.12). */
export function roundPoints(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100;
}

export type SubmittedSheet = { id: string; scores: SheetScores; submittedAt: string };

/** The largest gap between the totals of two submitted sheets. */
export function totalsSpread(totals: readonly number[]): number {
  if (totals.length < 2) return 0;
  return Math.max(...totals) - Math.min(...totals);
}

/**
 * How many submitted sheets an application needs: the call's number of evaluators, and one more when, once
 * those are in, two totals differ by more than the divergence threshold. Never more than one further evaluator.
 */
export function requiredSheets(submittedTotals: readonly number[], evaluatorsPerApplication: number, divergenceThresholdPoints: number): number {
  if (submittedTotals.length < evaluatorsPerApplication) return evaluatorsPerApplication;
  return totalsSpread(submittedTotals) > divergenceThresholdPoints ? evaluatorsPerApplication + 1 : evaluatorsPerApplication;
}

export type Consolidated = {
  /** Mean points per criterion, per section and in total, rounded to hundredths. */
  criteria: Record<string, number>;
  sections: Record<string, number>;
  total: number;
  /** The sheets the score is the mean of (all of them, or the two closest). */
  sheetIds: string[];
  /** The gap between the highest and the lowest total of all submitted sheets. */
  spread: number;
};

/** Sheets ordered by (total, id), each total computed once. */
function sortedByTotal(grid: EvaluationGrid, sheets: readonly SubmittedSheet[]): { sheet: SubmittedSheet; total: number }[] {
  return sheets
    .map((sheet) => ({ sheet, total: sheetTotals(grid, sheet.scores).total }))
    .sort((a, b) => a.total - b.total || (a.sheet.id < b.sheet.id ? -1 : a.sheet.id > b.sheet.id ? 1 : 0));
}

/** The two sheets whose totals are closest; among equal gaps, the lowest pair by (total, id). */
export function twoClosest(grid: EvaluationGrid, sheets: readonly SubmittedSheet[]): SubmittedSheet[] {
  if (sheets.length <= 2) return [...sheets];
  const sorted = sortedByTotal(grid, sheets);
  let best = 0;
  for (let i = 1; i < sorted.length - 1; i++) if (sorted[i + 1].total - sorted[i].total < sorted[best + 1].total - sorted[best].total) best = i;
  return [sorted[best].sheet, sorted[best + 1].sheet];
}

/** The application's score from its submitted sheets, by the call's rule. Null without sheets. */
export function consolidate(grid: EvaluationGrid, sheets: readonly SubmittedSheet[], rule: ConsolidationRule): Consolidated | null {
  if (sheets.length === 0) return null;
  const sorted = sortedByTotal(grid, sheets);
  const used = rule === 'two_closest' ? twoClosest(grid, sheets) : sorted.map((x) => x.sheet);
  const n = used.length;
  const criteria: Record<string, number> = {};
  const sections: Record<string, number> = {};
  let totalDoubled = 0;
  for (const s of grid.sections) {
    let sectionDoubled = 0;
    for (const c of s.criteria) {
      const doubled = used.reduce((sum, sheet) => sum + Math.round(scoreOf(sheet.scores, c.id) * 2), 0);
      criteria[c.id] = roundPoints(doubled / 2 / n);
      sectionDoubled += doubled;
    }
    sections[s.id] = roundPoints(sectionDoubled / 2 / n);
    totalDoubled += sectionDoubled;
  }
  return {
    criteria,
    sections,
    total: roundPoints(totalDoubled / 2 / n),
    sheetIds: used.map((s) => s.id).sort(),
    spread: sorted.length > 1 ? sorted[sorted.length - 1].total - sorted[0].total : 0,
  };
}

export type ThresholdFailure = { scope: 'section' | 'total'; sectionId: string | null; thresholdPoints: number; points: number };

/** An application below a section threshold or the total threshold is not fundable, whatever its rank. */
export function thresholdFailures(grid: EvaluationGrid, points: Pick<Consolidated, 'sections' | 'total'>): ThresholdFailure[] {
  const f: ThresholdFailure[] = [];
  for (const s of grid.sections) {
    if (s.thresholdPoints !== null && (points.sections[s.id] ?? 0) < s.thresholdPoints) {
      f.push({ scope: 'section', sectionId: s.id, thresholdPoints: s.thresholdPoints, points: points.sections[s.id] ?? 0 });
    }
  }
  if (grid.totalThreshold !== null && points.total < grid.totalThreshold) {
    f.push({ scope: 'total', sectionId: null, thresholdPoints: grid.totalThreshold, points: points.total });
  }
  return f;
}

export function sectionOf(grid: EvaluationGrid, criterionId: string): GridSection | undefined {
  return grid.sections.find((s) => s.criteria.some((c) => c.id === criterionId));
}

// ---------------------------------------------------------------------------------------------------------
// Ranking and the funding line

export type RankCandidate = {
  applicationId: string;
  reference: string;
  submittedAt: string;
  requestedCents: number;
  /** Null while the application lacks the sheets it needs. */
  points: Pick<Consolidated, 'sections' | 'total'> | null;
};

export type TieBreak = 'total' | 'section' | 'submission' | 'reference';

/**
 * The order of the ranking: higher total first; on a tie, the higher score in the tie-break section; then the
 * earlier submission; then the reference (so no two applications ever share a place).
 */
export function compareForRanking(tieBreakSectionId: string | null) {
  return (a: RankCandidate, b: RankCandidate): number => {
    const ta = a.points?.total ?? -1;
    const tb = b.points?.total ?? -1;
    if (ta !== tb) return tb - ta;
    if (tieBreakSectionId) {
      const sa = a.points?.sections[tieBreakSectionId] ?? -1;
      const sb = b.points?.sections[tieBreakSectionId] ?? -1;
      if (sa !== sb) return sb - sa;
    }
    const da = Date.parse(a.submittedAt);
    const db = Date.parse(b.submittedAt);
    if (da !== db) return da - db;
    return a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
  };
}

/** What decided the place of an application against the one right above it. */
export function decidedBy(above: RankCandidate, below: RankCandidate, tieBreakSectionId: string | null): TieBreak {
  if ((above.points?.total ?? -1) !== (below.points?.total ?? -1)) return 'total';
  if (tieBreakSectionId && (above.points?.sections[tieBreakSectionId] ?? -1) !== (below.points?.sections[tieBreakSectionId] ?? -1)) return 'section';
  if (Date.parse(above.submittedAt) !== Date.parse(below.submittedAt)) return 'submission';
  return 'reference';
}

export type AmountAdjustment = { applicationId: string; amountCents: number; reason: string };

export type Outcome = 'awarded' | 'reserve' | 'rejected' | 'pending';
export type RejectionReason = 'below_threshold' | 'not_within_envelope';

export type RankingRow = {
  applicationId: string;
  reference: string;
  /** Place among the fundable applications (1 = best); null for those below a threshold or not yet scored. */
  rank: number | null;
  points: Pick<Consolidated, 'sections' | 'total'> | null;
  requestedCents: number;
  /** What the applicant would receive: the requested or the adjusted amount (awarded only, otherwise 0). */
  awardedCents: number;
  adjustment: { amountCents: number; reason: string } | null;
  outcome: Outcome;
  reason: RejectionReason | null;
  failures: ThresholdFailure[];
  /** Place on the reserve list (1 = first to move up). */
  reservePlace: number | null;
  /** Why this application is below the one above it when their totals are equal. */
  tieBrokenBy: TieBreak | null;
};

export type Ranking = {
  envelopeCents: number;
  rows: RankingRow[];
  awardedCents: number;
  remainingCents: number;
  /** Applications still waiting for sheets: a decision is not possible while there are any. */
  pending: number;
};

export type AdjustmentProblem = { field: string; code: 'unknown_application' | 'out_of_range' | 'required' | 'duplicate' };

/** The committee may lower (never raise) a requested amount, and must say why. */
export function adjustmentProblems(adjustments: readonly AmountAdjustment[], candidates: readonly RankCandidate[]): AdjustmentProblem[] {
  const p: AdjustmentProblem[] = [];
  const byId = new Map(candidates.map((c) => [c.applicationId, c]));
  const seen = new Set<string>();
  adjustments.forEach((a, i) => {
    const c = byId.get(a.applicationId);
    if (!c) p.push({ field: `adjustments.${i}.applicationId`, code: 'unknown_application' });
    else if (seen.has(a.applicationId)) p.push({ field: `adjustments.${i}.applicationId`, code: 'duplicate' });
    else if (!(Number.isSafeInteger(a.amountCents) && a.amountCents > 0 && a.amountCents <= c.requestedCents)) p.push({ field: `adjustments.${i}.amountCents`, code: 'out_of_range' });
    if (typeof a.reason !== 'string' || a.reason.trim() === '') p.push({ field: `adjustments.${i}.reason`, code: 'required' });
    seen.add(a.applicationId);
  });
  return p;
}

/**
 * The ranking with the funding line. Fundable applications are ranked; going down the list each is awarded
 * its requested (or adjusted) amount while the envelope allows. From the first that does not fit, the next
 * `reserveListSize` fundable applications (that one included) form the reserve list in order; the rest are rejected as not fundable within
 * the envelope. Applications below a threshold are rejected whatever their score. The funding line stops at the
 * first application that does not fit, so adding money never removes an award.
 */
export function rankAndFund(
  grid: EvaluationGrid,
  candidates: readonly RankCandidate[],
  opts: { envelopeCents: number; reserveListSize: number; tieBreakSectionId: string | null; adjustments?: readonly AmountAdjustment[] },
): Ranking {
  const adjustments = new Map((opts.adjustments ?? []).map((a) => [a.applicationId, a]));
  const order = compareForRanking(opts.tieBreakSectionId);
  const scored = candidates.filter((c) => c.points !== null);
  const failuresOf = new Map(scored.map((c) => [c.applicationId, thresholdFailures(grid, c.points!)]));
  const fundable = scored.filter((c) => failuresOf.get(c.applicationId)!.length === 0).sort(order);
  const below = scored.filter((c) => failuresOf.get(c.applicationId)!.length > 0).sort(order);
  const pending = candidates.filter((c) => c.points === null).sort(order);

  const rows: RankingRow[] = [];
  let remaining = Math.max(0, opts.envelopeCents);
  let awarded = 0;
  let stopped = false;
  let reservePlace = 0;
  fundable.forEach((c, i) => {
    const adj = adjustments.get(c.applicationId);
    const amount = adj ? adj.amountCents : c.requestedCents;
    const tie = i > 0 && fundable[i - 1].points!.total === c.points!.total ? decidedBy(fundable[i - 1], c, opts.tieBreakSectionId) : null;
    const base = {
      applicationId: c.applicationId, reference: c.reference, rank: i + 1, points: c.points, requestedCents: c.requestedCents,
      adjustment: adj ? { amountCents: adj.amountCents, reason: adj.reason } : null, failures: [], tieBrokenBy: tie,
    };
    if (!stopped && amount <= remaining) {
      remaining -= amount;
      awarded += amount;
      rows.push({ ...base, awardedCents: amount, outcome: 'awarded', reason: null, reservePlace: null });
      return;
    }
    stopped = true;
    if (reservePlace < opts.reserveListSize) {
      reservePlace += 1;
      rows.push({ ...base, awardedCents: 0, outcome: 'reserve', reason: null, reservePlace });
    } else {
      rows.push({ ...base, awardedCents: 0, outcome: 'rejected', reason: 'not_within_envelope', reservePlace: null });
    }
  });
  for (const c of below) {
    rows.push({
      applicationId: c.applicationId, reference: c.reference, rank: null, points: c.points, requestedCents: c.requestedCents, awardedCents: 0,
      adjustment: null, outcome: 'rejected', reason: 'below_threshold', failures: failuresOf.get(c.applicationId)!, reservePlace: null, tieBrokenBy: null,
    });
  }
  for (const c of pending) {
    rows.push({
      applicationId: c.applicationId, reference: c.reference, rank: null, points: null, requestedCents: c.requestedCents, awardedCents: 0,
      adjustment: null, outcome: 'pending', reason: null, failures: [], reservePlace: null, tieBrokenBy: null,
    });
  }
  return { envelopeCents: opts.envelopeCents, rows, awardedCents: awarded, remainingCents: remaining, pending: pending.length };
}

export type RankingChange = { applicationId: string; reference: string; from: Outcome; to: Outcome };

/** What moving the envelope (or any other input) changes: the applications whose outcome differs. */
export function rankingChanges(before: Ranking, after: Ranking): RankingChange[] {
  const prev = new Map(before.rows.map((r) => [r.applicationId, r]));
  return after.rows
    .filter((r) => prev.get(r.applicationId)?.outcome !== r.outcome || prev.get(r.applicationId)?.reservePlace !== r.reservePlace)
    .map((r) => ({ applicationId: r.applicationId, reference: r.reference, from: prev.get(r.applicationId)?.outcome ?? 'pending', to: r.outcome }));
}

// The life of an award after the decision, the reserve list and the funding line re-run: award.ts

/** A sheet assigned later than a day before the call's evaluation due date (or with none) gets this many days. */
export const LATE_ASSIGNMENT_DAYS = 10;

/** The days before an evaluation's due date that evaluators with a sheet still open are reminded. */
export const EVALUATION_REMINDER_DAYS = [3, 1] as const;

/**
 * The due date of a new assignment: the call's evaluation due date while it is more than a day away, otherwise
 * LATE_ASSIGNMENT_DAYS from now (a replacement or a further evaluator assigned late still gets time to score).
 */
export function dueDateFor(evaluationDueAt: string | Date | null | undefined, now: Date): Date {
  const DAY = 86_400_000;
  const due = evaluationDueAt ? new Date(evaluationDueAt) : null;
  return due && !Number.isNaN(due.getTime()) && due.getTime() > now.getTime() + DAY ? due : new Date(now.getTime() + LATE_ASSIGNMENT_DAYS * DAY);
}

// ---------------------------------------------------------------------------------------------------------
// Assignment of evaluators

export type AssignmentPair = { applicationId: string; evaluatorId: string };
export type AssignmentPlan = { assignments: AssignmentPair[]; unfilled: { applicationId: string; missing: number }[] };

/** FNV-1a: a stable, cheap spread of ties, so the same evaluators are not always paired with each other. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Gives each application the evaluators it still needs, always the least-loaded evaluator of the pool who has
 * not declared a conflict with it and is not already on it (nor was before: an evaluator removed or conflicted
 * is never put back automatically). Ties go to a stable hash of the pair, then the evaluator id, so the plan does
 * not depend on the order of the input. With no conflicts, loads end at most one apart.
 */
export function planAssignments(input: {
  applications: readonly { id: string; needed: number }[];
  evaluators: readonly { id: string; load: number }[];
  /** Every existing pair, active or not: none of them is planned again. */
  existing: readonly AssignmentPair[];
  conflicts?: readonly AssignmentPair[];
}): AssignmentPlan {
  const load = new Map(input.evaluators.map((e) => [e.id, e.load]));
  const evaluators = [...load.keys()].sort();
  const taken = new Set([...input.existing, ...(input.conflicts ?? [])].map((p) => `${p.applicationId}|${p.evaluatorId}`));
  const assignments: AssignmentPair[] = [];
  const unfilled: { applicationId: string; missing: number }[] = [];
  const apps = [...input.applications].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const app of apps) {
    for (let slot = 0; slot < app.needed; slot++) {
      let best: string | null = null;
      let bestKey: [number, number] = [Infinity, Infinity];
      for (const e of evaluators) {
        if (taken.has(`${app.id}|${e}`)) continue;
        const key: [number, number] = [load.get(e)!, fnv1a(`${app.id}|${e}`)];
        if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
          best = e;
          bestKey = key;
        }
      }
      if (best === null) {
        unfilled.push({ applicationId: app.id, missing: app.needed - slot });
        break;
      }
      taken.add(`${app.id}|${best}`);
      load.set(best, load.get(best)! + 1);
      assignments.push({ applicationId: app.id, evaluatorId: best });
    }
  }
  return { assignments, unfilled };
}

// ---------------------------------------------------------------------------------------------------------
// The life of an assignment (one evaluator on one application; the sheet is part of it)

export const ASSIGNMENT_STATUSES = ['assigned', 'accepted', 'submitted', 'conflict', 'removed'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = Object.freeze({
  // assigned: the evaluator has seen only the organisation's name and not yet confirmed the absence of a conflict
  assigned: ['accepted', 'conflict', 'removed'],
  // accepted: no conflict confirmed; the sheet is being filled
  accepted: ['submitted', 'conflict', 'removed'],
  // submitted: locked; only the Secretariat reopens it (with a reason)
  submitted: ['accepted'],
  conflict: [],
  // removed: the Secretariat may put the same evaluator back on the application by hand (a fresh, empty sheet)
  removed: ['assigned'],
});

export function canTransitionAssignment(from: AssignmentStatus, to: AssignmentStatus): boolean {
  return ASSIGNMENT_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Counts toward the application's evaluators: everything except a declared conflict or a removal. */
export function isActiveAssignment(status: AssignmentStatus): boolean {
  return status === 'assigned' || status === 'accepted' || status === 'submitted';
}

/** The Secretariat adjusts assignments by hand only before scoring starts on them. */
export function canRemoveAssignment(status: AssignmentStatus, hasScores: boolean): boolean {
  return (status === 'assigned' || status === 'accepted') && !hasScores;
}
