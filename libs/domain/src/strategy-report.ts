/**
 * The Secretariat's 6-month and annual reports on the National Strategy against Trafficking (seed 004 asks for
 * them): for a period, per Strategy objective (strategic → specific, in `compareNsCodes` order), the grants
 * contributing, the money of the period, indicator progress, beneficiaries (suppressed: never a raw count from 1
 * to 4), activities by status (1–4), the difficulties (visit ratings 2 and 3 with their reasons and corrective
 * actions, and the challenges the organisations reported: the seed's "difficulties, challenges, risks and how
 * they were addressed") and the lessons the organisations reported. Grants none of whose specific objectives is
 * tied to an objective get their own section, "not tied to an objective" (code null), last.
 *
 * A grant is counted where its logframe says: each specific objective counts under `specificObjectiveNsCode`
 * (its own tag, else the call's single priority objective). A grant serving two objectives is listed under
 * both, with its money and beneficiaries in each (the report's totals count it once); its indicators and
 * activities go only where their specific objective points. A strategic objective's section adds up everything
 * under it; its lists (indicators, difficulties, lessons) hold only what is tied to the strategic objective
 * itself, the rest being listed under the specific objectives, so nothing is written twice.
 *
 * The report's life: a draft (figures refreshed on demand, the Secretariat's narrative edited) → issued, frozen
 * with the SHA-256 of its canonical content (`strategyReportCanonical`). Pure.
 */
import { aggregateBeneficiaryTables, beneficiaryCountProblems, suppressBeneficiaryTable, type BeneficiaryTable, type ShownBeneficiaryTable } from './beneficiary-counts';
import { canonicalJson } from './canonical-json';
import { isSaneDate } from './dates';
import { elapsedShareBp, indicatorProgress, indicatorValueToString } from './indicator-progress';
import { compareNsCodes, isNsCode, nsLevel, nsSpecificOf, nsStrategicOf, nsWithin, specificObjectiveNsCode } from './national-strategy';

// ---------------------------------------------------------------------------------------------------------
// The life of a report

export const STRATEGY_REPORT_KINDS = ['six_month', 'annual'] as const;
export type StrategyReportKind = (typeof STRATEGY_REPORT_KINDS)[number];

export const STRATEGY_REPORT_STATUSES = ['draft', 'issued'] as const;
export type StrategyReportStatus = (typeof STRATEGY_REPORT_STATUSES)[number];

export const STRATEGY_REPORT_TRANSITIONS: Readonly<Record<StrategyReportStatus, readonly StrategyReportStatus[]>> = Object.freeze({
  // the Secretariat drafts, redrafts and edits, then issues
  draft: ['issued'],
  // issued is frozen with its hash: nothing changes any more
  issued: [],
});

export function isStrategyReportKind(value: unknown): value is StrategyReportKind {
  return typeof value === 'string' && (STRATEGY_REPORT_KINDS as readonly string[]).includes(value);
}

export function isStrategyReportStatus(value: unknown): value is StrategyReportStatus {
  return typeof value === 'string' && (STRATEGY_REPORT_STATUSES as readonly string[]).includes(value);
}

export function canTransitionStrategyReport(from: StrategyReportStatus, to: StrategyReportStatus): boolean {
  return STRATEGY_REPORT_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Only a draft's figures and narrative may change. */
export function isStrategyReportEditable(status: StrategyReportStatus): boolean {
  return status === 'draft';
}

// ---------------------------------------------------------------------------------------------------------
// Periods

/** The years of the National Strategy 2022–2026 and of its action plan, which the reports cover. */
export const STRATEGY_REPORT_YEARS = Object.freeze({ from: 2022, to: 2026 });

export type StrategyReportPeriod = { kind: StrategyReportKind; year: number; half: 1 | 2 | null; start: string; end: string };
export type StrategyReportProblem = { field: string; code: string; params?: Record<string, string | number> };

/**
 * The period of a report: a 6-month report covers 1 January–30 June (half 1) or 1 July–31 December (half 2), an
 * annual report the calendar year (no half). Throws RangeError for anything else; `strategyReportPeriodProblems`
 * says what is wrong first.
 */
export function strategyReportPeriod(kind: StrategyReportKind, year: number, half: 1 | 2 | null = null): StrategyReportPeriod {
  const problems = strategyReportPeriodProblems({ kind, year, half });
  if (problems.length) throw new RangeError(`not a strategy report period: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  const y = String(year);
  if (kind === 'annual') return { kind, year, half: null, start: `${y}-01-01`, end: `${y}-12-31` };
  return half === 1 ? { kind, year, half, start: `${y}-01-01`, end: `${y}-06-30` } : { kind, year, half: 2, start: `${y}-07-01`, end: `${y}-12-31` };
}

/**
 * What is wrong with a requested period (fields `kind`, `year`, `half`): the kind known, the year one of the
 * Strategy's, the half 1 or 2 for a 6-month report and none for an annual one, and — given `today` (Kosovo's
 * calendar date) — a period that has begun (nothing can be reported on a period still to come).
 */
export function strategyReportPeriodProblems(p: { kind: unknown; year: unknown; half?: unknown }, today?: string): StrategyReportProblem[] {
  const out: StrategyReportProblem[] = [];
  if (!isStrategyReportKind(p.kind)) out.push({ field: 'kind', code: 'invalid' });
  const yearOk = typeof p.year === 'number' && Number.isInteger(p.year) && p.year >= STRATEGY_REPORT_YEARS.from && p.year <= STRATEGY_REPORT_YEARS.to;
  if (!yearOk) out.push({ field: 'year', code: 'outside_strategy', params: { from: STRATEGY_REPORT_YEARS.from, to: STRATEGY_REPORT_YEARS.to } });
  const half = p.half ?? null;
  if (p.kind === 'six_month' && half !== 1 && half !== 2) out.push({ field: 'half', code: 'required' });
  if (p.kind === 'annual' && half !== null) out.push({ field: 'half', code: 'not_for_annual' });
  if (!out.length && today !== undefined) {
    const start = p.kind === 'annual' || half === 1 ? `${p.year}-01-01` : `${p.year}-07-01`;
    if (isSaneDate(today) && today < start) out.push({ field: 'year', code: 'period_not_started', params: { start } });
  }
  return out;
}

/** Whether start–end is the period of a report of this kind (what the database's check says too). */
export function isStrategyReportPeriod(kind: StrategyReportKind, start: string, end: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) return false;
  const year = Number(m[1]);
  const half = start.endsWith('-07-01') ? 2 : 1;
  try {
    const p = strategyReportPeriod(kind, year, kind === 'annual' ? null : half);
    return p.start === start && p.end === end;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Drafting: rows in, figures out

type LogframeForReport = {
  specificObjectives?: readonly {
    nsObjective?: string | null;
    results?: readonly { indicators?: readonly { name?: string; unit?: string; baseline?: string; target?: string }[]; activities?: readonly { code?: string }[] }[];
  }[] | null;
} | null | undefined;

/** A grant active in the period, with its money of the period (integer cents). */
export type StrategyGrantRow = {
  grantId: string;
  agreementNumber: string;
  organizationName: string;
  callReference: string;
  startDate: string;
  endDate: string;
  logframe: LogframeForReport;
  /** The Strategy codes of the call's priorities. */
  callPriorityObjectives: readonly string[];
  /** The grant's amount (contracted). */
  amountCents: number;
  /** Tranches paid in the period. */
  paidCents: number;
  /** Spent, as reported by the expenditure reports of the period handed in (submitted or accepted). */
  reportedCents: number;
  /** Of which accepted by the Secretariat. */
  acceptedCents: number;
};

/** An indicator value of a narrative report of the period (scaled, `INDICATOR_VALUE_SCALE` per 1). */
export type StrategyIndicatorRow = { grantId: string; reportPeriodEnd: string; indicatorKey: string; periodValue: number | null; cumulativeValue: number | null };
export type StrategyBeneficiaryRow = { grantId: string; reportId: string; table: BeneficiaryTable };
/** An activity's status (1–4, or not said) on a narrative report of the period. */
export type StrategyActivityRow = { grantId: string; reportPeriodEnd: string; activityKey: string; status: number | null };
/** A visit report rated 2 or 3 (its reasons and corrective actions), or a challenge an organisation reported. */
export type StrategyDifficultyRow =
  | { grantId: string; source: 'visit'; date: string; rating: 2 | 3; reasons: string; correctiveActions: string }
  | { grantId: string; source: 'report'; date: string; text: string };
export type StrategyLessonRow = { grantId: string; date: string; text: string };

export type StrategyDraftInput = {
  kind: StrategyReportKind;
  periodStart: string;
  periodEnd: string;
  grants: readonly StrategyGrantRow[];
  indicators: readonly StrategyIndicatorRow[];
  beneficiaries: readonly StrategyBeneficiaryRow[];
  activities: readonly StrategyActivityRow[];
  difficulties: readonly StrategyDifficultyRow[];
  lessons: readonly StrategyLessonRow[];
};

export type StrategyMoney = { amountCents: number; paidCents: number; reportedCents: number; acceptedCents: number };
export type StrategyGrantRef = { grantId: string; agreementNumber: string; organizationName: string; callReference: string; codes: string[] };
export type StrategyIndicatorFigure = {
  grantId: string;
  agreementNumber: string;
  indicatorKey: string;
  name: string;
  unit: string;
  code: string | null;
  baseline: string | null;
  target: string | null;
  /** The sum of the period's reported values (plain decimal strings, `.` as the mark; screens format them). */
  periodValue: string | null;
  /** The latest cumulative value of the period. */
  cumulativeValue: string | null;
  progressBp: number | null;
  achieved: boolean;
  behind: boolean;
};
export type StrategyActivityCounts = { notStarted: number; ongoing: number; started: number; completed: number; notSaid: number };
export type StrategyDifficulty = {
  grantId: string;
  agreementNumber: string;
  organizationName: string;
  source: 'visit' | 'report';
  date: string;
  rating: 2 | 3 | null;
  /** The visit's reasons for the rating, or the challenge the organisation reported. */
  text: string;
  /** How it was addressed: the visit's corrective actions (null for a reported challenge). */
  correctiveActions: string | null;
};
export type StrategyLesson = { grantId: string; agreementNumber: string; organizationName: string; date: string; text: string };

export type StrategySection = {
  /** The objective (III, III.2), or null: grants not tied to an objective. */
  code: string | null;
  level: 'strategic' | 'specific' | 'none';
  grants: StrategyGrantRef[];
  money: StrategyMoney;
  indicatorSummary: { count: number; achieved: number; behind: number };
  /** Only those tied to this code itself (a strategic section leaves its specific objectives' to them). */
  indicators: StrategyIndicatorFigure[];
  /** Suppressed (libs/domain suppressBeneficiaryTable); null when no report of the period gave a table. */
  beneficiaries: ShownBeneficiaryTable | null;
  activities: StrategyActivityCounts;
  difficulties: StrategyDifficulty[];
  lessons: StrategyLesson[];
};

export type StrategyReportFigures = {
  kind: StrategyReportKind;
  periodStart: string;
  periodEnd: string;
  totals: { grants: number; money: StrategyMoney; beneficiaries: ShownBeneficiaryTable | null; activities: StrategyActivityCounts; difficulties: number; lessons: number };
  sections: StrategySection[];
};

const NO_MONEY = (): StrategyMoney => ({ amountCents: 0, paidCents: 0, reportedCents: 0, acceptedCents: 0 });
const NO_ACTIVITIES = (): StrategyActivityCounts => ({ notStarted: 0, ongoing: 0, started: 0, completed: 0, notSaid: 0 });
const ACTIVITY_FIELD: Record<number, keyof StrategyActivityCounts> = { 1: 'notStarted', 2: 'ongoing', 3: 'started', 4: 'completed' };

function addMoney(into: StrategyMoney, g: StrategyGrantRow): void {
  for (const [k, v] of [['amountCents', g.amountCents], ['paidCents', g.paidCents], ['reportedCents', g.reportedCents], ['acceptedCents', g.acceptedCents]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} of grant ${g.grantId} must be whole cents, 0 or more`);
    const s = into[k] + v;
    if (!Number.isSafeInteger(s)) throw new RangeError('money beyond the safe integer range');
    into[k] = s;
  }
}

/** Where a logframe key (indicator `so.1.result.2.indicator.3`, activity `activity.A1.1` or `so.1.result.1.activity.2`) sits: its specific objective's index (0-based). */
export function logframeKeySpecificObjectiveIndex(logframe: LogframeForReport, key: string): number | null {
  const m = /^so\.(\d+)\./.exec(key);
  if (m) return Number(m[1]) - 1;
  const code = /^activity\.(.+)$/.exec(key)?.[1];
  if (code === undefined) return null;
  const sos = logframe?.specificObjectives ?? [];
  for (let i = 0; i < sos.length; i++) if ((sos[i].results ?? []).some((r) => (r.activities ?? []).some((a) => a.code === code))) return i;
  return null;
}

/** Every Strategy code a grant's logframe serves, and whether some specific objective (or a logframe with none) is tied to none. */
export function grantNsCodes(logframe: LogframeForReport, callPriorityObjectives: readonly string[]): { codes: string[]; untied: boolean } {
  const sos = logframe?.specificObjectives ?? [];
  const codes = new Set<string>();
  let untied = sos.length === 0;
  if (sos.length === 0) {
    const c = specificObjectiveNsCode(null, 0, callPriorityObjectives);
    if (c) { codes.add(c); untied = false; }
  }
  sos.forEach((_, i) => {
    const c = specificObjectiveNsCode(logframe, i, callPriorityObjectives);
    if (c) codes.add(c);
    else untied = true;
  });
  return { codes: [...codes].sort(compareNsCodes), untied };
}

/** The section a code is listed under: a specific objective's (III.2 for III.2 and III.2.4), or the strategic objective's for a bare strategic code. */
const listedUnder = (code: string): string => (nsLevel(code) === 'strategic' ? code : nsSpecificOf(code)!);

const sectionOrder = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareNsCodes(a, b));
const byDateThenGrant = <T extends { date: string; agreementNumber: string }>(a: T, b: T) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.agreementNumber < b.agreementNumber ? -1 : a.agreementNumber > b.agreementNumber ? 1 : 0;

/**
 * The report's figures from the period's rows. Rows of grants not in `grants` are ignored; beneficiary tables
 * that do not add up are left out rather than guessed at. The same rows always give the same figures (every
 * list sorted), so the hash of an issued report can be recomputed.
 */
export function draftStrategyReport(input: StrategyDraftInput): StrategyReportFigures {
  const grants = [...input.grants].sort((a, b) => (a.agreementNumber < b.agreementNumber ? -1 : a.agreementNumber > b.agreementNumber ? 1 : a.grantId < b.grantId ? -1 : 1));
  const byId = new Map(grants.map((g) => [g.grantId, g]));

  // the sections each grant is in, and where each grant's own codes are listed
  type Acc = {
    grants: Map<string, StrategyGrantRef>;
    money: StrategyMoney;
    tables: Map<string, BeneficiaryTable>;
    indicators: StrategyIndicatorFigure[];
    allIndicators: StrategyIndicatorFigure[];
    activities: StrategyActivityCounts;
    difficulties: StrategyDifficulty[];
    lessons: StrategyLesson[];
  };
  const sections = new Map<string | null, Acc>();
  const acc = (code: string | null): Acc => {
    let a = sections.get(code);
    if (!a) {
      a = { grants: new Map(), money: NO_MONEY(), tables: new Map(), indicators: [], allIndicators: [], activities: NO_ACTIVITIES(), difficulties: [], lessons: [] };
      sections.set(code, a);
    }
    return a;
  };
  /** For each grant: the section keys it counts in (strategic, specific, none) and the keys its grant-wide lists go to. */
  const inSections = new Map<string, { all: (string | null)[]; listed: (string | null)[] }>();
  const totalMoney = NO_MONEY();
  for (const g of grants) {
    const { codes, untied } = grantNsCodes(g.logframe, g.callPriorityObjectives);
    const all = new Set<string | null>();
    const listed = new Set<string | null>();
    for (const c of codes) {
      all.add(nsStrategicOf(c));
      all.add(listedUnder(c));
      listed.add(listedUnder(c));
    }
    if (untied || codes.length === 0) {
      all.add(null);
      listed.add(null);
    }
    const keys = { all: [...all].sort(sectionOrder), listed: [...listed].sort(sectionOrder) };
    inSections.set(g.grantId, keys);
    for (const k of keys.all) {
      const a = acc(k);
      a.grants.set(g.grantId, {
        grantId: g.grantId, agreementNumber: g.agreementNumber, organizationName: g.organizationName, callReference: g.callReference,
        codes: k === null ? [] : codes.filter((c) => nsWithin(c, k)),
      });
      addMoney(a.money, g);
    }
    addMoney(totalMoney, g);
  }

  // where a logframe key's figures go: its specific objective's code (strategic + listed section), else "not tied"
  const keyCode = (g: StrategyGrantRow, key: string): string | null => {
    const i = logframeKeySpecificObjectiveIndex(g.logframe, key);
    return i === null ? null : specificObjectiveNsCode(g.logframe, i, g.callPriorityObjectives);
  };
  const keySections = (code: string | null): { all: (string | null)[]; listed: string | null } =>
    code === null ? { all: [null], listed: null } : { all: [...new Set([nsStrategicOf(code), listedUnder(code)])], listed: listedUnder(code) };

  // indicators: per grant and indicator, the period's values added up and the latest cumulative value
  const indicatorRows = new Map<string, StrategyIndicatorRow[]>();
  for (const r of input.indicators) {
    if (!byId.has(r.grantId)) continue;
    const k = `${r.grantId}\u0000${r.indicatorKey}`;
    const list = indicatorRows.get(k);
    if (list) list.push(r);
    else indicatorRows.set(k, [r]);
  }
  const indicatorsOut: StrategyIndicatorFigure[] = [];
  for (const rows of indicatorRows.values()) {
    const g = byId.get(rows[0].grantId)!;
    const key = rows[0].indicatorKey;
    const def = indicatorDefinition(g.logframe, key);
    if (!def) continue;
    rows.sort((a, b) => (a.reportPeriodEnd < b.reportPeriodEnd ? -1 : a.reportPeriodEnd > b.reportPeriodEnd ? 1 : 0));
    const periodValues = rows.map((r) => r.periodValue).filter((v): v is number => v !== null);
    const period = periodValues.length ? periodValues.reduce((s, v) => s + v, 0) : null;
    const cumulative = [...rows].reverse().find((r) => r.cumulativeValue !== null)?.cumulativeValue ?? null;
    const asOf = input.periodEnd < g.endDate ? input.periodEnd : g.endDate;
    const elapsed = isSaneDate(g.startDate) && isSaneDate(g.endDate) && g.endDate >= g.startDate ? elapsedShareBp(g, asOf) : 10_000;
    const p = indicatorProgress(
      { baseline: def.baseline ?? '', target: def.target ?? '' },
      { periodValue: period === null ? null : indicatorValueToString(period), cumulativeValue: cumulative === null ? null : indicatorValueToString(cumulative) },
      elapsed,
    );
    const code = keyCode(g, key);
    indicatorsOut.push({
      grantId: g.grantId, agreementNumber: g.agreementNumber, indicatorKey: key, name: def.name ?? '', unit: def.unit ?? '', code,
      baseline: p.baseline === null ? null : indicatorValueToString(p.baseline), target: p.target === null ? null : indicatorValueToString(p.target),
      periodValue: period === null ? null : indicatorValueToString(period), cumulativeValue: cumulative === null ? null : indicatorValueToString(cumulative),
      progressBp: p.progressBp, achieved: p.achieved, behind: p.behind,
    });
  }
  indicatorsOut.sort((a, b) => (a.agreementNumber < b.agreementNumber ? -1 : a.agreementNumber > b.agreementNumber ? 1 : compareKeys(a.indicatorKey, b.indicatorKey)));
  for (const f of indicatorsOut) {
    const s = keySections(f.code);
    for (const k of s.all) acc(k).allIndicators.push(f);
    acc(s.listed).indicators.push(f);
  }

  // activities: the latest status each activity was given in the period
  const latestActivity = new Map<string, StrategyActivityRow>();
  for (const r of input.activities) {
    const g = byId.get(r.grantId);
    if (!g || logframeKeySpecificObjectiveIndex(g.logframe, r.activityKey) === null) continue;
    const k = `${r.grantId}\u0000${r.activityKey}`;
    const had = latestActivity.get(k);
    if (!had || had.reportPeriodEnd <= r.reportPeriodEnd) latestActivity.set(k, r);
  }
  const totalActivities = NO_ACTIVITIES();
  for (const r of latestActivity.values()) {
    const field = (r.status !== null && ACTIVITY_FIELD[r.status]) || 'notSaid';
    const g = byId.get(r.grantId)!;
    for (const k of keySections(keyCode(g, r.activityKey)).all) acc(k).activities[field] += 1;
    totalActivities[field] += 1;
  }

  // beneficiaries: each report's table once per section of its grant, then suppressed on the aggregate
  const allTables = new Map<string, BeneficiaryTable>();
  for (const b of input.beneficiaries) {
    const keys = inSections.get(b.grantId);
    if (!keys || beneficiaryCountProblems(b.table).length > 0) continue;
    allTables.set(b.reportId, b.table);
    for (const k of keys.all) acc(k).tables.set(b.reportId, b.table);
  }

  // difficulties and lessons: grant-wide, listed in every section the grant's own codes are listed under
  const ref = (g: StrategyGrantRow) => ({ grantId: g.grantId, agreementNumber: g.agreementNumber, organizationName: g.organizationName });
  let difficultyCount = 0;
  for (const d of input.difficulties) {
    const g = byId.get(d.grantId);
    if (!g) continue;
    const item: StrategyDifficulty = d.source === 'visit'
      ? { ...ref(g), source: 'visit', date: d.date, rating: d.rating, text: d.reasons.trim(), correctiveActions: d.correctiveActions.trim() }
      : { ...ref(g), source: 'report', date: d.date, rating: null, text: d.text.trim(), correctiveActions: null };
    if (!item.text && !item.correctiveActions) continue;
    difficultyCount += 1;
    for (const k of inSections.get(g.grantId)!.listed) acc(k).difficulties.push(item);
  }
  let lessonCount = 0;
  for (const l of input.lessons) {
    const g = byId.get(l.grantId);
    if (!g || !l.text.trim()) continue;
    lessonCount += 1;
    for (const k of inSections.get(g.grantId)!.listed) acc(k).lessons.push({ ...ref(g), date: l.date, text: l.text.trim() });
  }

  const shown = (tables: Iterable<BeneficiaryTable>) => {
    const list = [...tables];
    return list.length ? suppressBeneficiaryTable(aggregateBeneficiaryTables(list)) : null;
  };
  const out: StrategySection[] = [...sections.entries()].sort((a, b) => sectionOrder(a[0], b[0])).map(([code, a]) => ({
    code,
    level: code === null ? 'none' : nsLevel(code) === 'strategic' ? 'strategic' : 'specific',
    grants: [...a.grants.values()],
    money: a.money,
    indicatorSummary: { count: a.allIndicators.length, achieved: a.allIndicators.filter((f) => f.achieved).length, behind: a.allIndicators.filter((f) => f.behind).length },
    indicators: a.indicators,
    beneficiaries: shown([...a.tables.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, t]) => t)),
    activities: a.activities,
    difficulties: a.difficulties.sort(byDateThenGrant),
    lessons: a.lessons.sort(byDateThenGrant),
  }));
  return {
    kind: input.kind,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    totals: {
      grants: grants.length, money: totalMoney, beneficiaries: shown([...allTables.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, t]) => t)),
      activities: totalActivities, difficulties: difficultyCount, lessons: lessonCount,
    },
    sections: out,
  };
}

/** so.1.result.2.indicator.10 after so.1.result.2.indicator.9. */
function compareKeys(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

function indicatorDefinition(logframe: LogframeForReport, key: string) {
  const m = /^so\.(\d+)\.result\.(\d+)\.indicator\.(\d+)$/.exec(key);
  if (!m) return null;
  return logframe?.specificObjectives?.[Number(m[1]) - 1]?.results?.[Number(m[2]) - 1]?.indicators?.[Number(m[3]) - 1] ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// The Secretariat's narrative

/** The Secretariat's text: an introduction, a text per objective section (by code; `none` for the untied grants), conclusions. */
export type StrategyReportNarrative = { introduction: string; conclusions: string; objectives: Record<string, string> };
export const STRATEGY_NARRATIVE_MAX = 20_000;
export const STRATEGY_NARRATIVE_NONE_KEY = 'none';

export function emptyStrategyNarrative(): StrategyReportNarrative {
  return { introduction: '', conclusions: '', objectives: {} };
}

/** The narrative key of a section: its code, or `none`. */
export const strategySectionKey = (code: string | null): string => code ?? STRATEGY_NARRATIVE_NONE_KEY;

/**
 * What is wrong with a narrative as sent (fields `narrative.introduction`, `narrative.objectives.III.2`, …): texts
 * of at most STRATEGY_NARRATIVE_MAX characters, objective keys that are Strategy codes or `none`.
 */
export function strategyNarrativeProblems(n: unknown): StrategyReportProblem[] {
  const out: StrategyReportProblem[] = [];
  if (typeof n !== 'object' || n === null || Array.isArray(n)) return [{ field: 'narrative', code: 'not_object' }];
  const o = n as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['introduction', 'conclusions', 'objectives'].includes(k)) out.push({ field: `narrative.${k}`, code: 'unknown_key' });
  const text = (field: string, v: unknown) => {
    if (typeof v !== 'string') out.push({ field, code: 'not_text' });
    else if (v.length > STRATEGY_NARRATIVE_MAX) out.push({ field, code: 'too_long', params: { max: STRATEGY_NARRATIVE_MAX } });
  };
  text('narrative.introduction', o.introduction ?? '');
  text('narrative.conclusions', o.conclusions ?? '');
  const objectives = o.objectives ?? {};
  if (typeof objectives !== 'object' || objectives === null || Array.isArray(objectives)) out.push({ field: 'narrative.objectives', code: 'not_object' });
  else {
    for (const [k, v] of Object.entries(objectives)) {
      if (k !== STRATEGY_NARRATIVE_NONE_KEY && !isNsCode(k)) out.push({ field: `narrative.objectives.${k}`, code: 'unknown_objective' });
      else text(`narrative.objectives.${k}`, v);
    }
  }
  return out;
}

/** The narrative with blank objective texts left out (so a cleared field and one never written hash the same). */
export function normalizeStrategyNarrative(n: Partial<StrategyReportNarrative> | null | undefined): StrategyReportNarrative {
  const objectives: Record<string, string> = {};
  for (const [k, v] of Object.entries(n?.objectives ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) if (typeof v === 'string' && v.trim() !== '') objectives[k] = v;
  return { introduction: n?.introduction ?? '', conclusions: n?.conclusions ?? '', objectives };
}

// ---------------------------------------------------------------------------------------------------------
// Freezing

/** What an issued report's SHA-256 is computed over: its kind, period, figures and narrative, as canonical JSON. */
export function strategyReportCanonical(r: { kind: StrategyReportKind; periodStart: string; periodEnd: string; figures: StrategyReportFigures; narrative: StrategyReportNarrative }): string {
  return canonicalJson({ kind: r.kind, periodStart: r.periodStart, periodEnd: r.periodEnd, figures: r.figures, narrative: normalizeStrategyNarrative(r.narrative) });
}
