/**
 * Test data for the evaluator screens (imported by *.test.tsx only), typed from the generated OpenAPI schema: a
 * field renamed in the API's DTOs breaks these fixtures, so the tests follow the API.
 */
import type { EvaluationGrid } from '@grants/domain';
import type { Schemas } from '../../../api/client';
import type { Assignment, SubmissionView } from '../types';

export const GRID = {
  halfPoints: true,
  totalThreshold: 10,
  sections: [
    {
      id: 'relevance',
      title: { en: 'Relevance of the action', sq: 'Relevanca e veprimit', sr: 'Relevantnost akcije' },
      thresholdPoints: 6,
      criteria: [
        { id: '1.1', maxPoints: 5, title: { en: 'Relevance to the call', sq: 'Relevanca ndaj thirrjes', sr: 'Relevantnost za poziv' } },
        { id: '1.2', maxPoints: 5, title: { en: 'Needs of the target groups', sq: 'Nevojat e grupeve', sr: 'Potrebe ciljnih grupa' } },
      ],
    },
    {
      id: 'capacity',
      title: { en: 'Operational capacity', sq: 'Kapaciteti operacional', sr: 'Operativni kapacitet' },
      thresholdPoints: null,
      criteria: [{ id: '2.1', maxPoints: 10, title: { en: 'Staff and experience', sq: 'Stafi dhe përvoja', sr: 'Osoblje i iskustvo' } }],
    },
  ],
} satisfies Schemas['EvaluationGridDto'] & EvaluationGrid;

export const SUBMISSION: SubmissionView = {
  reference: 'MF-C3-2026-00-003',
  sha256: 'a'.repeat(64),
  submittedAt: '2026-03-31T14:00:00Z',
  snapshot: {
    reference: 'MF-C3-2026-00-003',
    call: 'MF-C3-2026-00',
    submittedAt: '2026-03-31T14:00:00Z',
    organization: {
      legalName: 'Qendra Zëri', acronym: 'QZ', registrationNumber: '5100123456', licenceNumber: 'SS-001', licenceExpiry: '2027-12-31',
      licence: { status: 'valid' }, municipality: 'prishtina', website: null, description: null,
    },
    contentSha256: 'c'.repeat(64),
    content: {
      project: {
        title: 'Safe homes for survivors', summary: 'Shelter and reintegration.', durationMonths: 12, startDate: '2026-07-01',
        municipalities: ['prishtina'], targetGroups: ['women survivors'], beneficiariesByGroup: [{ group: 'women survivors', count: 40 }],
      },
      logframe: { overallObjective: 'Survivors rebuild their lives', specificObjectives: [{ text: 'Safe accommodation for 40 women', results: [] }] },
      workplan: [],
      budget: { lines: [], coFinancingCents: 500000, indirectCostBp: 700 },
      capacity: { experienceWithVoT: 'Ten years', staff: 'Two social workers', licenceNumber: 'SS-001' },
      attachments: [],
      declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
    },
    budget: {
      lines: [], headings: [], directCents: 4_000_000, indirectCostBp: 700, indirectCents: 280_000, totalCents: 4_280_000,
      coFinancingCents: 500_000, requestedCents: 3_780_000, coFinancingBp: 1168,
    },
    attachments: [
      { requirementId: 'statute', fileName: 'statute.pdf', size: 2048, sha256: 'b'.repeat(64), fileId: 'f1' },
      { requirementId: 'cv', fileName: 'cv-lead.pdf', size: 1024, sha256: 'd'.repeat(64), fileId: null },
    ],
  },
};

const BASE: Assignment = {
  id: 'as1',
  status: 'assigned',
  dueAt: '2026-05-20T22:00:00Z',
  version: 1,
  conflictReason: null,
  submittedAt: null,
  call: { id: 'c1', reference: 'MF-C3-2026-00', title: { en: 'Reintegration', sq: 'Riintegrim', sr: 'Reintegracija' }, grid: GRID, status: 'in_evaluation' },
  application: { id: 'app1', reference: 'MF-C3-2026-00-003', organizationName: 'Qendra Zëri', submittedAt: '2026-03-31T14:00:00Z', requestedCents: 3_780_000 },
  submission: null,
  sheet: null,
  others: [],
};

export function assignment(overrides: Partial<Assignment> = {}): Assignment {
  return { ...BASE, ...overrides };
}

export function accepted(overrides: Partial<Assignment> = {}): Assignment {
  return assignment({
    status: 'accepted',
    version: 3,
    submission: SUBMISSION,
    sheet: { scores: {}, comments: {}, totals: { sections: { relevance: 0, capacity: 0 }, total: 0 } },
    ...overrides,
  });
}
