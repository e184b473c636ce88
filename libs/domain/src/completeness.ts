/**
 * What an application still lacks, or breaks, section by section, so the applicant sees it in their
 * language before trying to submit; submission is refused while anything is listed.
 */
import { capCents, checkBudget, computeBudget, headingCapCents, minCoFinancingCents, type BudgetLine, type BudgetProblem, type BudgetRules, type ComputedBudget } from './budget';
import { isIsoDate, isSaneDate, SANE_DATE_MAX, SANE_DATE_MIN } from './dates';
import { isMunicipalityCode } from './municipalities';
import { isNsCode, nsWithin } from './national-strategy';

export type IndicatorLevel = 'output' | 'outcome';
export type Indicator = {
  name: string;
  level: IndicatorLevel;
  unit: string;
  baseline: string | number;
  target: string | number;
  meansOfVerification: string;
  frequency: string;
};
export type LogframeActivity = { code: string; text: string };
export type LogframeResult = { text: string; indicators: Indicator[]; activities: LogframeActivity[] };
/**
 * `nsObjective`: the National Strategy code this specific objective serves (a specific objective such as III.2, or
 * an activity of the action plan such as III.2.4; `national-strategy.ts`), for the portfolio's results by objective.
 */
export type SpecificObjective = { text: string; results: LogframeResult[]; nsObjective?: string | null };

export type ApplicationContent = {
  project: {
    title: string;
    summary: string;
    durationMonths: number;
    startDate: string;
    municipalities: string[];
    targetGroups: string[];
    beneficiariesByGroup: { group: string; count: number }[];
  };
  logframe: { overallObjective: string; specificObjectives: SpecificObjective[] };
  workplan: { activityCode: string; months: number[] }[];
  budget: { lines: BudgetLine[]; coFinancingCents: number; indirectCostBp: number };
  capacity: { experienceWithVoT: string; staff: string; licenceNumber: string };
  attachments: { requirementId: string; fileId: string }[];
  declarations: { truthful: boolean; noDoubleFunding: boolean; dataProtection: boolean };
};

/**
 * `priorityObjectives`: the National Strategy codes of the call's priorities (calls.priorities[].nsObjective). A
 * specific objective's tag must lie within one of them; with more than one, each specific objective must be tagged
 * (the portfolio could not place it otherwise); with one it may stay untagged (it counts under that one). Left out
 * (a caller that does not know the call's priorities), a tag is only checked to be a Strategy code.
 */
export type ApplicationRules = BudgetRules & {
  maxDurationMonths: number;
  requiredAttachmentIds: readonly string[];
  priorityObjectives?: readonly string[];
};

export const APPLICATION_SECTIONS = ['project', 'logframe', 'workplan', 'budget', 'capacity', 'attachments', 'declarations'] as const;
export type ApplicationSection = (typeof APPLICATION_SECTIONS)[number];

export type CompletenessProblem = { section: ApplicationSection; field: string; code: string; params?: Record<string, string | number> };

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
const blankValue = (v: unknown) => (typeof v === 'number' ? !Number.isFinite(v) : blank(v));

/**
 * What is wrong with a specific objective's National Strategy tag, given the call's (distinct, valid) priority codes:
 * not a Strategy code; outside every priority; or missing while the call has several priorities. Null when fine.
 */
export function nsObjectiveProblem(tag: unknown, priorities: readonly string[]): 'unknown_ns_code' | 'outside_call_priorities' | 'required' | null {
  if (tag === null || tag === undefined || (typeof tag === 'string' && tag.trim() === '')) return priorities.length > 1 ? 'required' : null;
  if (!isNsCode(tag)) return 'unknown_ns_code';
  if (priorities.length > 0 && !priorities.some((p) => nsWithin(tag, p))) return 'outside_call_priorities';
  return null;
}

/** Every problem, in section order; empty when the application may be submitted. */
export function completenessProblems(content: ApplicationContent, rules: ApplicationRules): CompletenessProblem[] {
  const out: CompletenessProblem[] = [];
  const add = (section: ApplicationSection, field: string, code: string, params?: CompletenessProblem['params']) =>
    out.push(params ? { section, field, code, params } : { section, field, code });

  // Project
  const p = content.project;
  if (blank(p?.title)) add('project', 'project.title', 'required');
  if (blank(p?.summary)) add('project', 'project.summary', 'required');
  const duration = p?.durationMonths;
  const durationOk = Number.isSafeInteger(duration) && duration >= 1;
  if (!durationOk) add('project', 'project.durationMonths', 'required');
  else if (duration > rules.maxDurationMonths) add('project', 'project.durationMonths', 'above_max_duration', { maxMonths: rules.maxDurationMonths });
  if (!isIsoDate(p?.startDate)) add('project', 'project.startDate', 'required');
  else if (!isSaneDate(p.startDate)) add('project', 'project.startDate', 'date_out_of_range', { min: SANE_DATE_MIN, max: SANE_DATE_MAX });
  const municipalities = p?.municipalities ?? [];
  if (municipalities.length === 0) add('project', 'project.municipalities', 'required');
  municipalities.forEach((m, i) => {
    if (!isMunicipalityCode(m)) add('project', `project.municipalities.${i}`, 'unknown_municipality');
  });
  const groups = p?.targetGroups ?? [];
  if (groups.filter((g) => !blank(g)).length === 0) add('project', 'project.targetGroups', 'required');
  const byGroup = p?.beneficiariesByGroup ?? [];
  if (byGroup.length === 0) add('project', 'project.beneficiariesByGroup', 'required');
  byGroup.forEach((b, i) => {
    if (!groups.includes(b.group)) add('project', `project.beneficiariesByGroup.${i}.group`, 'not_a_target_group');
    if (!(Number.isSafeInteger(b.count) && b.count > 0)) add('project', `project.beneficiariesByGroup.${i}.count`, 'not_positive');
  });

  // Logframe
  const lf = content.logframe;
  if (blank(lf?.overallObjective)) add('logframe', 'logframe.overallObjective', 'required');
  const sos = lf?.specificObjectives ?? [];
  if (sos.length === 0) add('logframe', 'logframe.specificObjectives', 'required');
  const activityCodes = new Set<string>();
  const priorities = [...new Set((rules.priorityObjectives ?? []).filter(isNsCode))];
  sos.forEach((so, i) => {
    const at = `logframe.specificObjectives.${i}`;
    if (blank(so.text)) add('logframe', `${at}.text`, 'required');
    const ns = nsObjectiveProblem(so?.nsObjective, priorities);
    if (ns) add('logframe', `${at}.nsObjective`, ns, ns === 'outside_call_priorities' ? { priorities: priorities.join(', ') } : undefined);
    if ((so.results ?? []).length === 0) add('logframe', `${at}.results`, 'required');
    (so.results ?? []).forEach((r, j) => {
      const rat = `${at}.results.${j}`;
      if (blank(r.text)) add('logframe', `${rat}.text`, 'required');
      if ((r.indicators ?? []).length === 0) add('logframe', `${rat}.indicators`, 'required');
      (r.indicators ?? []).forEach((ind, k) => {
        const iat = `${rat}.indicators.${k}`;
        for (const f of ['name', 'unit', 'meansOfVerification', 'frequency'] as const) if (blank(ind[f])) add('logframe', `${iat}.${f}`, 'required');
        for (const f of ['baseline', 'target'] as const) if (blankValue(ind[f])) add('logframe', `${iat}.${f}`, 'required');
        if (ind.level !== 'output' && ind.level !== 'outcome') add('logframe', `${iat}.level`, 'required');
      });
      if ((r.activities ?? []).length === 0) add('logframe', `${rat}.activities`, 'required');
      (r.activities ?? []).forEach((a, k) => {
        const aat = `${rat}.activities.${k}`;
        if (blank(a.code)) add('logframe', `${aat}.code`, 'required');
        else if (activityCodes.has(a.code)) add('logframe', `${aat}.code`, 'duplicate');
        else activityCodes.add(a.code);
        if (blank(a.text)) add('logframe', `${aat}.text`, 'required');
      });
    });
  });

  // Work plan: every activity scheduled, every month within the project's duration.
  const scheduled = new Set<string>();
  (content.workplan ?? []).forEach((w, i) => {
    const at = `workplan.${i}`;
    if (!activityCodes.has(w.activityCode)) add('workplan', `${at}.activityCode`, 'unknown_activity', { activityCode: String(w.activityCode) });
    if ((w.months ?? []).length === 0) add('workplan', `${at}.months`, 'required');
    else scheduled.add(w.activityCode);
    (w.months ?? []).forEach((m, k) => {
      if (!Number.isSafeInteger(m) || m < 1 || (durationOk && m > duration)) {
        add('workplan', `${at}.months.${k}`, 'month_out_of_range', { month: m, maxMonth: durationOk ? duration : 0 });
      }
    });
  });
  for (const code of activityCodes) if (!scheduled.has(code)) add('workplan', `workplan.${code}`, 'activity_not_scheduled', { activityCode: code });

  // Budget: computed by the server, then checked against the call.
  const b = content.budget;
  try {
    const computed = computeBudget(b?.lines ?? [], { indirectCostBp: b?.indirectCostBp ?? 0, coFinancingCents: b?.coFinancingCents ?? 0 });
    for (const bp of checkBudget(computed, rules)) add('budget', `budget.${bp.field}`, bp.code, withAmounts(bp, computed));
  } catch {
    add('budget', 'budget', 'invalid');
  }

  // Capacity
  const c = content.capacity;
  if (blank(c?.experienceWithVoT)) add('capacity', 'capacity.experienceWithVoT', 'required');
  if (blank(c?.staff)) add('capacity', 'capacity.staff', 'required');
  if (blank(c?.licenceNumber)) add('capacity', 'capacity.licenceNumber', 'required');

  // Attachments the call requires.
  const present = new Set((content.attachments ?? []).filter((a) => !blank(a.fileId)).map((a) => a.requirementId));
  for (const id of rules.requiredAttachmentIds) if (!present.has(id)) add('attachments', `attachments.${id}`, 'attachment_missing', { requirementId: id });

  // Declarations
  for (const d of ['truthful', 'noDoubleFunding', 'dataProtection'] as const) {
    if (content.declarations?.[d] !== true) add('declarations', `declarations.${d}`, 'declaration_required');
  }
  return out;
}

/**
 * A budget problem's params with the amounts a reader needs to fix it, in cents: for a cap, the amount allowed
 * and how much is over it; for a minimum, the least amount and how much is missing. The codes and the other
 * params stay as `checkBudget` gives them.
 */
function withAmounts(p: BudgetProblem, b: ComputedBudget): BudgetProblem['params'] {
  const params = p.params;
  switch (p.code) {
    case 'heading_over_cap': {
      const capPct = Number(params?.capPct);
      const allowedCents = headingCapCents(b.directCents, capPct);
      const totalCents = Number(params?.totalCents);
      return { ...params, heading: p.field.slice('headings.'.length), allowedCents, overCents: totalCents - allowedCents };
    }
    case 'indirect_over_cap': {
      const allowedCents = capCents(b.directCents, Number(params?.capBp));
      return { ...params, indirectCents: b.indirectCents, allowedCents, overCents: b.indirectCents - allowedCents };
    }
    case 'co_financing_below_min': {
      const minCents = minCoFinancingCents(b.totalCents, Number(params?.minBp));
      return { ...params, coFinancingCents: b.coFinancingCents, minCents, shortCents: minCents - b.coFinancingCents };
    }
    case 'above_max_grant':
      return { ...params, requestedCents: b.requestedCents, overCents: b.requestedCents - Number(params?.maxCents) };
    case 'below_min_grant':
      return { ...params, requestedCents: b.requestedCents, shortCents: Number(params?.minCents) - b.requestedCents };
    default:
      return params;
  }
}

/** Problems grouped by section, every section present (empty when it is complete), for the completeness view. */
export function completenessBySection(problems: readonly CompletenessProblem[]): Record<ApplicationSection, CompletenessProblem[]> {
  const out = Object.fromEntries(APPLICATION_SECTIONS.map((s) => [s, [] as CompletenessProblem[]])) as Record<ApplicationSection, CompletenessProblem[]>;
  for (const p of problems) out[p.section].push(p);
  return out;
}
