import { completenessProblems, COST_HEADINGS, type ApplicationContent, type ApplicationRules, type ComputedBudget } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../../api/client';
import { resetCsrfToken } from '../../../api/csrf';
import { json, mockFetch, renderPage, setupI18n } from '../../../test/utils';
import type { Application } from '../../calls/types';
import { BudgetTable } from './BudgetTable';
import { CompletenessPanel } from './CompletenessPanel';
import { FieldProblemsProvider } from './fieldProblems';
import { completenessLabel, fieldId, formatPercentBp, problemText } from './problems';
import { CapacitySection, LogframeSection, ProjectSection } from './Sections';
import { SubmissionPanel } from './SubmissionPanel';

const RULES: ApplicationRules = {
  minGrantCents: 1_000_000,
  maxGrantCents: 6_000_000,
  costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: code === 'equipment_supplies' ? 20 : null })),
  indirectCostCapBp: 700,
  minCoFinancingBp: 500,
  maxDurationMonths: 12,
  requiredAttachmentIds: [],
};

/** An application a new user has half filled in: an indicator with only its name, a budget heavy on equipment. */
function halfDone(): ApplicationContent {
  return {
    project: {
      title: 'Pathways', summary: 'Training.', durationMonths: 12, startDate: '2027-03-01', municipalities: ['prishtina'],
      targetGroups: ['women survivors'], beneficiariesByGroup: [{ group: 'women survivors', count: 0 }],
    },
    logframe: {
      overallObjective: 'Reintegration.',
      specificObjectives: [{
        text: 'Employability.',
        results: [{ text: 'Trained', indicators: [{ name: 'Women trained', level: 'output', unit: '', baseline: '', target: '', meansOfVerification: '', frequency: '' }], activities: [{ code: 'A1', text: 'Courses' }] }],
      }],
    },
    workplan: [{ activityCode: 'A1', months: [1, 2] }],
    budget: {
      lines: [
        { heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 12, unitCostCents: 150_000 },
        { heading: 'equipment_supplies', description: 'Laptops', unit: 'piece', quantity: 10, unitCostCents: 80_000 },
        { heading: 'services', description: '', unit: 'course', quantity: 2, unitCostCents: 0 },
      ],
      indirectCostBp: 700,
      coFinancingCents: 200_000,
    },
    capacity: { experienceWithVoT: 'Since 2015.', staff: 'Six social workers', licenceNumber: '' },
    attachments: [],
    declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
  };
}

const EMPTY_BUDGET: Schemas['ComputedBudgetResponseDto'] = { lines: [], headings: [], directCents: 0, indirectCostBp: 0, indirectCents: 0, totalCents: 0, coFinancingCents: 0, requestedCents: 0, coFinancingBp: 0 };

/** A complete draft as GET /api/applications/:id answers (typed from the OpenAPI schema). */
function makeApplication(overrides: Partial<Application> = {}): Application {
  return {
    id: 'a1', callId: 'c1', callReference: 'MF-C3-2026-01', organizationId: 'o1', organizationName: 'Shpresa', status: 'draft', version: 3,
    reference: null, content: { ...halfDone(), capacity: { experienceWithVoT: 'x', staff: 'y', licenceNumber: 'L-1' } }, budget: EMPTY_BUDGET, completeness: [], submittedAt: null, sha256: null, changedSinceSubmission: false,
    deadlineAt: '2099-01-01T15:00:00Z', serverNow: '2026-11-24T10:00:00Z', submissionOpen: true, submissions: [], attachments: [],
    requiredAttachments: [], admissibility: null, ...overrides,
  };
}

const INTERNAL_NAMES = ['count', 'name', 'meansOfVerification', 'frequency', 'baseline', 'target', 'equipment_supplies', 'specificObjectives', 'results', 'indicators', 'unitCostCents', 'beneficiariesByGroup', 'licenceNumber', 'headings', 'lines'];

describe('the "what is missing" panel speaks the reader\'s language', () => {
  const content = halfDone();
  const items = completenessProblems(content, RULES);

  it('has the problems this test is about', () => {
    expect(items.map((p) => `${p.field} ${p.code}`)).toEqual([
      'project.beneficiariesByGroup.0.count not_positive',
      'logframe.specificObjectives.0.results.0.indicators.0.unit required',
      'logframe.specificObjectives.0.results.0.indicators.0.meansOfVerification required',
      'logframe.specificObjectives.0.results.0.indicators.0.frequency required',
      'logframe.specificObjectives.0.results.0.indicators.0.baseline required',
      'logframe.specificObjectives.0.results.0.indicators.0.target required',
      'budget.lines.2.description required',
      'budget.lines.2.unitCostCents not_positive',
      'budget.headings.equipment_supplies heading_over_cap',
      'capacity.licenceNumber required',
    ]);
  });

  it.each([
    ['en', [
      'Expected number of beneficiaries by group › women survivors: must be more than zero',
      'Expected result 1.1 › Indicator 1 › Means of verification: is required',
      'Expected result 1.1 › Indicator 1 › Frequency: is required',
      'Expected result 1.1 › Indicator 1 › Baseline: is required',
      'Expected result 1.1 › Indicator 1 › Target: is required',
      'Line 3 › Unit cost (€): must be more than zero',
      // €18,000 + €8,000 + €0 direct: 20 % allows €5,200.00 of the €8,000.00 on equipment
      'Heading › Equipment and supplies: is above the cap of 20% of direct costs: at most €5,200.00 is allowed, €2,800.00 too much',
      "Social-services licence number: is not in your organisation's profile yet: add it there",
    ]],
    ['sq', [
      'Numri i pritur i përfituesve sipas grupit › women survivors: duhet të jetë më shumë se zero',
      'Rezultati i pritur 1.1 › Treguesi 1 › Mjetet e verifikimit: është i detyrueshëm',
      'Rezultati i pritur 1.1 › Treguesi 1 › Synimi: është i detyrueshëm',
      'Linja 3 › Kosto për njësi (€): duhet të jetë më shumë se zero',
      'Kategoria › Pajisje dhe furnizime: është mbi kufirin prej 20 % të kostove direkte: lejohen më së shumti 5.200,00 €, janë 2.800,00 € më tepër',
    ]],
    ['sr', [
      'Očekivani rezultat 1.1 › Indikator 1 › Izvori provere: je obavezno',
      'Očekivani rezultat 1.1 › Indikator 1 › Učestalost: je obavezno',
      'Stavka 3 › Cena po jedinici (€): mora biti veće od nule',
      'Kategorija › Oprema i potrošni materijal: je iznad ograničenja od 20 % direktnih troškova: dozvoljeno je najviše 5.200,00 €, to je 2.800,00 € previše',
    ]],
  ] as const)('in %s: every item names the field as the form does, with the amounts a cap allows', async (lng, expected) => {
    const i18n = await setupI18n(lng);
    const panelTexts = () => within(screen.getByRole('region')).getAllByRole('listitem').map((li) => li.textContent);
    renderPage(<CompletenessPanel items={items} content={content} onOpen={vi.fn()} />);
    const texts = panelTexts();
    for (const line of expected) {
      // the heading names in sq/sr come from the resource files; the test reads them there
      expect(texts).toContain(line.replace('Pajisje dhe furnizime', i18n.t('costHeadings.equipment_supplies')).replace('Oprema i potrošni materijal', i18n.t('costHeadings.equipment_supplies')).replace('Numri i pritur i përfituesve sipas grupit', i18n.t('applications.project.beneficiaries')));
    }
    const all = texts.join('\n');
    for (const internal of INTERNAL_NAMES) expect(all).not.toMatch(new RegExp(`(^|[^\\p{L}])${internal}([^\\p{L}]|$)`, 'u'));
    expect(all).not.toMatch(/\{\{|\}\}/);
  });

  it('in Serbian Cyrillic too, the amounts included', async () => {
    await setupI18n('sr-Cyrl');
    renderPage(<CompletenessPanel items={items} content={content} />);
    const all = screen.getByRole('region').textContent ?? '';
    expect(all).toContain('5.200,00 €');
    expect(all).toContain('Индикатор 1');
    expect(all).not.toMatch(/equipment_supplies|meansOfVerification/);
  });

  it('each item leads to its field', async () => {
    await setupI18n('en');
    const onOpen = vi.fn();
    renderPage(<CompletenessPanel items={items} content={content} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: /Indicator 1 › Frequency: is required/ }));
    expect(onOpen).toHaveBeenCalledWith('logframe', 'logframe.specificObjectives.0.results.0.indicators.0.frequency');
  });

  it('names the cap amounts by the language, and falls back to the shared wording without them', async () => {
    const i18n = await setupI18n('sq');
    expect(formatPercentBp(750, 'sq')).toBe('7,5 %');
    expect(formatPercentBp(750, 'en')).toBe('7.5%');
    expect(formatPercentBp(2000, 'sr')).toBe('20 %');
    expect(problemText(i18n.t, 'indirect_over_cap', { capBp: 700, allowedCents: 126_000, overCents: 18_000, indirectCents: 144_000 }, 'sq')).toBe(
      'janë mbi kufirin prej 7 % të kostove direkte: lejohen më së shumti 1.260,00 €, janë 180,00 € më tepër',
    );
    // an older server without the amounts: the rate alone, no placeholder left
    expect(problemText(i18n.t, 'heading_over_cap', { capPct: 12.5, totalCents: 1 }, 'sq')).toBe('është mbi kufirin prej 12,5 %');
    expect(completenessLabel(i18n.t, { field: 'workplan.A1.2' }, [], String)).toBe('Aktiviteti A1.2');
    expect(completenessLabel(i18n.t, { field: 'budget.lines.0.unitCostCents' }, [], String, halfDone())).toBe('Linja 1: Psychologist › Kosto për njësi (€)');
  });
});

describe('the message stands next to its field', () => {
  afterEach(() => vi.unstubAllGlobals());
  const content = halfDone();
  const items = completenessProblems(content, RULES);
  const computed: ComputedBudget = {
    lines: content.budget.lines.map((l) => ({ ...l, totalCents: l.quantity * l.unitCostCents })),
    headings: [{ heading: 'human_resources', totalCents: 1_800_000 }, { heading: 'equipment_supplies', totalCents: 800_000 }, { heading: 'services', totalCents: 0 }],
    directCents: 2_600_000, indirectCostBp: 700, indirectCents: 182_000, totalCents: 2_782_000, coFinancingCents: 200_000, requestedCents: 2_582_000, coFinancingBp: 718,
  };

  it('in the logframe: the indicator fields the server lists, and one personal-data warning for the section', async () => {
    await setupI18n('en');
    renderPage(
      <FieldProblemsProvider items={items}>
        <LogframeSection value={content.logframe} onChange={vi.fn()} />
      </FieldProblemsProvider>,
    );
    const frequency = screen.getByRole('textbox', { name: 'Frequency' });
    expect(frequency.getAttribute('aria-invalid')).toBe('true');
    expect(frequency.id).toBe(fieldId('logframe.specificObjectives.0.results.0.indicators.0.frequency'));
    expect(document.getElementById(frequency.getAttribute('aria-describedby')?.split(' ').find((id) => id.endsWith('error')) ?? '')?.textContent).toBe('is required');
    expect(screen.getByRole('textbox', { name: 'Indicator' }).getAttribute('aria-invalid')).toBe('false');
    // one warning above the section, not one per box (objective, results, overall objective)
    expect(screen.getAllByText(/Do not enter personal data/)).toHaveLength(1);
  });

  it('in the project section too, a single warning', async () => {
    await setupI18n('en');
    renderPage(
      <FieldProblemsProvider items={items}>
        <ProjectSection value={content.project} onChange={vi.fn()} maxDuration={12} />
      </FieldProblemsProvider>,
    );
    expect(screen.getAllByText(/Do not enter personal data/)).toHaveLength(1);
    expect(screen.getByText('must be more than zero')).toBeTruthy();
  });

  it('in the budget: on the line\'s input, and the cap beside its heading with the amounts', async () => {
    await setupI18n('en');
    renderPage(
      <FieldProblemsProvider items={items}>
        <BudgetTable value={content.budget} onChange={vi.fn()} computed={computed} headings={[...COST_HEADINGS]} />
      </FieldProblemsProvider>,
    );
    const cost = screen.getByRole('textbox', { name: 'Unit cost (€) – Line 3' });
    expect(cost.getAttribute('aria-invalid')).toBe('true');
    const heading = document.getElementById(fieldId('budget.headings.equipment_supplies'));
    expect(heading?.textContent).toContain('at most €5,200.00 is allowed, €2,800.00 too much');
  });

  it('the licence number comes from the profile: read-only, with the way to change it', async () => {
    await setupI18n('en');
    renderPage(
      <FieldProblemsProvider items={items}>
        <CapacitySection value={{ ...content.capacity, licenceNumber: 'MPMS-LIC-2024-017' }} onChange={vi.fn()} canEditProfile />
      </FieldProblemsProvider>,
    );
    const licence = screen.getByRole('textbox', { name: 'Social-services licence number' }) as HTMLInputElement;
    expect(licence.readOnly).toBe(true);
    expect(licence.value).toBe('MPMS-LIC-2024-017');
    expect(screen.getByRole('link', { name: 'Change it in the profile' }).getAttribute('href')).toBe('/organization');
  });

  it('read-only (the Secretariat, an evaluator): no warning about typing and no way to the profile', async () => {
    await setupI18n('en');
    renderPage(<CapacitySection value={{ ...halfDone().capacity, licenceNumber: 'MPMS-LIC-2024-017' }} onChange={vi.fn()} readOnly />);
    expect(screen.queryByText(/Do not enter personal data/)).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Social-services licence number' }) as HTMLInputElement).value).toBe('MPMS-LIC-2024-017');
  });
});

describe('budget inputs have names a screen reader can tell apart', () => {
  it.each(['en', 'sq', 'sr'] as const)('in %s: every input of every line is named with its line', async (lng) => {
    const i18n = await setupI18n(lng);
    const content = halfDone();
    const computed: ComputedBudget = { lines: [], headings: [], directCents: 0, indirectCostBp: 0, indirectCents: 0, totalCents: 0, coFinancingCents: 0, requestedCents: 0, coFinancingBp: 0 };
    renderPage(<BudgetTable value={content.budget} onChange={vi.fn()} computed={computed} headings={[...COST_HEADINGS]} />);
    const lines = screen.getAllByRole('listitem');
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      const inputs = [...line.querySelectorAll('input')].filter((el) => el.type !== 'hidden');
      expect(inputs.length).toBeGreaterThanOrEqual(5);
      const lineName = i18n.t('applications.budget.lineN', { n: i + 1 });
      for (const input of inputs) {
        const name = input.getAttribute('aria-label') ?? '';
        expect(name, `input ${input.outerHTML}`).toContain(lineName);
      }
    });
    // the unit-cost box the issue names: its own name, per line
    const unitCost = i18n.t('applications.budget.unitCost');
    expect(screen.getByRole('textbox', { name: `${unitCost} – ${i18n.t('applications.budget.lineNamed', { n: 2, description: 'Laptops' })}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: i18n.t('applications.budget.removeLineN', { line: i18n.t('applications.budget.lineNamed', { n: 1, description: 'Psychologist' }) }) })).toBeTruthy();
  });
});

describe('the final submit asks first', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(['en', 'sq', 'sr'] as const)('in %s: a dialog says what happens; cancel sends nothing, confirm submits', async (lng) => {
    const i18n = await setupI18n(lng);
    resetCsrfToken();
    const app = makeApplication();
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/applications/a1/submit' && init.method === 'POST') return json({ ...app, status: 'submitted', reference: 'MF-C3-2026-01-007' });
      return json({}, 404);
    });
    const beforeSubmit = vi.fn(async () => 3);
    const onDone = vi.fn();
    renderPage(<SubmissionPanel app={app} open canAct beforeSubmit={beforeSubmit} onDone={onDone} />);
    const submitLabel = i18n.t('applications.submit.submit');
    fireEvent.click(screen.getByRole('button', { name: submitLabel }));
    const dialog = await screen.findByRole('dialog', { name: i18n.t('applications.submit.submitTitle') });
    expect(dialog.textContent).toContain(i18n.t('applications.submit.submitConfirm'));
    expect(dialog.textContent).toContain(i18n.t('applications.submit.untilDeadline'));
    fireEvent.click(within(dialog).getByRole('button', { name: i18n.t('common.cancel') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(beforeSubmit).not.toHaveBeenCalled();
    expect(fetch.sent('POST', '/api/applications/a1/submit')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: submitLabel }));
    const again = await screen.findByRole('dialog', { name: i18n.t('applications.submit.submitTitle') });
    fireEvent.click(within(again).getByRole('button', { name: submitLabel }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(fetch.sent('POST', '/api/applications/a1/submit')).toHaveLength(1);
  });
});
