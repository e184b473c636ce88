/**
 * What an interim or final (narrative) report says (issue 12), as the organisation writes it against the grant's
 * logframe: a general summary, a summary per expected result, what was done per activity (with the framework's
 * status 1–4 and the deviations), the values reached per indicator (the period's and the cumulative one, a
 * comment and the evidence files), the beneficiaries reached as counts only, and the challenges, lessons and
 * plan for the next period. Keys follow `logframeItems` (amendments.ts): results `so.1.result.1`, indicators
 * `so.1.result.1.indicator.1`, activities `activity.<code>`.
 *
 * Two checks: `narrativeReportContentProblems` (the shape: what a save refuses — a draft saves as it is typed,
 * half written) and `narrativeReportCompleteness` (what is still missing or wrong before it may be submitted).
 * Field paths name the place on the screen: `general.summary`, `results.so.1.result.1.summary`,
 * `activities.activity.A1.status`, `indicators.so.1.result.1.indicator.1.cumulativeValue`,
 * `beneficiaries.bySex.female`, `challenges`, `lessons`, `nextPlan`. Pure.
 */
import { logframeItems, type GrantLogframe } from './amendments';
import { BENEFICIARY_BREAKDOWNS, beneficiaryCountProblems, type BeneficiaryTable, type ShownBeneficiaryTable } from './beneficiary-counts';
import { canonicalJson } from './canonical-json';
import { parseIndicatorValue } from './indicator-progress';
import { isActivityStatus, type ActivityStatus } from './monitoring-visits';
import type { NarrativeReportKind, NarrativeReportProblem, NarrativeReportSection } from './narrative-reports';

export type NarrativeReportActivity = { done: string; status: ActivityStatus | null; deviations: string };
export type NarrativeReportIndicatorValue = { periodValue: string | null; cumulativeValue: string | null; comment: string; evidenceFileIds: string[] };

export type NarrativeReportContent = {
  /** section `general` */
  general: { summary: string };
  /** section `results`, by result key */
  results: Record<string, { summary: string }>;
  /** section `results`, by activity key */
  activities: Record<string, NarrativeReportActivity>;
  /** section `indicators`, by indicator key */
  indicators: Record<string, NarrativeReportIndicatorValue>;
  /** section `beneficiaries` (counts only) */
  beneficiaries: BeneficiaryTable;
  /** sections `challenges`, `lessons`, `next_plan` */
  challenges: string;
  lessons: string;
  nextPlan: string;
};

/** The longest free text of one field (a long narrative fits; a pasted file does not). */
export const NARRATIVE_TEXT_MAX = 20_000;
/** The most evidence files on one indicator. */
export const NARRATIVE_EVIDENCE_FILES_MAX = 20;

export const NARRATIVE_REPORT_CONTENT_KEYS = ['general', 'results', 'activities', 'indicators', 'beneficiaries', 'challenges', 'lessons', 'nextPlan'] as const;
export type NarrativeReportContentKey = (typeof NARRATIVE_REPORT_CONTENT_KEYS)[number];

/** The review section a part of the content belongs to (activities are reviewed with the results). */
export const NARRATIVE_CONTENT_SECTION: Readonly<Record<NarrativeReportContentKey, NarrativeReportSection>> = Object.freeze({
  general: 'general',
  results: 'results',
  activities: 'results',
  indicators: 'indicators',
  beneficiaries: 'beneficiaries',
  challenges: 'challenges',
  lessons: 'lessons',
  nextPlan: 'next_plan',
});

/** The section of a field path (`indicators.so.1.result.1.indicator.1.comment` → `indicators`). */
export function narrativeFieldSection(field: string): NarrativeReportSection {
  const head = field.split('.')[0] as NarrativeReportContentKey;
  return NARRATIVE_CONTENT_SECTION[head] ?? 'general';
}

export type NarrativeLogframeKeys = { results: string[]; indicators: string[]; activities: string[] };

/** The result, indicator and activity keys of a logframe, in its order. */
export function narrativeLogframeKeys(logframe: GrantLogframe | null | undefined): NarrativeLogframeKeys {
  const items = logframe ? logframeItems(logframe) : [];
  return {
    results: items.filter((i) => i.kind === 'result').map((i) => i.key),
    indicators: items.filter((i) => i.kind === 'indicator').map((i) => i.key),
    activities: items.filter((i) => i.kind === 'activity').map((i) => i.key),
  };
}

export function emptyBeneficiaryTable(): BeneficiaryTable {
  return { total: 0, bySex: {}, byAge: {}, byIntake: {}, byService: {}, byMunicipality: {} };
}

/** A new report: every text blank, no value; with a logframe, a blank entry for each of its results, activities and indicators. */
export function emptyNarrativeReportContent(logframe?: GrantLogframe | null): NarrativeReportContent {
  const keys = narrativeLogframeKeys(logframe);
  return {
    general: { summary: '' },
    results: Object.fromEntries(keys.results.map((k) => [k, { summary: '' }])),
    activities: Object.fromEntries(keys.activities.map((k) => [k, { done: '', status: null, deviations: '' }])),
    indicators: Object.fromEntries(keys.indicators.map((k) => [k, { periodValue: null, cumulativeValue: null, comment: '', evidenceFileIds: [] }])),
    beneficiaries: emptyBeneficiaryTable(),
    challenges: '',
    lessons: '',
    nextPlan: '',
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasText = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function textProblem(problems: NarrativeReportProblem[], field: string, value: unknown): void {
  if (typeof value !== 'string') problems.push({ field, code: 'not_text' });
  else if (value.length > NARRATIVE_TEXT_MAX) problems.push({ field, code: 'too_long', params: { max: NARRATIVE_TEXT_MAX } });
}

function keyedProblems(
  problems: NarrativeReportProblem[],
  part: 'results' | 'activities' | 'indicators',
  value: unknown,
  known: readonly string[],
  fields: Readonly<Record<string, (field: string, v: unknown) => void>>,
): void {
  if (!isPlainObject(value)) {
    problems.push({ field: part, code: 'not_object' });
    return;
  }
  const knownSet = new Set(known);
  for (const [key, entry] of Object.entries(value)) {
    const at = `${part}.${key}`;
    if (!knownSet.has(key)) {
      problems.push({ field: at, code: 'not_in_logframe' });
      continue;
    }
    if (!isPlainObject(entry)) {
      problems.push({ field: at, code: 'not_object' });
      continue;
    }
    for (const k of Object.keys(entry)) if (!(k in fields)) problems.push({ field: `${at}.${k}`, code: 'unknown_key' });
    for (const [k, check] of Object.entries(fields)) check(`${at}.${k}`, entry[k]);
  }
}

/**
 * What a save refuses: content that is not of the report's shape. Every text a string (blank is fine, a draft
 * is half written) of at most NARRATIVE_TEXT_MAX; results, activities and indicators only of the grant's
 * logframe; an activity status 1–4 or null; an indicator value a string or null (readability is checked at
 * submission, see narrativeReportCompleteness); evidence a list of file ids; the beneficiary table of counts
 * (its sums are checked at submission); no key the report does not know. Empty when it may be saved.
 */
export function narrativeReportContentProblems(content: unknown, logframe: GrantLogframe | null | undefined): NarrativeReportProblem[] {
  if (!isPlainObject(content)) return [{ field: 'content', code: 'not_object' }];
  const problems: NarrativeReportProblem[] = [];
  const keys = narrativeLogframeKeys(logframe);
  for (const k of Object.keys(content)) if (!(NARRATIVE_REPORT_CONTENT_KEYS as readonly string[]).includes(k)) problems.push({ field: k, code: 'unknown_key' });
  for (const k of NARRATIVE_REPORT_CONTENT_KEYS) if (!(k in content)) problems.push({ field: k, code: 'required' });

  if ('general' in content) {
    const g = content.general;
    if (!isPlainObject(g)) problems.push({ field: 'general', code: 'not_object' });
    else {
      for (const k of Object.keys(g)) if (k !== 'summary') problems.push({ field: `general.${k}`, code: 'unknown_key' });
      textProblem(problems, 'general.summary', g.summary);
    }
  }
  const text = (field: string, v: unknown) => textProblem(problems, field, v);
  if ('results' in content) keyedProblems(problems, 'results', content.results, keys.results, { summary: text });
  if ('activities' in content)
    keyedProblems(problems, 'activities', content.activities, keys.activities, {
      done: text,
      deviations: text,
      status: (field, v) => {
        if (v !== null && !isActivityStatus(v)) problems.push({ field, code: 'invalid', params: { allowed: '1,2,3,4' } });
      },
    });
  const value = (field: string, v: unknown) => {
    if (v === null) return;
    if (typeof v !== 'string') problems.push({ field, code: 'not_text' });
    else if (v.length > 40) problems.push({ field, code: 'too_long', params: { max: 40 } });
  };
  if ('indicators' in content)
    keyedProblems(problems, 'indicators', content.indicators, keys.indicators, {
      periodValue: value,
      cumulativeValue: value,
      comment: text,
      evidenceFileIds: (field, v) => {
        if (!Array.isArray(v)) problems.push({ field, code: 'not_list' });
        else if (v.length > NARRATIVE_EVIDENCE_FILES_MAX) problems.push({ field, code: 'too_many', params: { max: NARRATIVE_EVIDENCE_FILES_MAX } });
        else
          v.forEach((id, i) => {
            if (typeof id !== 'string' || !UUID.test(id)) problems.push({ field: `${field}.${i}`, code: 'invalid' });
          });
      },
    });
  if ('beneficiaries' in content) {
    for (const p of beneficiaryCountProblems(content.beneficiaries)) {
      if (p.code === 'sum_mismatch') continue;
      problems.push({ field: p.field ? `beneficiaries.${p.field}` : 'beneficiaries', code: p.code, ...(p.params ? { params: p.params } : {}) });
    }
  }
  for (const k of ['challenges', 'lessons', 'nextPlan'] as const) if (k in content) textProblem(problems, k, content[k]);
  return problems;
}

export type NarrativeReportCompletenessProblem = NarrativeReportProblem & { section: NarrativeReportSection };
export type NarrativeReportCompleteness = {
  /** Nothing missing: the report may be submitted (as far as its content goes). */
  complete: boolean;
  problems: NarrativeReportCompletenessProblem[];
  /** The problems of each section (every section present, empty when complete). */
  bySection: Record<NarrativeReportSection, NarrativeReportCompletenessProblem[]>;
};

export type NarrativeCompletenessOptions = {
  /** A final report has no plan for a next period. */
  kind?: NarrativeReportKind;
  /** The cumulative values of the previous accepted report, by indicator key (a cumulative figure never drops). */
  previousCumulative?: Readonly<Record<string, string | number | null | undefined>>;
};

/**
 * What still stands between the report and its submission, section by section: the shape problems first
 * (narrativeReportContentProblems), then a general summary; a summary for each result of the logframe; for each
 * activity a status and, once it has started (status 2–4), what was done; for each indicator a period value and
 * a cumulative value that read as numbers, are not negative and — cumulative — not below the previous report's;
 * a beneficiary table whose breakdowns add up to the total; challenges and lessons; and, for an interim report,
 * the plan for the next period.
 */
export function narrativeReportCompleteness(content: unknown, logframe: GrantLogframe | null | undefined, opts: NarrativeCompletenessOptions = {}): NarrativeReportCompleteness {
  const problems: NarrativeReportProblem[] = [...narrativeReportContentProblems(content, logframe)];
  if (isPlainObject(content)) {
    const c = content as Partial<Record<NarrativeReportContentKey, unknown>>;
    const keys = narrativeLogframeKeys(logframe);
    const entry = (part: unknown, key: string): Record<string, unknown> => (isPlainObject(part) && isPlainObject(part[key]) ? part[key] : {});
    if (!hasText(isPlainObject(c.general) ? c.general.summary : undefined)) problems.push({ field: 'general.summary', code: 'required' });
    for (const k of keys.results) if (!hasText(entry(c.results, k).summary)) problems.push({ field: `results.${k}.summary`, code: 'required' });
    for (const k of keys.activities) {
      const a = entry(c.activities, k);
      if (a.status === null || a.status === undefined) problems.push({ field: `activities.${k}.status`, code: 'required' });
      else if (isActivityStatus(a.status) && a.status !== 1 && !hasText(a.done)) problems.push({ field: `activities.${k}.done`, code: 'required' });
    }
    for (const k of keys.indicators) {
      const ind = entry(c.indicators, k);
      const parsed: Record<string, number | null> = {};
      for (const f of ['periodValue', 'cumulativeValue'] as const) {
        const v = ind[f];
        parsed[f] = null;
        if (v !== null && v !== undefined && typeof v !== 'string') continue; // a shape problem already
        const p = parseIndicatorValue(v as string | null | undefined);
        if (!p.ok) problems.push({ field: `indicators.${k}.${f}`, code: p.code });
        else if (p.scaled < 0) problems.push({ field: `indicators.${k}.${f}`, code: 'negative' });
        else parsed[f] = p.scaled;
      }
      const prev = opts.previousCumulative?.[k];
      const prevParsed = prev === null || prev === undefined ? null : parseIndicatorValue(prev);
      if (parsed.cumulativeValue !== null && prevParsed?.ok && parsed.cumulativeValue < prevParsed.scaled)
        problems.push({ field: `indicators.${k}.cumulativeValue`, code: 'below_previous', params: { previous: String(prev) } });
    }
    if (isPlainObject(c.beneficiaries)) {
      for (const p of beneficiaryCountProblems(c.beneficiaries))
        if (p.code === 'sum_mismatch') problems.push({ field: `beneficiaries.${p.field}`, code: p.code, ...(p.params ? { params: p.params } : {}) });
    }
    const required: NarrativeReportContentKey[] = opts.kind === 'final' ? ['challenges', 'lessons'] : ['challenges', 'lessons', 'nextPlan'];
    for (const k of required) if (k in c && typeof c[k] === 'string' && !hasText(c[k])) problems.push({ field: k, code: 'required' });
  }
  const withSection = problems.map((p) => ({ ...p, section: narrativeFieldSection(p.field) }));
  const bySection = {} as Record<NarrativeReportSection, NarrativeReportCompletenessProblem[]>;
  for (const s of ['general', 'results', 'indicators', 'beneficiaries', 'challenges', 'lessons', 'next_plan', 'financial'] as const) bySection[s] = [];
  for (const p of withSection) bySection[p.section].push(p);
  return { complete: withSection.length === 0, problems: withSection, bySection };
}

/**
 * Every free-text field of the report by its field path (for the personal-data scan, `scanFields`): the general
 * summary, each result's summary, each activity's `done` and `deviations`, each indicator's comment, the
 * challenges, lessons and plan. Texts that are not strings are left out; works on a half-written draft.
 */
export function narrativeReportFreeText(content: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(content)) return out;
  const put = (field: string, v: unknown) => {
    if (typeof v === 'string') out[field] = v;
  };
  if (isPlainObject(content.general)) put('general.summary', content.general.summary);
  const each = (part: string, fields: readonly string[]) => {
    const v = content[part];
    if (!isPlainObject(v)) return;
    for (const [key, entry] of Object.entries(v)) if (isPlainObject(entry)) for (const f of fields) put(`${part}.${key}.${f}`, entry[f]);
  };
  each('results', ['summary']);
  each('activities', ['done', 'deviations']);
  each('indicators', ['comment']);
  for (const k of ['challenges', 'lessons', 'nextPlan']) put(k, content[k]);
  return out;
}

export type NarrativeReportChange = { field: string; section: NarrativeReportSection; before: unknown; after: unknown };

/** The leaves of the content by field path (a list — evidence files — is one leaf). */
function leaves(content: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, at: string, depth: number) => {
    // results/activities/indicators: their keys hold dots, so a path is `<part>.<key>.<field>`, walked as such
    if (isPlainObject(v) && depth < 4) {
      for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k, depth + 1);
    } else out.set(at, v);
  };
  if (!isPlainObject(content)) return out;
  for (const [k, v] of Object.entries(content)) {
    if (k === 'beneficiaries' && isPlainObject(v)) {
      out.set('beneficiaries.total', v.total);
      for (const b of BENEFICIARY_BREAKDOWNS) {
        const cells = v[b];
        if (isPlainObject(cells)) for (const [ck, cv] of Object.entries(cells)) out.set(`beneficiaries.${b}.${ck}`, cv);
      }
    } else if ((k === 'results' || k === 'activities' || k === 'indicators') && isPlainObject(v)) {
      for (const [key, entry] of Object.entries(v)) {
        if (isPlainObject(entry)) for (const [f, x] of Object.entries(entry)) out.set(`${k}.${key}.${f}`, x);
        else out.set(`${k}.${key}`, entry);
      }
    } else walk(v, k, 1);
  }
  return out;
}

/** A missing beneficiary cell is 0; a missing text is blank; so leaving a cell out is not a change. */
function normalisedLeaf(field: string, v: unknown): unknown {
  if (v === undefined) return field.startsWith('beneficiaries.') ? 0 : field.endsWith('evidenceFileIds') ? [] : field.endsWith('Value') || field.endsWith('.status') ? null : '';
  return v;
}

/**
 * What changed from version `a` to version `b` of a report, field by field (paths as above), with the value
 * before and after, in a stable order (by field path). A beneficiary cell left out counts 0 and a text left out
 * is blank, so only real changes are listed. For anyone but the organisation, pass the changes through
 * suppressNarrativeReportChanges.
 */
export function compareNarrativeReportVersions(a: unknown, b: unknown): NarrativeReportChange[] {
  const la = leaves(a);
  const lb = leaves(b);
  const fields = [...new Set([...la.keys(), ...lb.keys()])].sort();
  const out: NarrativeReportChange[] = [];
  for (const field of fields) {
    const before = normalisedLeaf(field, la.get(field));
    const after = normalisedLeaf(field, lb.get(field));
    if (canonicalJson(before) !== canonicalJson(after)) out.push({ field, section: narrativeFieldSection(field), before, after });
  }
  return out;
}

function shownCell(table: ShownBeneficiaryTable, field: string): unknown {
  const [, b, key] = field.split('.');
  if (b === 'total') return table.total;
  const cells = (table as unknown as Record<string, Record<string, unknown>>)[b ?? ''];
  return cells?.[key ?? ''] ?? 0;
}

/**
 * The changes as anyone but the reporting organisation may see them: a beneficiary count before and after is
 * the one shown in that version's suppressed table (`suppressBeneficiaryTable`), never the raw count, and a
 * change that is not visible once suppressed ("<5" → "<5") is left out.
 */
export function suppressNarrativeReportChanges(changes: readonly NarrativeReportChange[], before: ShownBeneficiaryTable, after: ShownBeneficiaryTable): NarrativeReportChange[] {
  const out: NarrativeReportChange[] = [];
  for (const c of changes) {
    if (!c.field.startsWith('beneficiaries.')) {
      out.push(c);
      continue;
    }
    const b = shownCell(before, c.field);
    const a = shownCell(after, c.field);
    if (canonicalJson(b) !== canonicalJson(a)) out.push({ ...c, before: b, after: a });
  }
  return out;
}
