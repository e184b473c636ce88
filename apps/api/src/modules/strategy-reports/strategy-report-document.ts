import {
  BENEFICIARY_BREAKDOWN_KEYS, BENEFICIARY_BREAKDOWNS, formatEuroCents, municipalityName, nsTitle, normalizeStrategyNarrative, strategySectionKey,
  type ShownBeneficiaryCount, type ShownBeneficiaryTable, type StrategyReportFigures, type StrategyReportKind, type StrategyReportNarrative, type StrategySection,
} from '@grants/domain';
import { formatDateFor, formatDateTimeFor, formatNumberFor, inScript, type PdfReader } from '../../common/pdf';
import { STRATEGY_REPORT_TEXTS } from './strategy-report-texts';

/**
 * The report as a list of blocks in the reader's language and script — headings, paragraphs, tables with the
 * figures — which the DOCX and the PDF both render, so the two say the same. The portal's words, the objective
 * titles (libs/domain nsTitle), numbers, amounts and dates are the reader's (Cyrillic when chosen); what people
 * wrote (the Secretariat's narrative, the organisations' lessons, the monitors' reasons) stays as written.
 */
export type ReportBlock =
  | { t: 'title'; text: string }
  | { t: 'h1' | 'h2' | 'h3'; text: string }
  | { t: 'p'; text: string; style?: 'note' | 'draft' | 'mono' | 'label' }
  | { t: 'table'; head: string[]; rows: string[][]; widths?: number[] };

export type StrategyReportForExport = {
  kind: StrategyReportKind;
  periodStart: string;
  periodEnd: string;
  status: 'draft' | 'issued';
  figures: StrategyReportFigures;
  narrative: StrategyReportNarrative;
  draftedAt: Date | string;
  sha256: string | null;
  issuedAt: Date | string | null;
  issuedByName: string | null;
};

const fill = (text: string, params: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => params[k] ?? '');

export function strategyReportTitle(kind: StrategyReportKind, reader: PdfReader): string {
  return inScript(reader, STRATEGY_REPORT_TEXTS[reader.language][`title_${kind}`]);
}

export function strategyReportBlocks(r: StrategyReportForExport, reader: PdfReader): ReportBlock[] {
  const lang = reader.language;
  const W = (k: string) => inScript(reader, STRATEGY_REPORT_TEXTS[lang][k] ?? STRATEGY_REPORT_TEXTS.en[k] ?? k);
  const euro = (c: number) => formatEuroCents(c, lang);
  const num = (n: number) => formatNumberFor(reader, n, 0);
  const value = (v: string | null) => (v === null ? '—' : formatNumberFor(reader, Number(v), 3));
  const pct = (bp: number | null) => (bp === null ? '—' : `${formatNumberFor(reader, bp / 100, 1)} %`);
  const date = (d: string | Date) => formatDateFor(reader, d);
  const shown = (c: ShownBeneficiaryCount | undefined) => (c === undefined ? '0' : typeof c === 'number' ? num(c) : c.shown);
  const narrative = normalizeStrategyNarrative(r.narrative);
  const f = r.figures;
  const out: ReportBlock[] = [];

  out.push({ t: 'title', text: strategyReportTitle(r.kind, reader) });
  out.push({ t: 'p', style: 'label', text: `${W('period')}: ${date(r.periodStart)} – ${date(r.periodEnd)}` });
  if (r.status === 'issued' && r.issuedAt) out.push({ t: 'p', style: 'label', text: `${W('issued')}: ${formatDateTimeFor(reader, r.issuedAt)}${r.issuedByName ? ` — ${W('issuedBy')} ${r.issuedByName}` : ''}` });
  else out.push({ t: 'p', style: 'draft', text: W('draft') });
  out.push({ t: 'p', style: 'label', text: `${W('drafted')}: ${formatDateTimeFor(reader, r.draftedAt)}` });
  out.push({ t: 'p', style: 'label', text: `${W('hash')}: ${r.sha256 ?? W('noHash')}` });

  if (narrative.introduction.trim()) {
    out.push({ t: 'h1', text: W('introduction') });
    for (const para of paragraphs(narrative.introduction)) out.push({ t: 'p', text: para });
  }

  out.push({ t: 'h1', text: W('summary') });
  out.push({
    t: 'table', head: [W('summary'), ''], widths: [2, 1], rows: [
      [W('grantsTotal'), num(f.totals.grants)],
      [W('amount'), euro(f.totals.money.amountCents)],
      [W('paid'), euro(f.totals.money.paidCents)],
      [W('reported'), euro(f.totals.money.reportedCents)],
      [W('accepted'), euro(f.totals.money.acceptedCents)],
      [W('total'), f.totals.beneficiaries ? shown(f.totals.beneficiaries.total) : '0'],
      [W('difficultiesCount'), num(f.totals.difficulties)],
      [W('lessonsCount'), num(f.totals.lessons)],
    ],
  });
  out.push(...activityBlocks(f.totals.activities, W, num));
  out.push(...beneficiaryBlocks(f.totals.beneficiaries, W, shown, lang, reader));

  for (const s of f.sections) out.push(...sectionBlocks(s, narrative, { W, euro, num, value, pct, date, shown, reader }));

  if (narrative.conclusions.trim()) {
    out.push({ t: 'h1', text: W('conclusions') });
    for (const para of paragraphs(narrative.conclusions)) out.push({ t: 'p', text: para });
  }
  if (r.sha256) out.push({ t: 'p', style: 'mono', text: `${W('hash')}: ${r.sha256}` });
  return out;
}

type Fmt = {
  W: (k: string) => string;
  euro: (c: number) => string;
  num: (n: number) => string;
  value: (v: string | null) => string;
  pct: (bp: number | null) => string;
  date: (d: string) => string;
  shown: (c: ShownBeneficiaryCount | undefined) => string;
  reader: PdfReader;
};

function sectionTitle(s: StrategySection, fmt: Fmt): string {
  if (s.code === null) return fmt.W('none');
  const title = nsTitle(s.code);
  const label = fmt.W(s.level === 'strategic' ? 'strategic' : 'specific');
  return `${label} ${s.code}${title ? ` — ${inScript(fmt.reader, title[fmt.reader.language] || title.en)}` : ''}`;
}

function sectionBlocks(s: StrategySection, narrative: StrategyReportNarrative, fmt: Fmt): ReportBlock[] {
  const { W, euro, num, value, pct, date } = fmt;
  const out: ReportBlock[] = [{ t: s.level === 'specific' ? 'h2' : 'h1', text: sectionTitle(s, fmt) }];
  const text = narrative.objectives[strategySectionKey(s.code)];
  if (text) {
    out.push({ t: 'h3', text: W('assessment') });
    for (const para of paragraphs(text)) out.push({ t: 'p', text: para });
  }
  out.push({ t: 'h3', text: `${W('grants')} (${num(s.grants.length)})` });
  out.push({ t: 'table', head: [W('agreement'), W('organisation'), W('call'), W('codes')], widths: [2, 3, 2, 2], rows: s.grants.map((g) => [g.agreementNumber, g.organizationName, g.callReference, g.codes.join(', ') || '—']) });
  out.push({ t: 'h3', text: W('money') });
  out.push({
    t: 'table', head: [W('amount'), W('paid'), W('reported'), W('accepted')],
    rows: [[euro(s.money.amountCents), euro(s.money.paidCents), euro(s.money.reportedCents), euro(s.money.acceptedCents)]],
  });
  out.push({ t: 'h3', text: W('indicators') });
  out.push({ t: 'p', style: 'note', text: fill(W('indicatorsSummary'), { count: num(s.indicatorSummary.count), achieved: num(s.indicatorSummary.achieved), behind: num(s.indicatorSummary.behind) }) });
  if (s.indicators.length) {
    out.push({
      t: 'table', head: [W('agreement'), W('indicator'), W('baseline'), W('target'), W('periodValue'), W('cumulativeValue'), W('progress')], widths: [2, 4, 1, 1, 1, 1, 1.4],
      rows: s.indicators.map((i) => [
        i.agreementNumber, `${i.name}${i.unit ? ` (${i.unit})` : ''}${i.code && i.code !== s.code ? ` [${i.code}]` : ''}`, value(i.baseline), value(i.target),
        value(i.periodValue), value(i.cumulativeValue), `${pct(i.progressBp)}${i.achieved ? ` ✓ ${W('achieved')}` : ''}`,
      ]),
    });
  }
  out.push(...activityBlocks(s.activities, W, num));
  out.push(...beneficiaryBlocks(s.beneficiaries, W, fmt.shown, fmt.reader.language, fmt.reader));
  out.push({ t: 'h3', text: W('difficulties') });
  if (!s.difficulties.length) out.push({ t: 'p', style: 'note', text: W('nothing') });
  for (const d of s.difficulties) {
    const what = d.source === 'visit' ? W(d.rating === 3 ? 'rating3' : 'rating2') : W('reportedChallenge');
    out.push({ t: 'p', style: 'label', text: `${d.agreementNumber} — ${d.organizationName} — ${date(d.date)}: ${what}` });
    for (const para of paragraphs(d.text)) out.push({ t: 'p', text: para });
    if (d.correctiveActions) out.push({ t: 'p', text: `${W('addressed')}: ${d.correctiveActions}` });
  }
  out.push({ t: 'h3', text: W('lessons') });
  if (!s.lessons.length) out.push({ t: 'p', style: 'note', text: W('nothing') });
  for (const l of s.lessons) {
    out.push({ t: 'p', style: 'label', text: `${l.agreementNumber} — ${l.organizationName} — ${date(l.date)}` });
    for (const para of paragraphs(l.text)) out.push({ t: 'p', text: para });
  }
  return out;
}

function activityBlocks(a: StrategySection['activities'], W: (k: string) => string, num: (n: number) => string): ReportBlock[] {
  const keys = ['notStarted', 'ongoing', 'started', 'completed', 'notSaid'] as const;
  return [{ t: 'h3', text: W('activities') }, { t: 'table', head: keys.map((k) => W(k)), rows: [keys.map((k) => num(a[k]))] }];
}

function beneficiaryBlocks(t: ShownBeneficiaryTable | null, W: (k: string) => string, shown: Fmt['shown'], lang: PdfReader['language'], reader: PdfReader): ReportBlock[] {
  const out: ReportBlock[] = [{ t: 'h3', text: W('beneficiaries') }];
  if (!t) return [...out, { t: 'p', style: 'note', text: W('noBeneficiaries') }];
  out.push({ t: 'p', style: 'note', text: W('beneficiariesNote') });
  const label = (b: string, k: string) => {
    if (b === 'bySex') return W(`sex.${k}`);
    if (b === 'byIntake') return W(`intake.${k}`);
    if (b === 'byService') return W(`service.${k}`);
    if (b === 'byMunicipality') return inScript(reader, municipalityName(k, lang) ?? k);
    return k;
  };
  const rows: string[][] = [[W('total'), '', shown(t.total)]];
  // a table hidden whole (a total from 1 to 4, or withheld) says nothing more than its total
  const hiddenWhole = typeof t.total !== 'number' && BENEFICIARY_BREAKDOWNS.every((b) => Object.values(t[b]).every((c) => typeof c !== 'number' && c.reason !== 'small_count' && c.reason !== 'complementary'));
  for (const b of hiddenWhole ? [] : BENEFICIARY_BREAKDOWNS) {
    const keys = BENEFICIARY_BREAKDOWN_KEYS[b].filter((k) => b !== 'byMunicipality' || t[b][k] !== 0);
    for (const k of keys) rows.push([W(b), label(b, k), shown(t[b][k])]);
  }
  out.push({ t: 'table', head: ['', '', W('count')], widths: [2, 3, 1], rows });
  return out;
}

function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}
