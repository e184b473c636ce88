/**
 * A call for proposals as the Secretariat designs it, and the check that it is complete and consistent
 * before it is published: every text in English, Albanian and Serbian, grant limits within the envelope
 * and the EU ceiling, an evaluation grid whose thresholds fit its scores, and dates in order.
 */
import type { Language } from './roles';
import { LANGUAGES } from './roles';
import { COST_HEADINGS, DEFAULT_INDIRECT_COST_CAP_BP, pctToBp, type CostHeadingCode } from './budget';
import { parseInstant } from './deadline';
import { evaluationRulesProblems, type ConsolidationRule } from './evaluation';
import { gridMaxPoints, sectionMaxPoints, type EvaluationGrid, type LocalizedText } from './grid';

export type { EvaluationGrid, GridCriterion, GridSection, LocalizedText } from './grid';
export { gridMaxPoints, sectionMaxPoints } from './grid';

/** €60,000: the EU ceiling for financial support to one third party. */
export const EU_MAX_GRANT_CENTS = 6_000_000;
export const DEFAULT_EVALUATORS_PER_APPLICATION = 2;

export const CALL_TEXT_KEYS = ['title', 'objectives', 'whoMayApply', 'whatIsFunded'] as const;
export type CallTextKey = (typeof CALL_TEXT_KEYS)[number];

export const CALL_DATE_KEYS = ['publicationAt', 'questionsDeadlineAt', 'submissionDeadlineAt', 'evaluationDueAt', 'decisionExpectedAt'] as const;
export type CallDateKey = (typeof CALL_DATE_KEYS)[number];

export type CallPriority = { code: string; nsObjective: string; title: LocalizedText };
export type CallCostHeading = { code: CostHeadingCode; capPct: number | null };
export type EligibilityQuestion = { id: string; text: LocalizedText; requiredAnswer: boolean };
export type CallDocument = { id: string; kind: 'guidelines' | 'template' | 'other'; fileId: string; title: LocalizedText };

export type CallDraft = {
  reference: string;
  texts: Record<CallTextKey, LocalizedText>;
  priorities: CallPriority[];
  budgetEnvelopeCents: number;
  minGrantCents: number;
  maxGrantCents: number;
  /** Lifts the EU ceiling, by an admin, with a reason. */
  maxGrantOverride?: { reason: string } | null;
  maxDurationMonths: number;
  /** Minimum co-financing share of the total budget, in basis points (500 = 5 %). */
  minCoFinancingBp: number;
  costHeadings: CallCostHeading[];
  /** Indirect costs cap as basis points of direct costs (default 700 = 7 %). */
  indirectCostCapBp: number;
  eligibilityQuestions: EligibilityQuestion[];
  grid: EvaluationGrid;
  evaluatorsPerApplication: number;
  /** A gap between evaluators' totals above this brings in a further evaluator. */
  divergenceThresholdPoints: number;
  /** How sheets make the score: the mean of all (default) or of the two closest. */
  consolidationRule?: ConsolidationRule;
  /** The section that breaks a tie in the total (default: relevance); then the earlier submission. */
  tieBreakSectionId?: string | null;
  /** How many fundable applications past the funding line form the reserve list (default 5). */
  reserveListSize?: number;
  /** The declaration of impartiality and confidentiality evaluators sign for this call (default text if absent). */
  declarationText?: LocalizedText | null;
  /** ISO instants. */
  dates: Record<CallDateKey, string>;
  documents?: CallDocument[];
  /** One application per organisation unless this is true. */
  allowMultipleApplications?: boolean;
};

export type CallProblem = { field: string; code: string };

const NS_OBJECTIVE = /^[IVX]+\.\d+(?:\.\d+)?$/;
const REFERENCE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

function isBlank(s: unknown): boolean {
  return typeof s !== 'string' || s.trim() === '';
}

function checkText(problems: CallProblem[], field: string, text: LocalizedText | undefined): void {
  for (const lang of LANGUAGES as readonly Language[]) {
    if (isBlank(text?.[lang])) problems.push({ field: `${field}.${lang}`, code: 'required' });
  }
}

function checkUniqueIds(problems: CallProblem[], field: string, items: readonly { id?: string; code?: string }[], key: 'id' | 'code'): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const v = item[key];
    if (isBlank(v)) problems.push({ field: `${field}.${i}.${key}`, code: 'required' });
    else if (seen.has(v!)) problems.push({ field: `${field}.${i}.${key}`, code: 'duplicate' });
    else seen.add(v!);
  });
}

function isIntIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

function isPoints(v: unknown, halfPoints: boolean): boolean {
  return typeof v === 'number' && Number.isFinite(v) && Number.isInteger(halfPoints ? v * 2 : v);
}

function checkGrid(problems: CallProblem[], grid: EvaluationGrid | undefined): number {
  if (!grid || !Array.isArray(grid.sections) || grid.sections.length === 0) {
    problems.push({ field: 'grid.sections', code: 'required' });
    return 0;
  }
  const half = grid.halfPoints === true;
  checkUniqueIds(problems, 'grid.sections', grid.sections, 'id');
  const criterionIds = new Set<string>();
  grid.sections.forEach((s, i) => {
    const at = `grid.sections.${i}`;
    checkText(problems, `${at}.title`, s.title);
    if (!Array.isArray(s.criteria) || s.criteria.length === 0) problems.push({ field: `${at}.criteria`, code: 'required' });
    (s.criteria ?? []).forEach((c, j) => {
      const cat = `${at}.criteria.${j}`;
      if (isBlank(c.id)) problems.push({ field: `${cat}.id`, code: 'required' });
      else if (criterionIds.has(c.id)) problems.push({ field: `${cat}.id`, code: 'duplicate' });
      else criterionIds.add(c.id);
      checkText(problems, `${cat}.title`, c.title);
      if (c.guidance) checkText(problems, `${cat}.guidance`, c.guidance);
      if (!(typeof c.maxPoints === 'number' && c.maxPoints > 0)) problems.push({ field: `${cat}.maxPoints`, code: 'not_positive' });
      else if (!isPoints(c.maxPoints, half)) problems.push({ field: `${cat}.maxPoints`, code: half ? 'not_half_points' : 'not_whole_points' });
    });
    if (s.thresholdPoints !== null && s.thresholdPoints !== undefined) {
      if (!(typeof s.thresholdPoints === 'number' && s.thresholdPoints >= 0)) problems.push({ field: `${at}.thresholdPoints`, code: 'out_of_range' });
      else if (s.thresholdPoints > sectionMaxPoints(s)) problems.push({ field: `${at}.thresholdPoints`, code: 'above_section_max' });
    }
  });
  const total = gridMaxPoints(grid);
  if (grid.totalThreshold !== null && grid.totalThreshold !== undefined) {
    if (!(typeof grid.totalThreshold === 'number' && grid.totalThreshold >= 0)) problems.push({ field: 'grid.totalThreshold', code: 'out_of_range' });
    else if (grid.totalThreshold > total) problems.push({ field: 'grid.totalThreshold', code: 'above_grid_total' });
  }
  return total;
}

/**
 * What stops this call from being published at `nowIso`; empty when it may be published. Each problem
 * names the field by its path (`texts.title.sr`, `grid.sections.1.criteria.0.maxPoints`,
 * `dates.questionsDeadlineAt`) and a code the screens translate.
 */
export function validateCallForPublication(call: CallDraft, nowIso: string): CallProblem[] {
  const p: CallProblem[] = [];
  if (isBlank(call.reference)) p.push({ field: 'reference', code: 'required' });
  else if (!REFERENCE.test(call.reference)) p.push({ field: 'reference', code: 'format' });

  for (const key of CALL_TEXT_KEYS) checkText(p, `texts.${key}`, call.texts?.[key]);

  const priorities = call.priorities ?? [];
  if (priorities.length === 0) p.push({ field: 'priorities', code: 'required' });
  checkUniqueIds(p, 'priorities', priorities, 'code');
  priorities.forEach((pr, i) => {
    if (typeof pr.nsObjective !== 'string' || !NS_OBJECTIVE.test(pr.nsObjective)) p.push({ field: `priorities.${i}.nsObjective`, code: 'format' });
    checkText(p, `priorities.${i}.title`, pr.title);
  });

  // Money: min ≤ max ≤ envelope, max ≤ EU ceiling unless lifted with a reason.
  const { budgetEnvelopeCents: env, minGrantCents: min, maxGrantCents: max } = call;
  if (!isIntIn(env, 1, Number.MAX_SAFE_INTEGER)) p.push({ field: 'budgetEnvelopeCents', code: 'not_positive' });
  if (!isIntIn(min, 1, Number.MAX_SAFE_INTEGER)) p.push({ field: 'minGrantCents', code: 'not_positive' });
  if (!isIntIn(max, 1, Number.MAX_SAFE_INTEGER)) p.push({ field: 'maxGrantCents', code: 'not_positive' });
  else {
    if (isIntIn(min, 1, Number.MAX_SAFE_INTEGER) && min > max) p.push({ field: 'minGrantCents', code: 'above_max_grant' });
    if (isIntIn(env, 1, Number.MAX_SAFE_INTEGER) && max > env) p.push({ field: 'maxGrantCents', code: 'above_envelope' });
    if (max > EU_MAX_GRANT_CENTS) {
      if (!call.maxGrantOverride) p.push({ field: 'maxGrantCents', code: 'above_eu_ceiling' });
      else if (isBlank(call.maxGrantOverride.reason)) p.push({ field: 'maxGrantOverride.reason', code: 'required' });
    }
  }
  if (!isIntIn(call.maxDurationMonths, 1, 120)) p.push({ field: 'maxDurationMonths', code: 'out_of_range' });
  if (!isIntIn(call.minCoFinancingBp, 0, 10_000)) p.push({ field: 'minCoFinancingBp', code: 'out_of_range' });

  const headings = call.costHeadings ?? [];
  if (headings.length === 0) p.push({ field: 'costHeadings', code: 'required' });
  const seenHeadings = new Set<string>();
  headings.forEach((h, i) => {
    if (!(COST_HEADINGS as readonly string[]).includes(h.code)) p.push({ field: `costHeadings.${i}.code`, code: 'unknown_heading' });
    else if (seenHeadings.has(h.code)) p.push({ field: `costHeadings.${i}.code`, code: 'duplicate' });
    seenHeadings.add(h.code);
    if (h.capPct !== null && !(typeof h.capPct === 'number' && h.capPct >= 0 && h.capPct <= 100)) {
      p.push({ field: `costHeadings.${i}.capPct`, code: 'out_of_range' });
    } else if (h.capPct !== null && pctToBp(h.capPct) / 100 !== h.capPct) {
      p.push({ field: `costHeadings.${i}.capPct`, code: 'too_many_decimals' });
    }
  });
  if (!isIntIn(call.indirectCostCapBp, 0, 10_000)) p.push({ field: 'indirectCostCapBp', code: 'out_of_range' });

  const questions = call.eligibilityQuestions ?? [];
  checkUniqueIds(p, 'eligibilityQuestions', questions, 'id');
  questions.forEach((q, i) => {
    checkText(p, `eligibilityQuestions.${i}.text`, q.text);
    if (typeof q.requiredAnswer !== 'boolean') p.push({ field: `eligibilityQuestions.${i}.requiredAnswer`, code: 'required' });
  });

  const gridTotal = checkGrid(p, call.grid);
  if (!isIntIn(call.evaluatorsPerApplication, 1, 20)) p.push({ field: 'evaluatorsPerApplication', code: 'out_of_range' });
  const d = call.divergenceThresholdPoints;
  if (!(typeof d === 'number' && Number.isFinite(d) && d >= 0 && d <= gridTotal)) p.push({ field: 'divergenceThresholdPoints', code: 'out_of_range' });
  p.push(...evaluationRulesProblems(call));

  // Dates: publication < questions < submission < evaluation due ≤ decision; submission in the future.
  const ms = CALL_DATE_KEYS.map((k) => {
    const v = parseInstant(call.dates?.[k] as string);
    if (v === null) p.push({ field: `dates.${k}`, code: 'invalid_instant' });
    return v;
  });
  for (let i = 1; i < CALL_DATE_KEYS.length; i++) {
    const prev = ms[i - 1];
    const cur = ms[i];
    if (prev === null || prev === undefined || cur === null || cur === undefined) continue;
    const mayEqual = CALL_DATE_KEYS[i] === 'decisionExpectedAt';
    if (mayEqual ? cur < prev : cur <= prev) p.push({ field: `dates.${CALL_DATE_KEYS[i]}`, code: 'not_after_previous' });
  }
  const now = parseInstant(nowIso);
  if (now === null) throw new RangeError(`nowIso must be an ISO instant, got ${JSON.stringify(nowIso)}`);
  const submission = ms[CALL_DATE_KEYS.indexOf('submissionDeadlineAt')];
  if (submission !== null && submission !== undefined && submission <= now) p.push({ field: 'dates.submissionDeadlineAt', code: 'in_the_past' });

  (call.documents ?? []).forEach((doc, i) => {
    if (isBlank(doc.fileId)) p.push({ field: `documents.${i}.fileId`, code: 'required' });
    checkText(p, `documents.${i}.title`, doc.title);
  });
  return p;
}

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });

/**
 * The EU full-application evaluation grid (100 points): financial and operational capacity 20 (threshold
 * 12), relevance 30, effectiveness and feasibility 20, sustainability 15, budget and cost-effectiveness 15.
 */
export function demoEuGrid(): EvaluationGrid {
  return {
    halfPoints: false,
    totalThreshold: null,
    sections: [
      {
        id: 'capacity',
        title: t('Financial and operational capacity', 'Kapaciteti financiar dhe operacional', 'Finansijski i operativni kapacitet'),
        thresholdPoints: 12,
        criteria: [
          { id: '1.1', maxPoints: 5, title: t('Experience in managing projects of similar size and kind', 'Përvoja në menaxhimin e projekteve të madhësisë dhe llojit të ngjashëm', 'Iskustvo u upravljanju projektima slične veličine i vrste') },
          { id: '1.2', maxPoints: 5, title: t('Expertise in supporting victims of trafficking', 'Ekspertiza në mbështetjen e viktimave të trafikimit', 'Stručnost u podršci žrtvama trgovine ljudima') },
          { id: '1.3', maxPoints: 5, title: t('Management capacity, including staff and equipment', 'Kapaciteti menaxhues, përfshirë stafin dhe pajisjet', 'Upravljački kapacitet, uključujući osoblje i opremu') },
          { id: '1.4', maxPoints: 5, title: t('Stable and sufficient sources of finance', 'Burime financimi të qëndrueshme dhe të mjaftueshme', 'Stabilni i dovoljni izvori finansiranja') },
        ],
      },
      {
        id: 'relevance',
        title: t('Relevance of the action', 'Relevanca e veprimit', 'Relevantnost akcije'),
        thresholdPoints: null,
        criteria: [
          { id: '2.1', maxPoints: 10, title: t('Relevance to the objectives and priorities of the call', 'Relevanca ndaj objektivave dhe prioriteteve të thirrjes', 'Relevantnost u odnosu na ciljeve i prioritete poziva') },
          { id: '2.2', maxPoints: 10, title: t('Relevance to the needs of the target groups', 'Relevanca ndaj nevojave të grupeve të synuara', 'Relevantnost u odnosu na potrebe ciljnih grupa') },
          { id: '2.3', maxPoints: 10, title: t('Target groups and final beneficiaries clearly defined', 'Grupet e synuara dhe përfituesit përfundimtarë të përcaktuar qartë', 'Jasno definisane ciljne grupe i krajnji korisnici') },
        ],
      },
      {
        id: 'effectiveness',
        title: t('Effectiveness and feasibility of the action', 'Efektiviteti dhe fizibiliteti i veprimit', 'Efikasnost i izvodljivost akcije'),
        thresholdPoints: null,
        criteria: [
          { id: '3.1', maxPoints: 10, title: t('Activities appropriate, practical and consistent with the expected results', 'Aktivitete të përshtatshme, praktike dhe në përputhje me rezultatet e pritura', 'Aktivnosti su odgovarajuće, praktične i u skladu sa očekivanim rezultatima') },
          { id: '3.2', maxPoints: 5, title: t('Clear and feasible work plan', 'Plan pune i qartë dhe i realizueshëm', 'Jasan i izvodljiv plan rada') },
          { id: '3.3', maxPoints: 5, title: t('Verifiable indicators for the outcome of the action', 'Tregues të verifikueshëm për rezultatin e veprimit', 'Proverljivi pokazatelji ishoda akcije') },
        ],
      },
      {
        id: 'sustainability',
        title: t('Sustainability of the action', 'Qëndrueshmëria e veprimit', 'Održivost akcije'),
        thresholdPoints: null,
        criteria: [
          { id: '4.1', maxPoints: 5, title: t('Tangible impact on the target groups', 'Ndikim i prekshëm te grupet e synuara', 'Opipljiv uticaj na ciljne grupe') },
          { id: '4.2', maxPoints: 5, title: t('Multiplier effects and replication', 'Efekte shumëfishuese dhe përsëritje', 'Multiplikativni efekti i ponovljivost') },
          { id: '4.3', maxPoints: 5, title: t('Financial and institutional sustainability after the grant', 'Qëndrueshmëria financiare dhe institucionale pas grantit', 'Finansijska i institucionalna održivost nakon granta') },
        ],
      },
      {
        id: 'budget',
        title: t('Budget and cost-effectiveness of the action', 'Buxheti dhe efektiviteti i kostos së veprimit', 'Budžet i troškovna efikasnost akcije'),
        thresholdPoints: null,
        criteria: [
          { id: '5.1', maxPoints: 10, title: t('Ratio between the costs and the expected results', 'Raporti ndërmjet kostove dhe rezultateve të pritura', 'Odnos između troškova i očekivanih rezultata') },
          { id: '5.2', maxPoints: 5, title: t('Costs necessary for the action and clearly set out', 'Kosto të nevojshme për veprimin dhe të paraqitura qartë', 'Troškovi neophodni za akciju i jasno prikazani') },
        ],
      },
    ],
  };
}

/** Defaults for a new call's rules (texts, money and dates are the Secretariat's to fill in). */
export const CALL_DEFAULTS = Object.freeze({
  indirectCostCapBp: DEFAULT_INDIRECT_COST_CAP_BP,
  evaluatorsPerApplication: DEFAULT_EVALUATORS_PER_APPLICATION,
  maxGrantCents: EU_MAX_GRANT_CENTS,
});
