/**
 * Open data: the scheme's grants as IATI 2.03 activities (https://iatistandard.org/en/iati-standard/203/), so the
 * donor can publish them, and the same figures as one CSV row per grant.
 *
 * What goes out, and what never does:
 * - organisations by name (an organisation's name is not personal data); never a person's name, an e-mail, a
 *   phone number or an IBAN — the organisations' free texts (project title, objectives, results, indicators) are
 *   scanned (`scanPersonalData` + an IBAN pattern) and a text with a finding is replaced by a neutral one;
 * - indicator figures as numbers only, and a figure from 1 to 4 (above 0 and below 5) is never written: the value
 *   is left out and the comment says "less than 5" (the same rule as `suppressSmallCount` for beneficiary counts);
 * - money in EUR as decimal strings made from integer cents (never through a float).
 *
 * Codes chosen (IATI 2.03 codelists):
 * - sector, DAC 5 (vocabulary 1): 15160 "Human rights" (the CRS code for measures against trafficking in human
 *   beings and for victims' rights) and 15180 "Ending violence against women and girls" (which names trafficking and
 *   sexual exploitation), 50 % each: the scheme's services are for victims of trafficking of any sex, most of whom
 *   in Kosovo are women and girls. 16010 "Social protection" was considered and left out: it is about systems,
 *   not the victim-centred services funded here.
 * - activity-status: in force → 2 Implementation (3 Finalisation once its end date is past), suspended → 6
 *   Suspended, closed → 4 Closed, terminated → 5 Cancelled.
 * - transactions: 2 Outgoing Commitment (the contracted amount on the countersignature date; a later change of
 *   amount by an addendum is a further commitment of the difference), 3 Disbursement (each tranche paid, on its
 *   payment date), 1 Incoming Funds (money repaid on a recovery order, from the organisation).
 * - participating-org: 1 Funding (the donor), 3 Extending (the Secretariat), 4 Implementing (the organisation,
 *   type 22 National NGO); reporting-org type 21 International NGO (KMOP).
 * - default flow 10 ODA, finance 110 Standard grant, aid C01 Project-type interventions, tied status 5 Untied.
 * - budget: the grant's amount split over periods of at most one year (IATI's rule), in proportion to their days.
 */
import { addDays, daysBetween } from './dates';
import type { GrantStatus } from './grant-state';
import type { LocalizedText } from './grid';
import { INDICATOR_VALUE_SCALE, indicatorValueToString, parseIndicatorValue } from './indicator-progress';
import { splitCents } from './money';
import { specificObjectiveNsCode } from './national-strategy';
import { scanPersonalData } from './personal-data-scan';
import { SMALL_COUNT_THRESHOLD } from './suppress';

export const IATI_VERSION = '2.03';
/** Kosovo in IATI's country codelist (ISO 3166-1 user-assigned code, as the EU and the World Bank use it). */
export const IATI_RECIPIENT_COUNTRY = 'XK';
export const IATI_CURRENCY = 'EUR';
/**
 * The reporting organisation's identifier until the Secretariat has its own from org-id.guide: `XX` is no
 * registration agency, so the file is plainly not yet to be registered. Set `IATI_REPORTING_ORG_REF` to replace it.
 */
export const IATI_PLACEHOLDER_ORG_REF = 'XX-KMOP-PLACEHOLDER';
/** An IATI organisation identifier: an agency prefix (`XI-IATI`, `GB-COH`, `XM-DAC`…) and the organisation's code. */
export const IATI_ORG_REF = /^[A-Z]{2}(-[A-Za-z0-9_.]+)+$/;

export type IatiOrg = { ref: string | null; name: string; type: string };
export type IatiPublisher = { reporting: IatiOrg & { ref: string }; donor: IatiOrg };

export const DEFAULT_IATI_PUBLISHER: IatiPublisher = Object.freeze({
  reporting: { ref: IATI_PLACEHOLDER_ORG_REF, name: 'KMOP – Grant Scheme Secretariat', type: '21' },
  donor: { ref: 'XI-IATI-EC_NEAR', name: 'European Union', type: '15' },
});

export const IATI_SECTORS: readonly { code: string; percentage: number; name: string }[] = Object.freeze([
  { code: '15160', percentage: 50, name: 'Human rights' },
  { code: '15180', percentage: 50, name: 'Ending violence against women and girls' },
]);

/** The grant statuses published: signed by both sides or later (never a draft or an agreement awaiting signature). */
export const IATI_PUBLISHED_STATUSES = ['in_force', 'suspended', 'closed', 'terminated'] as const satisfies readonly GrantStatus[];
export type IatiPublishedStatus = (typeof IATI_PUBLISHED_STATUSES)[number];

/** One grant, as the repository reads it: ids and figures only, free texts as the organisation wrote them. */
export type IatiGrantInput = {
  agreementNumber: string;
  status: IatiPublishedStatus;
  projectTitle: string | null;
  callReference: string;
  callTitle: LocalizedText;
  callPriorityObjectives: readonly string[];
  organizationName: string;
  startDate: string;
  endDate: string;
  /** The day the agreement was countersigned (in force from then). */
  signedOn: string;
  /** The amount contracted at signature, in cents. */
  signedAmountCents: number;
  /** The amount now (after addenda), and the day it last changed when it differs from the signed one. */
  amountCents: number;
  amountChangedOn: string | null;
  closedOn: string | null;
  tranchesPaid: readonly { seq: number; paidOn: string; amountCents: number }[];
  recoveriesRepaid: readonly { receivedOn: string; amountCents: number }[];
  logframe: { overallObjective?: string | null; specificObjectives?: readonly IatiLogframeSo[] | null };
  /** Per indicator key (`so.1.result.2.indicator.3`), the cumulative value of the latest accepted report (scaled, see indicator-progress.ts). */
  actuals: Readonly<Record<string, { scaled: number; periodEnd: string }>>;
  /** ISO instant of the last change to anything published here. */
  lastUpdated: string;
};
type IatiLogframeSo = {
  text?: string | null;
  nsObjective?: string | null;
  results?: readonly { text?: string | null; indicators?: readonly { name?: string | null; unit?: string | null; level?: string; baseline?: string | number | null; target?: string | number | null }[] }[];
};

export type IatiNarrative = { lang: 'en' | 'sq' | 'sr' | null; text: string };
/** A figure as published: the number as a string, or withheld because it lies between 0 and 5. */
export type IatiFigure = { value: string } | { suppressed: true } | null;
export type IatiIndicator = { measure: '1' | '2'; ascending: boolean; title: string; baselineYear: number; baselineDate: string; baseline: IatiFigure; periodStart: string; periodEnd: string; target: IatiFigure; actual: IatiFigure };
export type IatiResult = { type: '1' | '2'; title: string; nsObjective: string | null; indicators: IatiIndicator[] };
export type IatiTransaction = { ref: string; type: '1' | '2' | '3'; date: string; cents: number; description: string; provider: IatiOrg; receiver: IatiOrg };
export type IatiBudget = { start: string; end: string; cents: number };
export type IatiActivity = {
  identifier: string;
  lastUpdated: string;
  title: IatiNarrative[];
  descriptions: { type: '1' | '2'; narratives: IatiNarrative[] }[];
  participating: (IatiOrg & { role: '1' | '3' | '4' })[];
  status: '2' | '3' | '4' | '5' | '6';
  dates: { type: '1' | '2' | '3' | '4'; date: string }[];
  budgets: IatiBudget[];
  transactions: IatiTransaction[];
  results: IatiResult[];
};

/** Cents as an IATI decimal: 123456 → "1234.56", -5 → "-0.05"; exact for any safe integer. */
export function centsToIatiDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a whole number, got ${cents}`);
  const a = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

const IBAN_LIKE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/;

// the verdicts of the texts seen last (the same logframe wording recurs over a call's grants); the answer never depends on it
const verdicts = new Map<string, boolean>();
const VERDICTS_KEPT = 20_000;

/** True when a free text may be published: nothing in it reads as a person's data or a bank account. */
export function isPublishableText(text: string): boolean {
  const known = verdicts.get(text);
  if (known !== undefined) return known;
  const ok = !IBAN_LIKE.test(text) && scanPersonalData(text).length === 0;
  if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
  verdicts.set(text, ok);
  return ok;
}

const publishable = (text: string | null | undefined, fallback: string): string => {
  const t = (text ?? '').trim();
  return t && isPublishableText(t) ? t : fallback;
};

/**
 * An indicator figure as it may be published: a number strictly between 0 and 5 (a count 1–4, or 0.5, 3.2…) is
 * withheld; text that is no number is left out. Values in the table are scaled (`INDICATOR_VALUE_SCALE`).
 */
export function iatiFigureOfScaled(scaled: number | null | undefined): IatiFigure {
  if (scaled === null || scaled === undefined || !Number.isSafeInteger(scaled)) return null;
  if (scaled > 0 && scaled < SMALL_COUNT_THRESHOLD * INDICATOR_VALUE_SCALE) return { suppressed: true };
  return { value: indicatorValueToString(scaled) };
}

export function iatiFigureOfTyped(value: string | number | null | undefined): IatiFigure {
  const p = parseIndicatorValue(value);
  return p.ok ? iatiFigureOfScaled(p.scaled) : null;
}

/** The same calendar day a year later, less one day (2026-03-01 → 2027-02-28; 2024-02-29 → 2025-02-28). */
function yearEnd(start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February with no 29 February next year rolls to 1 March: step back to the end of February
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  else next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/** The grant's amount over periods of at most a year from its start, split in proportion to their days; sums to the amount. */
export function iatiBudgets(startDate: string, endDate: string, amountCents: number): IatiBudget[] {
  if (daysBetween(startDate, endDate) < 0) throw new RangeError('endDate must not be before startDate');
  const periods: { start: string; end: string }[] = [];
  for (let s = startDate; daysBetween(s, endDate) >= 0; ) {
    const e = yearEnd(s) < endDate ? yearEnd(s) : endDate;
    periods.push({ start: s, end: e });
    s = addDays(e, 1);
  }
  const parts = splitCents(amountCents, periods.map((p) => daysBetween(p.start, p.end) + 1));
  return periods.map((p, i) => ({ ...p, cents: parts[i] }));
}

export function iatiActivityStatus(status: IatiPublishedStatus, endDate: string, today: string): IatiActivity['status'] {
  switch (status) {
    case 'in_force': return endDate < today ? '3' : '2';
    case 'suspended': return '6';
    case 'closed': return '4';
    case 'terminated': return '5';
  }
}

function descriptionOf(g: IatiGrantInput): IatiNarrative[] {
  const n = g.agreementNumber;
  const org = g.organizationName;
  return [
    { lang: 'en', text: `Grant ${n} of the sub-grant scheme against trafficking in human beings in Kosovo, under the call ${g.callReference} “${g.callTitle.en}”, to ${org}: rehabilitation and reintegration services for victims of trafficking.` },
    { lang: 'sq', text: `Granti ${n} i skemës së nëngranteve kundër trafikimit me qenie njerëzore në Kosovë, në kuadër të thirrjes ${g.callReference} “${g.callTitle.sq}”, për ${org}: shërbime rehabilitimi dhe riintegrimi për viktimat e trafikimit.` },
    { lang: 'sr', text: `Grant ${n} šeme podgrantova protiv trgovine ljudima na Kosovu, u okviru poziva ${g.callReference} „${g.callTitle.sr}”, za ${org}: usluge rehabilitacije i reintegracije za žrtve trgovine ljudima.` },
  ];
}

function resultsOf(g: IatiGrantInput): IatiResult[] {
  const out: IatiResult[] = [];
  const baselineYear = Number(g.startDate.slice(0, 4));
  (g.logframe.specificObjectives ?? []).forEach((so, i) => {
    const ns = specificObjectiveNsCode(g.logframe, i, g.callPriorityObjectives);
    (so.results ?? []).forEach((r, j) => {
      const indicators: IatiIndicator[] = (r.indicators ?? []).map((ind, k) => {
        const key = `so.${i + 1}.result.${j + 1}.indicator.${k + 1}`;
        const actual = g.actuals[key];
        const from = parseIndicatorValue(ind.baseline ?? null);
        const to = parseIndicatorValue(ind.target ?? null);
        return {
          ascending: !(from.ok && to.ok && to.scaled < from.scaled),
          measure: /%/.test(`${ind.unit ?? ''}${ind.target ?? ''}`) ? '2' : '1',
          title: publishable(ind.name, `Indicator ${i + 1}.${j + 1}.${k + 1}`),
          baselineYear,
          baselineDate: g.startDate,
          baseline: iatiFigureOfTyped(ind.baseline ?? null),
          periodStart: g.startDate,
          periodEnd: actual && actual.periodEnd < g.endDate ? actual.periodEnd : g.endDate,
          target: iatiFigureOfTyped(ind.target ?? null),
          actual: actual ? iatiFigureOfScaled(actual.scaled) : null,
        };
      });
      // IATI wants at least one indicator per result: a result without one is not published
      if (indicators.length) out.push({ type: '1', title: publishable(r.text, `Result ${i + 1}.${j + 1}`), nsObjective: ns, indicators });
    });
  });
  return out;
}

/** One grant as an IATI activity (pure: the same grant, publisher and day give the same activity). */
export function iatiActivity(g: IatiGrantInput, publisher: IatiPublisher, today: string): IatiActivity {
  const reporting = publisher.reporting;
  const implementing: IatiOrg = { ref: null, name: g.organizationName, type: '22' };
  const dates: IatiActivity['dates'] = [{ type: '1', date: g.startDate }];
  if (g.startDate <= today) dates.push({ type: '2', date: g.startDate });
  dates.push({ type: '3', date: g.endDate });
  if (g.closedOn && g.closedOn <= today) dates.push({ type: '4', date: g.closedOn });

  const transactions: IatiTransaction[] = [
    { ref: `${g.agreementNumber}-C`, type: '2', date: g.signedOn, cents: g.signedAmountCents, description: 'Grant agreement signed: amount contracted', provider: reporting, receiver: implementing },
  ];
  if (g.amountCents !== g.signedAmountCents) {
    transactions.push({ ref: `${g.agreementNumber}-C2`, type: '2', date: g.amountChangedOn ?? g.signedOn, cents: g.amountCents - g.signedAmountCents, description: 'Addendum: change of the amount contracted', provider: reporting, receiver: implementing });
  }
  for (const t of [...g.tranchesPaid].sort((a, b) => a.seq - b.seq)) {
    transactions.push({ ref: `${g.agreementNumber}-T${t.seq}`, type: '3', date: t.paidOn, cents: t.amountCents, description: `Tranche ${t.seq} paid`, provider: reporting, receiver: implementing });
  }
  [...g.recoveriesRepaid].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0)).forEach((r, i) => {
    transactions.push({ ref: `${g.agreementNumber}-R${i + 1}`, type: '1', date: r.receivedOn, cents: r.amountCents, description: 'Repayment on a recovery order', provider: implementing, receiver: reporting });
  });

  const objective = (g.logframe.overallObjective ?? '').trim();
  const descriptions: IatiActivity['descriptions'] = [{ type: '1', narratives: descriptionOf(g) }];
  if (objective && isPublishableText(objective)) descriptions.push({ type: '2', narratives: [{ lang: null, text: objective }] });

  const title = publishable(g.projectTitle, `Grant ${g.agreementNumber}`);
  return {
    identifier: `${reporting.ref}-${g.agreementNumber}`,
    lastUpdated: g.lastUpdated,
    // a project's name is the same in every language: the organisation's own words, once per language
    title: [{ lang: 'en', text: title }, { lang: 'sq', text: title }, { lang: 'sr', text: title }],
    descriptions,
    participating: [{ ...publisher.donor, role: '1' }, { ...reporting, role: '3' }, { ...implementing, role: '4' }],
    status: iatiActivityStatus(g.status, g.endDate, today),
    dates,
    budgets: iatiBudgets(g.startDate, g.endDate, g.amountCents),
    transactions,
    results: resultsOf(g),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// XML

// characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/FFFF)
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or an attribute value for XML: the five special characters escaped, characters XML cannot hold dropped. */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function xmlEscape(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const attrs = (a: Record<string, string | number | null | undefined>) =>
  Object.entries(a).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`).join('');
const narrative = (n: IatiNarrative) => `<narrative${n.lang ? attrs({ 'xml:lang': n.lang }) : ''}>${xmlEscape(n.text)}</narrative>`;
const orgNarrative = (o: IatiOrg) => narrative({ lang: null, text: o.name });
const money = (cents: number, valueDate: string) => `<value${attrs({ currency: IATI_CURRENCY, 'value-date': valueDate })}>${centsToIatiDecimal(cents)}</value>`;
const LESS_THAN_5: IatiNarrative[] = [{ lang: 'en', text: 'less than 5' }, { lang: 'sq', text: 'më pak se 5' }, { lang: 'sr', text: 'manje od 5' }];
const figure = (tag: 'baseline' | 'target' | 'actual', f: IatiFigure, extra: Record<string, string | number> = {}) => {
  if (f === null) return tag === 'baseline' ? `<baseline${attrs(extra)}/>` : '';
  if ('suppressed' in f) return `<${tag}${attrs(extra)}><comment>${LESS_THAN_5.map(narrative).join('')}</comment></${tag}>`;
  return `<${tag}${attrs({ ...extra, value: f.value })}/>`;
};

function activityXml(a: IatiActivity): string {
  const o: string[] = [];
  o.push(`<iati-activity${attrs({ 'last-updated-datetime': a.lastUpdated, 'xml:lang': 'en', 'default-currency': IATI_CURRENCY })}>`);
  o.push(`<iati-identifier>${xmlEscape(a.identifier)}</iati-identifier>`);
  const rep = a.participating.find((p) => p.role === '3')!;
  o.push(`<reporting-org${attrs({ ref: rep.ref, type: rep.type })}>${orgNarrative(rep)}</reporting-org>`);
  o.push(`<title>${a.title.map(narrative).join('')}</title>`);
  for (const d of a.descriptions) o.push(`<description${attrs({ type: d.type })}>${d.narratives.map(narrative).join('')}</description>`);
  for (const p of a.participating) o.push(`<participating-org${attrs({ ref: p.ref, type: p.type, role: p.role })}>${orgNarrative(p)}</participating-org>`);
  o.push(`<activity-status${attrs({ code: a.status })}/>`);
  for (const d of a.dates) o.push(`<activity-date${attrs({ type: d.type, 'iso-date': d.date })}/>`);
  o.push(`<recipient-country${attrs({ code: IATI_RECIPIENT_COUNTRY, percentage: 100 })}/>`);
  for (const s of IATI_SECTORS) o.push(`<sector${attrs({ vocabulary: '1', code: s.code, percentage: s.percentage })}>${narrative({ lang: 'en', text: s.name })}</sector>`);
  o.push(`<default-flow-type code="10"/><default-finance-type code="110"/><default-aid-type code="C01" vocabulary="1"/><default-tied-status code="5"/>`);
  for (const b of a.budgets) {
    o.push(`<budget type="1" status="2"><period-start${attrs({ 'iso-date': b.start })}/><period-end${attrs({ 'iso-date': b.end })}/>${money(b.cents, b.start)}</budget>`);
  }
  for (const t of a.transactions) {
    o.push(`<transaction${attrs({ ref: t.ref })}><transaction-type${attrs({ code: t.type })}/><transaction-date${attrs({ 'iso-date': t.date })}/>${money(t.cents, t.date)}`
      + `<description>${narrative({ lang: 'en', text: t.description })}</description>`
      + `<provider-org${attrs({ ref: t.provider.ref, type: t.provider.type })}>${orgNarrative(t.provider)}</provider-org>`
      + `<receiver-org${attrs({ ref: t.receiver.ref, type: t.receiver.type })}>${orgNarrative(t.receiver)}</receiver-org></transaction>`);
  }
  for (const r of a.results) {
    o.push(`<result${attrs({ type: r.type })}><title>${narrative({ lang: null, text: r.title })}</title>`);
    // the National Strategy objective the result serves, in the reporting organisation's own vocabulary (99)
    if (r.nsObjective) o.push(`<reference${attrs({ vocabulary: '99', code: r.nsObjective })}/>`);
    for (const i of r.indicators) {
      o.push(`<indicator${attrs({ measure: i.measure, ascending: String(i.ascending) })}><title>${narrative({ lang: null, text: i.title })}</title>`);
      o.push(figure('baseline', i.baseline, { year: i.baselineYear, 'iso-date': i.baselineDate }));
      if (i.target !== null || i.actual !== null) {
        o.push(`<period><period-start${attrs({ 'iso-date': i.periodStart })}/><period-end${attrs({ 'iso-date': i.periodEnd })}/>${figure('target', i.target)}${figure('actual', i.actual)}</period>`);
      }
      o.push('</indicator>');
    }
    o.push('</result>');
  }
  o.push('</iati-activity>');
  return o.join('\n');
}

/** The whole file. `generatedAt` is the last change among the activities, so the same data gives the same bytes. */
export function iatiActivitiesXml(activities: readonly IatiActivity[], generatedAt: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities${attrs({ version: IATI_VERSION, 'generated-datetime': generatedAt })}>\n`
    + activities.map(activityXml).join('\n') + '\n</iati-activities>\n';
}

// ---------------------------------------------------------------------------------------------------------------
// CSV: one row per grant, the same figures as the XML

export const IATI_CSV_COLUMNS = [
  'iati_identifier', 'agreement_number', 'title', 'organisation', 'call', 'status', 'activity_status', 'start_date', 'end_date',
  'committed_eur', 'disbursed_eur', 'recovered_eur', 'budget_eur', 'recipient_country', 'sectors', 'last_updated',
] as const;
export type IatiCsvRow = Record<(typeof IATI_CSV_COLUMNS)[number], string | number>;

const sumOf = (a: IatiActivity, type: IatiTransaction['type']) => a.transactions.filter((t) => t.type === type).reduce((s, t) => s + t.cents, 0);

export function iatiCsvRow(a: IatiActivity, g: Pick<IatiGrantInput, 'agreementNumber' | 'organizationName' | 'callReference' | 'status' | 'startDate' | 'endDate'>): IatiCsvRow {
  return {
    iati_identifier: a.identifier,
    agreement_number: g.agreementNumber,
    title: a.title[0].text,
    organisation: g.organizationName,
    call: g.callReference,
    status: g.status,
    activity_status: a.status,
    start_date: g.startDate,
    end_date: g.endDate,
    committed_eur: centsToIatiDecimal(sumOf(a, '2')),
    disbursed_eur: centsToIatiDecimal(sumOf(a, '3')),
    recovered_eur: centsToIatiDecimal(sumOf(a, '1')),
    budget_eur: centsToIatiDecimal(a.budgets.reduce((s, b) => s + b.cents, 0)),
    recipient_country: IATI_RECIPIENT_COUNTRY,
    sectors: IATI_SECTORS.map((s) => `${s.code}:${s.percentage}`).join(' '),
    last_updated: a.lastUpdated,
  };
}
