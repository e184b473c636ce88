import { completenessProblems, COST_HEADINGS, demoCallDraft, permissionsFor, type ApplicationContent } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../../../api/client';
import { json, makeMe, mockFetch, renderRoutes, setupI18n } from '../../../test/utils';
import type { Application, Call } from '../../calls/types';
import { fieldId } from '../components/problems';
import { ApplicationEditorPage } from './ApplicationEditorPage';

const CONTENT: ApplicationContent = {
  project: { title: 'Safe steps', summary: 'Training.', durationMonths: 12, startDate: '2099-03-01', municipalities: ['prishtina'], targetGroups: ['women'], beneficiariesByGroup: [{ group: 'women', count: 10 }] },
  logframe: {
    overallObjective: 'Reintegration.',
    specificObjectives: [{ text: 'Jobs.', results: [{ text: 'Trained', indicators: [{ name: 'Women trained', level: 'output', unit: 'persons', baseline: '0', target: '40', meansOfVerification: '', frequency: 'quarterly' }], activities: [{ code: 'A1', text: 'Courses' }] }] }],
  },
  workplan: [{ activityCode: 'A1', months: [1] }],
  budget: { lines: [{ heading: 'services', description: 'Courses', unit: 'course', quantity: 2, unitCostCents: 1_000_000 }], coFinancingCents: 200_000, indirectCostBp: 700 },
  capacity: { experienceWithVoT: 'Since 2015.', staff: 'Six', licenceNumber: 'MPMS-1' },
  attachments: [],
  declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
};
const RULES = { minGrantCents: 0, maxGrantCents: 10_000_000, costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: null })), indirectCostCapBp: 700, minCoFinancingBp: 500, maxDurationMonths: 24, requiredAttachmentIds: [] };
const BUDGET: Schemas['ComputedBudgetResponseDto'] = {
  lines: [{ ...CONTENT.budget.lines[0], totalCents: 2_000_000 }], headings: [{ heading: 'services', totalCents: 2_000_000 }],
  directCents: 2_000_000, indirectCostBp: 700, indirectCents: 140_000, totalCents: 2_140_000, coFinancingCents: 200_000, requestedCents: 1_940_000, coFinancingBp: 934,
};
const APP: Application = {
  id: 'a1', callId: 'c1', callReference: 'MF-C3-2099-01', organizationId: 'o1', organizationName: 'Shpresa', status: 'draft', version: 3,
  reference: null, content: CONTENT, budget: BUDGET, completeness: completenessProblems(CONTENT, RULES), submittedAt: null, sha256: null, changedSinceSubmission: false,
  deadlineAt: '2099-12-01T15:00:00Z', serverNow: '2099-01-01T10:00:00Z', submissionOpen: true, submissions: [], attachments: [], requiredAttachments: [], admissibility: null,
};
const DRAFT = demoCallDraft('2099-01-05T09:00:00Z', 'MF-C3-2099-01');
const CALL = {
  id: 'c1', reference: 'MF-C3-2099-01', status: 'published', title: { en: 'Call', sq: 'Thirrja', sr: 'Poziv' }, programme: 'Moving Forward',
  budgetEnvelopeCents: 0, minGrantCents: 0, maxGrantCents: 0, questionsDeadlineAt: null, submissionDeadlineAt: '2099-12-01T15:00:00Z', publishedAt: null,
  myApplication: null, version: 1, definition: { ...DRAFT, requiredAttachments: [] }, serverNow: '2099-01-01T10:00:00Z', questionsOpen: true, submissionOpen: true,
  following: false, amendments: [], documents: [], problems: [], infoSessions: [],
} as unknown as Call;

function client() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  qc.setQueryData(['me'], { ...makeMe(), permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
  return qc;
}

describe('ApplicationEditorPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('an item of the "what is missing" panel opens its section and puts the cursor in the field, where the same sentence stands', async () => {
    expect(APP.completeness.map((p) => p.field)).toEqual(['logframe.specificObjectives.0.results.0.indicators.0.meansOfVerification']);
    mockFetch((url) => {
      if (url === '/api/applications/a1') return json(APP);
      if (url === '/api/calls/c1') return json(CALL);
      return undefined;
    });
    renderRoutes([{ path: '/applications/:id', element: <ApplicationEditorPage /> }], ['/applications/a1'], client());
    const panel = await screen.findByRole('region', { name: 'What is still missing' });
    // the project section is open: the logframe's field is not on screen yet
    expect(document.getElementById(fieldId(APP.completeness[0].field))).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Expected result 1.1 › Indicator 1 › Means of verification: is required' }));
    await waitFor(() => expect(document.activeElement?.id).toBe(fieldId(APP.completeness[0].field)));
    const field = screen.getByRole('textbox', { name: 'Means of verification' });
    expect(field).toBe(document.activeElement);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('tab', { name: /Logframe/ }).getAttribute('aria-selected')).toBe('true');
  });
});
