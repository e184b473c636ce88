import fc from 'fast-check';
import {
  centsToIatiDecimal, DEFAULT_IATI_PUBLISHER, iatiActivitiesXml, iatiActivity, iatiActivityStatus, iatiBudgets, iatiCsvRow, iatiFigureOfScaled,
  iatiFigureOfTyped, IatiGrantInput, isPublishableText, xmlEscape,
} from './iati';
import { addDays, daysBetween } from './dates';

const grant = (over: Partial<IatiGrantInput> = {}): IatiGrantInput => ({
  agreementNumber: 'MF-C3-2026-00-003',
  status: 'in_force',
  projectTitle: 'Safe House & Reintegration <Prizren>',
  callReference: 'MF-C3-2026-00',
  callTitle: { en: 'Pilot call', sq: 'Thirrja pilot', sr: 'Pilot poziv' },
  callPriorityObjectives: ['III.2'],
  organizationName: 'Shpresa Centre',
  startDate: '2026-03-01',
  endDate: '2027-08-31',
  signedOn: '2026-02-20',
  signedAmountCents: 4_500_000,
  amountCents: 4_500_000,
  amountChangedOn: null,
  closedOn: null,
  tranchesPaid: [{ seq: 2, paidOn: '2026-09-10', amountCents: 1_000_001 }, { seq: 1, paidOn: '2026-03-05', amountCents: 2_000_000 }],
  recoveriesRepaid: [],
  logframe: {
    overallObjective: 'Victims of trafficking rebuild their lives.',
    specificObjectives: [{
      text: 'Reintegration', nsObjective: 'III.2.4',
      results: [{
        text: 'Victims receive shelter',
        indicators: [
          { name: 'People sheltered', unit: 'persons', level: 'output', baseline: 0, target: '40' },
          { name: 'Drop-out rate', unit: '%', level: 'outcome', baseline: '30%', target: '10%' },
          { name: 'Workshops held', unit: 'workshops', level: 'output', baseline: '2', target: '12' },
        ],
      }, { text: 'No indicators yet', indicators: [] }],
    }],
  },
  actuals: { 'so.1.result.1.indicator.1': { scaled: 3_000, periodEnd: '2026-08-31' }, 'so.1.result.1.indicator.2': { scaled: 22_500, periodEnd: '2026-08-31' } },
  lastUpdated: '2026-09-10T08:00:00.000Z',
  ...over,
});

describe('centsToIatiDecimal', () => {
  it('writes two decimals with a dot, negative amounts too', () => {
    expect(centsToIatiDecimal(123456)).toBe('1234.56');
    expect(centsToIatiDecimal(5)).toBe('0.05');
    expect(centsToIatiDecimal(0)).toBe('0.00');
    expect(centsToIatiDecimal(-1005)).toBe('-10.05');
    expect(() => centsToIatiDecimal(1.5)).toThrow(RangeError);
  });

  it('reads back to the same cents for any safe integer (no float on the way)', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), fc.boolean(), (n, neg) => {
      const c = neg ? -n : n;
      const s = centsToIatiDecimal(c);
      expect(s).toMatch(/^-?\d+\.\d{2}$/);
      const [i, f] = s.replace('-', '').split('.');
      expect(BigInt(i) * 100n + BigInt(f)).toBe(BigInt(Math.abs(c)));
    }));
  });
});

describe('figures: nothing between 0 and 5 is published', () => {
  it('withholds 1–4 and fractions below 5, keeps 0 and 5', () => {
    expect(iatiFigureOfScaled(0)).toEqual({ value: '0' });
    expect(iatiFigureOfScaled(1_000)).toEqual({ suppressed: true });
    expect(iatiFigureOfScaled(4_999)).toEqual({ suppressed: true });
    expect(iatiFigureOfScaled(5_000)).toEqual({ value: '5' });
    expect(iatiFigureOfScaled(12_500)).toEqual({ value: '12.5' });
    expect(iatiFigureOfScaled(null)).toBeNull();
    expect(iatiFigureOfTyped('3')).toEqual({ suppressed: true });
    expect(iatiFigureOfTyped('1.250,5')).toEqual({ value: '1250.5' });
    expect(iatiFigureOfTyped('many')).toBeNull();
  });

  it('property: a published value is never a number strictly between 0 and 5', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 10_000_000 }), (scaled) => {
      const f = iatiFigureOfScaled(scaled);
      if (f && 'value' in f) {
        const v = Number(f.value);
        expect(v <= 0 || v >= 5).toBe(true);
      } else {
        expect(scaled > 0 && scaled < 5_000).toBe(true);
      }
    }));
  });
});

describe('budgets', () => {
  it('splits the amount over periods of at most a year that cover the grant', () => {
    const b = iatiBudgets('2026-03-01', '2027-08-31', 4_500_000);
    expect(b.map((x) => [x.start, x.end])).toEqual([['2026-03-01', '2027-02-28'], ['2027-03-01', '2027-08-31']]);
    expect(b.reduce((s, x) => s + x.cents, 0)).toBe(4_500_000);
    expect(iatiBudgets('2024-02-29', '2025-06-30', 100).map((x) => x.end)).toEqual(['2025-02-28', '2025-06-30']);
  });

  it('property: contiguous, each at most 366 days, summing to the amount to the cent', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 6_000_000_00 }), (offset, length, cents) => {
      const start = addDays('2024-01-01', offset);
      const end = addDays(start, length);
      const b = iatiBudgets(start, end, cents);
      expect(b[0].start).toBe(start);
      expect(b[b.length - 1].end).toBe(end);
      b.forEach((x, i) => {
        expect(daysBetween(x.start, x.end)).toBeLessThan(366);
        if (i > 0) expect(addDays(b[i - 1].end, 1)).toBe(x.start);
      });
      expect(b.reduce((s, x) => s + x.cents, 0)).toBe(cents);
    }));
  });
});

describe('iatiActivity', () => {
  const a = iatiActivity(grant(), DEFAULT_IATI_PUBLISHER, '2026-12-01');

  it('names the activity by the reporting organisation and the agreement number', () => {
    expect(a.identifier).toBe('XX-KMOP-PLACEHOLDER-MF-C3-2026-00-003');
    const own = iatiActivity(grant(), { ...DEFAULT_IATI_PUBLISHER, reporting: { ...DEFAULT_IATI_PUBLISHER.reporting, ref: 'GR-GEMI-123' } }, '2026-12-01');
    expect(own.identifier).toBe('GR-GEMI-123-MF-C3-2026-00-003');
  });

  it('transactions: the commitment at signature, each tranche paid in order, the repayments as incoming funds', () => {
    expect(a.transactions.map((t) => [t.type, t.date, t.cents])).toEqual([['2', '2026-02-20', 4_500_000], ['3', '2026-03-05', 2_000_000], ['3', '2026-09-10', 1_000_001]]);
    const amended = iatiActivity(grant({ amountCents: 4_000_000, amountChangedOn: '2026-10-01', recoveriesRepaid: [{ receivedOn: '2027-01-02', amountCents: 500 }] }), DEFAULT_IATI_PUBLISHER, '2027-02-01');
    expect(amended.transactions.filter((t) => t.type === '2').map((t) => t.cents)).toEqual([4_500_000, -500_000]);
    expect(amended.transactions.filter((t) => t.type === '1')).toEqual([expect.objectContaining({ cents: 500, provider: expect.objectContaining({ name: 'Shpresa Centre' }) })]);
  });

  it('dates and status: actual start once begun, actual end only when closed', () => {
    expect(a.dates).toEqual([{ type: '1', date: '2026-03-01' }, { type: '2', date: '2026-03-01' }, { type: '3', date: '2027-08-31' }]);
    expect(iatiActivity(grant(), DEFAULT_IATI_PUBLISHER, '2026-02-25').dates.map((d) => d.type)).toEqual(['1', '3']);
    const closed = iatiActivity(grant({ status: 'closed', closedOn: '2027-09-30' }), DEFAULT_IATI_PUBLISHER, '2027-10-01');
    expect(closed.status).toBe('4');
    expect(closed.dates.at(-1)).toEqual({ type: '4', date: '2027-09-30' });
    expect(iatiActivityStatus('in_force', '2027-08-31', '2027-09-01')).toBe('3');
    expect(iatiActivityStatus('suspended', '2027-08-31', '2027-01-01')).toBe('6');
    expect(iatiActivityStatus('terminated', '2027-08-31', '2027-01-01')).toBe('5');
  });

  it('results: per logframe result with indicators, the strategy code, small figures withheld, decreasing indicators marked', () => {
    expect(a.results).toHaveLength(1);
    expect(a.results[0].nsObjective).toBe('III.2.4');
    const [people, dropOut, workshops] = a.results[0].indicators;
    expect(people.actual).toEqual({ suppressed: true });
    expect(people.periodEnd).toBe('2026-08-31');
    expect(dropOut).toMatchObject({ measure: '2', ascending: false, baseline: { value: '30' }, target: { value: '10' }, actual: { value: '22.5' } });
    expect(workshops.baseline).toEqual({ suppressed: true });
    expect(workshops.actual).toBeNull();
  });

  it('a free text that reads as personal data is replaced by a neutral one', () => {
    expect(isPublishableText('Shelter for victims in Prizren')).toBe(true);
    expect(isPublishableText('Contact ana@example.org')).toBe(false);
    expect(isPublishableText('Call +383 44 123 456')).toBe(false);
    expect(isPublishableText('Paid to XK05 1212 0123 4567 8906')).toBe(false);
    const leaky = iatiActivity(grant({ projectTitle: 'Write to ana@example.org', logframe: { overallObjective: 'Phone +383 44 123 456', specificObjectives: [{ results: [{ text: 'r', indicators: [{ name: 'ask ana@example.org', baseline: 0, target: 10 }] }] }] } }), DEFAULT_IATI_PUBLISHER, '2026-12-01');
    const xml = iatiActivitiesXml([leaky], leaky.lastUpdated);
    expect(xml).not.toContain('example.org');
    expect(xml).not.toContain('123 456');
    expect(leaky.title[0].text).toBe('Grant MF-C3-2026-00-003');
    expect(leaky.descriptions.map((d) => d.type)).toEqual(['1']);
  });
});

describe('XML', () => {
  it('escapes the special characters and drops what XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  const xml = iatiActivitiesXml([iatiActivity(grant(), DEFAULT_IATI_PUBLISHER, '2026-12-01')], '2026-09-10T08:00:00.000Z');

  it('holds the activity in the order the schema wants, in three languages, with XK and the sectors', () => {
    const order = ['<iati-identifier>', '<reporting-org', '<title>', '<description', '<participating-org', '<activity-status', '<activity-date', '<recipient-country', '<sector', '<default-flow-type', '<budget', '<transaction', '<result'];
    const at = order.map((t) => xml.indexOf(t));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(xml).toContain('<recipient-country code="XK" percentage="100"/>');
    expect(xml).toContain('code="15160"');
    expect(xml).toContain('code="15180"');
    expect(xml).toContain('xml:lang="sq"');
    expect(xml).toContain('xml:lang="sr"');
    expect(xml).toContain('Safe House &amp; Reintegration &lt;Prizren&gt;');
    expect(xml).toContain('<value currency="EUR" value-date="2026-09-10">10000.01</value>');
    expect(xml).toContain('<reference vocabulary="99" code="III.2.4"/>');
    expect(xml).toContain('less than 5');
  });

  it('is the same bytes for the same data', () => {
    expect(iatiActivitiesXml([iatiActivity(grant(), DEFAULT_IATI_PUBLISHER, '2026-12-01')], '2026-09-10T08:00:00.000Z')).toBe(xml);
  });

  it('property: no indicator value attribute between 0 and 5, and disbursements sum to the tranches paid', () => {
    const arb = fc.record({
      tranches: fc.array(fc.integer({ min: 0, max: 3_000_000 }), { maxLength: 5 }),
      values: fc.array(fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }), { minLength: 1, maxLength: 6 }),
      title: fc.string(),
    });
    fc.assert(fc.property(arb, ({ tranches, values, title }) => {
      const g = grant({
        projectTitle: title,
        tranchesPaid: tranches.map((c, i) => ({ seq: i + 1, paidOn: addDays('2026-03-01', i * 30), amountCents: c })),
        logframe: { specificObjectives: [{ results: [{ text: 'r', indicators: values.map((_, i) => ({ name: `i${i}`, baseline: values[(i + 1) % values.length] ?? 0, target: 100 })) }] }] },
        actuals: Object.fromEntries(values.flatMap((v, i) => (v === null ? [] : [[`so.1.result.1.indicator.${i + 1}`, { scaled: v, periodEnd: '2026-08-31' }]]))),
      });
      const act = iatiActivity(g, DEFAULT_IATI_PUBLISHER, '2026-12-01');
      const out = iatiActivitiesXml([act], act.lastUpdated);
      for (const m of out.matchAll(/<(?:baseline|target|actual)[^>]* value="([^"]*)"/g)) {
        const v = Number(m[1]);
        expect(v <= 0 || v >= 5).toBe(true);
      }
      expect(out).not.toMatch(/<[a-z-]+[^>]*>[^<]*<(?![/a-z?!])/); // no stray "<" in any text
      const row = iatiCsvRow(act, g);
      expect(row.disbursed_eur).toBe(centsToIatiDecimal(tranches.reduce((s, c) => s + c, 0)));
      expect(row.budget_eur).toBe(centsToIatiDecimal(g.amountCents));
    }), { numRuns: 200 });
  });
});
