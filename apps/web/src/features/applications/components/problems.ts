import { formatEuroCents, type ApplicationContent, type Language, type LocalizedText } from '@grants/domain';
import type { TFunction } from 'i18next';

/** A share in basis points as the reader writes a percentage: "7.5%" in English, "7,5 %" in Albanian and Serbian. */
export function formatPercentBp(bp: number, lang: Language): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bp));
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  const sep = lang === 'en' ? '.' : ',';
  const number = `${sign}${whole}${frac ? `${sep}${frac}` : ''}`;
  return lang === 'en' ? `${number}%` : `${number} %`;
}

/** Params of a problem made readable: cents as euros, basis points and `capPct` as percentages, in the reader's language. */
export function readableParams(params: Record<string, string | number> | undefined, lang: Language): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'number' && /Cents$/.test(k)) out[k] = formatEuroCents(v, lang);
    else if (typeof v === 'number' && /Bp$/.test(k)) out[k] = formatPercentBp(v, lang);
    else if (typeof v === 'number' && k === 'capPct') out[k] = formatPercentBp(Math.round(v * 100), lang);
    else out[k] = v;
  }
  return out;
}

/** "logframe.specificObjectives.0.results.1.text" → "Specific objective 1 › Result 2 › Text" (call editor, and the fallback here). */
export function fieldLabel(t: TFunction, field: string): string {
  const parts = field.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i];
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`${t(`fieldNames.${p}`, { defaultValue: p })} ${Number(next) + 1}`);
      i += 1;
    } else {
      out.push(t(`fieldNames.${p}`, { defaultValue: p }));
    }
  }
  return out.join(' › ');
}

const isIndex = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);
const join = (...parts: (string | undefined | null | false)[]) => parts.filter(Boolean).join(' › ');

const INDICATOR_FIELDS: Record<string, string> = {
  name: 'applications.completeness.labels.indicatorName',
  level: 'applications.logframe.level',
  unit: 'applications.logframe.unit',
  baseline: 'applications.logframe.baseline',
  target: 'applications.logframe.target',
  meansOfVerification: 'applications.logframe.meansOfVerification',
  frequency: 'applications.logframe.frequency',
};

const BUDGET_LINE_FIELDS: Record<string, string> = {
  heading: 'applications.budget.heading',
  description: 'applications.budget.description',
  unit: 'applications.budget.unit',
  quantity: 'applications.budget.quantity',
  unitCostCents: 'applications.budget.unitCost',
};

const SIMPLE_FIELDS: Record<string, string> = {
  'project.title': 'applications.project.title',
  'project.summary': 'applications.project.summary',
  'project.durationMonths': 'applications.project.duration',
  'project.startDate': 'applications.project.startDate',
  'project.municipalities': 'applications.project.municipalities',
  'project.targetGroups': 'applications.project.targetGroups',
  'project.beneficiariesByGroup': 'applications.project.beneficiaries',
  'logframe.overallObjective': 'applications.logframe.overallObjective',
  'logframe.specificObjectives': 'applications.completeness.labels.specificObjectives',
  budget: 'applications.sections.budget',
  'budget.lines': 'applications.budget.lines',
  'budget.indirectCostBp': 'applications.budget.indirect',
  'budget.coFinancingCents': 'applications.budget.coFinancing',
  'budget.requestedCents': 'applications.budget.requested',
  'capacity.experienceWithVoT': 'applications.capacity.experience',
  'capacity.staff': 'applications.capacity.staff',
  'capacity.licenceNumber': 'applications.capacity.licenceNumber',
  'declarations.truthful': 'fieldNames.truthful',
  'declarations.noDoubleFunding': 'fieldNames.noDoubleFunding',
  'declarations.dataProtection': 'fieldNames.dataProtection',
};

/**
 * The field a completeness path points at, named as the form names it ("Expected result 1.2 › Indicator 1 ›
 * Means of verification", "Line 3: Laptops › Unit cost", "Heading › Equipment and supplies"), never by the
 * internal names of the content. `content` gives the names the applicant typed (a group, an activity code, a
 * line's description); null when the path has an unknown shape.
 */
function applicationFieldLabel(t: TFunction, field: string, content?: ApplicationContent): string | null {
  const simple = SIMPLE_FIELDS[field];
  if (simple) return t(simple);
  const [section, ...p] = field.split('.');
  if (section === 'project') {
    if (p[0] === 'municipalities' && isIndex(p[1])) {
      return join(t('applications.project.municipalities'), content?.project?.municipalities?.[Number(p[1])] || t('applications.completeness.labels.nth', { n: Number(p[1]) + 1 }));
    }
    if (p[0] === 'beneficiariesByGroup' && isIndex(p[1])) {
      const group = content?.project?.beneficiariesByGroup?.[Number(p[1])]?.group;
      return join(t('applications.project.beneficiaries'), group || t('applications.completeness.labels.nth', { n: Number(p[1]) + 1 }));
    }
    return null;
  }
  if (section === 'logframe' && p[0] === 'specificObjectives' && isIndex(p[1])) {
    const i = Number(p[1]);
    const objective = t('applications.logframe.specificObjectiveN', { n: i + 1 });
    if (p.length === 3 && p[2] === 'text') return objective;
    if (p.length === 3 && p[2] === 'results') return join(objective, t('applications.completeness.labels.results'));
    if (p.length === 3 && p[2] === 'nsObjective') return join(objective, t('applications.logframe.nsObjective'));
    if (p[2] !== 'results' || !isIndex(p[3])) return null;
    const j = Number(p[3]);
    const result = t('applications.logframe.resultN', { n: `${i + 1}.${j + 1}` });
    const rest = p.slice(4);
    if (rest.length === 1 && rest[0] === 'text') return result;
    if (rest.length === 1 && rest[0] === 'indicators') return join(result, t('applications.logframe.indicators'));
    if (rest.length === 1 && rest[0] === 'activities') return join(result, t('applications.logframe.activities'));
    if (rest[0] === 'indicators' && isIndex(rest[1]) && rest.length === 3 && INDICATOR_FIELDS[rest[2]]) {
      return join(result, t('applications.logframe.indicatorN', { n: Number(rest[1]) + 1 }), t(INDICATOR_FIELDS[rest[2]]));
    }
    if (rest[0] === 'activities' && isIndex(rest[1]) && rest.length === 3) {
      const k = Number(rest[1]);
      const code = content?.logframe?.specificObjectives?.[i]?.results?.[j]?.activities?.[k]?.code?.trim();
      const activity = code ? t('applications.completeness.labels.activityCode', { code }) : t('applications.completeness.labels.activityN', { n: k + 1 });
      if (rest[2] === 'code') return join(result, activity, t('applications.logframe.activityCode'));
      if (rest[2] === 'text') return join(result, activity, t('applications.budget.description'));
    }
    return null;
  }
  if (section === 'workplan' && p.length > 0) {
    if (isIndex(p[0])) {
      const code = content?.workplan?.[Number(p[0])]?.activityCode;
      const row = code ? t('applications.completeness.labels.activityCode', { code }) : t('applications.completeness.labels.rowN', { n: Number(p[0]) + 1 });
      if (p.length === 2 && p[1] === 'activityCode') return row;
      if (p[1] === 'months') return join(row, t('applications.completeness.labels.months'));
      return null;
    }
    // an activity the work plan does not schedule: "workplan.<activity code>" (a code may hold dots)
    return t('applications.completeness.labels.activityCode', { code: p.join('.') });
  }
  if (section === 'budget') {
    if (p[0] === 'lines' && isIndex(p[1]) && p.length === 3 && BUDGET_LINE_FIELDS[p[2]]) {
      const i = Number(p[1]);
      const description = content?.budget?.lines?.[i]?.description?.trim();
      const line = description ? t('applications.budget.lineNamed', { n: i + 1, description }) : t('applications.budget.lineN', { n: i + 1 });
      return join(line, t(BUDGET_LINE_FIELDS[p[2]]));
    }
    if (p[0] === 'headings' && p.length === 2) {
      return join(t('applications.budget.heading'), t(`costHeadings.${p[1]}`, { defaultValue: t('applications.completeness.labels.otherHeading') }));
    }
    return null;
  }
  return null;
}

/**
 * The label of a completeness item. A missing attachment is named by the title the call gives it (in the
 * content language, through `pick`), not by its requirement id ("attachments.A1.2" read "Attachments › A1 2").
 */
export function completenessLabel(
  t: TFunction,
  item: { field: string; params?: Record<string, string | number> },
  requiredAttachments: readonly { id: string; title: LocalizedText }[],
  pick: (text: LocalizedText) => string,
  content?: ApplicationContent,
): string {
  if (item.field.startsWith('attachments.')) {
    const id = String(item.params?.requirementId ?? item.field.slice('attachments.'.length));
    const requirement = requiredAttachments.find((r) => r.id === id);
    const title = requirement ? pick(requirement.title) : '';
    if (title) return `${t('fieldNames.attachments')} › ${title}`;
    return fieldLabel(t, item.field);
  }
  return applicationFieldLabel(t, item.field, content) ?? fieldLabel(t, item.field);
}

/**
 * Problems whose application wording says more than the shared one (how much a cap allows and how much is
 * over it), with the params that wording needs; without them the shared wording is used.
 */
const DETAILED: Record<string, readonly string[]> = {
  heading_over_cap: ['capPct', 'allowedCents', 'overCents'],
  indirect_over_cap: ['capBp', 'allowedCents', 'overCents'],
  co_financing_below_min: ['minBp', 'minCents', 'shortCents'],
  above_max_grant: ['maxCents', 'overCents'],
  below_min_grant: ['minCents', 'shortCents'],
};

/** A problem as a sentence in the UI language. */
export function problemText(t: TFunction, code: string, params: Record<string, string | number> | undefined, lang: Language, field?: string): string {
  const values = readableParams(params, lang);
  if (field === 'capacity.licenceNumber' && code === 'required') return t('applications.completeness.problems.licence_not_in_profile');
  // a specific objective's National Strategy tag: why it is asked, which priorities it may take
  if (field?.endsWith('.nsObjective') && ['required', 'unknown_ns_code', 'outside_call_priorities'].includes(code)) {
    return t(`applications.completeness.problems.${code === 'required' ? 'ns_required' : code}`, values);
  }
  if (DETAILED[code]?.every((k) => params?.[k] !== undefined)) return t(`applications.completeness.problems.${code}`, values);
  return t(`problems.${code}`, { ...values, defaultValue: t('errors.unknown') });
}

/** The DOM id of the input (or line) a completeness path is about, so the panel can lead to it. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * The element a path is about, or the nearest one above it (a missing indicator's field → its card → the result),
 * in the page as rendered.
 */
export function elementFor(field: string, doc: Document = document): HTMLElement | null {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const el = doc.getElementById(fieldId(parts.slice(0, n).join('.')));
    if (el) return el;
  }
  return null;
}
