/**
 * Test data for the Secretariat's evaluation and ranking screens (imported by *.test.tsx only), typed from the
 * generated OpenAPI schema: a field renamed in the API's DTOs breaks these fixtures, so the tests follow the API.
 */
import { permissionsFor, type EvaluationGrid } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import type { Schemas } from '../../../api/client';
import { makeMe } from '../../../test/utils';
import type { EvaluationOverview, RankingData, RankingViewRow } from '../types';

export const GRID = {
  sections: [
    { id: 'relevance', title: { en: 'Relevance', sq: 'Rëndësia', sr: 'Relevantnost' }, thresholdPoints: 20, criteria: [{ id: 'r1', title: { en: 'Fit', sq: 'Përshtatja', sr: 'Usklađenost' }, maxPoints: 40 }] },
    { id: 'capacity', title: { en: 'Capacity', sq: 'Kapaciteti', sr: 'Kapacitet' }, thresholdPoints: null, criteria: [{ id: 'c1', title: { en: 'Staff', sq: 'Stafi', sr: 'Osoblje' }, maxPoints: 60 }] },
  ],
  totalThreshold: 50,
  halfPoints: false,
} satisfies Schemas['EvaluationGridDto'] & EvaluationGrid;

/** A query client with the Secretariat (evaluation.manage, award.decide) logged in. */
export function secretariatClient(role: 'secretariat' | 'secretariat_admin' = 'secretariat') {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const me = makeMe({ role, organizationId: null, orgRole: null, permissions: permissionsFor({ role, orgRole: null }) });
  qc.setQueryData(['me'], me);
  return qc;
}

export const OVERVIEW: EvaluationOverview = {
  call: { id: 'c1', reference: 'MF-C3-2026-00', title: { en: 'Reintegration services', sq: 'Shërbime riintegrimi', sr: 'Usluge reintegracije' }, status: 'in_evaluation', version: 4 },
  rules: { evaluatorsPerApplication: 2, divergenceThresholdPoints: 15, consolidationRule: 'mean_all', tieBreakSectionId: 'relevance', reserveListSize: 5, evaluationDueAt: '2026-05-20T15:00:00Z', envelopeCents: 20_000_000 },
  pool: [
    { userId: 'e1', fullName: 'Drita Gashi', email: 'drita@example.org', language: 'sq', addedAt: '2026-04-01T08:00:00Z', declarationSignedAt: '2026-04-02T08:00:00Z', assigned: 2, submitted: 1, conflicts: 0, overdue: 0 },
    { userId: 'e2', fullName: 'Marko Petrović', email: 'marko@example.org', language: 'sr', addedAt: '2026-04-01T08:00:00Z', declarationSignedAt: null, assigned: 1, submitted: 0, conflicts: 1, overdue: 1 },
  ],
  available: [{ userId: 'e3', fullName: 'Besa Krasniqi', email: 'besa@example.org' }],
  applications: [
    {
      id: 'a1', reference: 'APP-1', organizationName: 'Qendra Zëri', status: 'in_evaluation', required: 2,
      assignments: [
        { id: 's1', applicationId: 'a1', evaluatorId: 'e1', evaluatorName: 'Drita Gashi', status: 'submitted', origin: 'automatic', dueAt: '2026-05-20T15:00:00Z', total: 78.5, submittedAt: '2026-04-10T10:00:00Z', conflictReason: null, hasScores: true },
        { id: 's2', applicationId: 'a1', evaluatorId: 'e2', evaluatorName: 'Marko Petrović', status: 'accepted', origin: 'manual', dueAt: '2026-05-20T15:00:00Z', total: null, submittedAt: null, conflictReason: null, hasScores: true },
      ],
    },
    {
      id: 'a2', reference: 'APP-2', organizationName: 'Centar Sigurnost', status: 'in_evaluation', required: 2,
      assignments: [
        { id: 's3', applicationId: 'a2', evaluatorId: 'e1', evaluatorName: 'Drita Gashi', status: 'assigned', origin: 'replacement', dueAt: '2026-05-20T15:00:00Z', total: null, submittedAt: null, conflictReason: null, hasScores: false },
        { id: 's4', applicationId: 'a2', evaluatorId: 'e2', evaluatorName: 'Marko Petrović', status: 'conflict', origin: 'automatic', dueAt: '2026-05-20T15:00:00Z', total: null, submittedAt: null, conflictReason: 'Board member of the organisation', hasScores: false },
      ],
    },
  ],
};

const row = (r: Partial<RankingViewRow> & Pick<RankingViewRow, 'applicationId' | 'reference' | 'organizationName'>): RankingViewRow => ({
  rank: null, points: null, requestedCents: 5_000_000, awardedCents: 0, adjustment: null, outcome: 'pending', reason: null, failures: [],
  reservePlace: null, tieBrokenBy: null, sheets: 2, required: 2, ...r,
});

/** Envelope €120,000: A and B are awarded (€50,000 each), C is first on the reserve list, D below a threshold. */
export const ROWS: RankingViewRow[] = [
  row({ applicationId: 'a1', reference: 'APP-1', organizationName: 'Qendra Zëri', rank: 1, points: { total: 82, sections: { relevance: 35, capacity: 47 } }, awardedCents: 5_000_000, outcome: 'awarded', tieBrokenBy: null }),
  row({ applicationId: 'a2', reference: 'APP-2', organizationName: 'Centar Sigurnost', rank: 2, points: { total: 82, sections: { relevance: 30, capacity: 52 } }, awardedCents: 5_000_000, outcome: 'awarded', tieBrokenBy: 'section' }),
  row({ applicationId: 'a3', reference: 'APP-3', organizationName: 'Rrjeti Shpresa', rank: 3, points: { total: 70.5, sections: { relevance: 30, capacity: 40.5 } }, requestedCents: 4_000_000, outcome: 'reserve', reservePlace: 1 }),
  row({ applicationId: 'a4', reference: 'APP-4', organizationName: 'Udruženje Most', rank: null, points: { total: 60, sections: { relevance: 15, capacity: 45 } }, outcome: 'rejected', reason: 'below_threshold', failures: [{ scope: 'section', sectionId: 'relevance', thresholdPoints: 20, points: 15 }] }),
];

export function rankingData(over: { rows?: RankingViewRow[]; envelopeCents?: number; pending?: number; sha256?: string; changes?: RankingData['ranking']['changes']; status?: RankingData['call']['status'] } = {}): RankingData {
  const rows = over.rows ?? ROWS;
  const envelopeCents = over.envelopeCents ?? 12_000_000;
  const awarded = rows.filter((r) => r.outcome === 'awarded').reduce((s, r) => s + r.awardedCents, 0);
  return {
    call: {
      id: 'c1', reference: 'MF-C3-2026-00', title: OVERVIEW.call.title, status: over.status ?? 'in_evaluation', grid: GRID,
      rules: { evaluatorsPerApplication: 2, divergenceThresholdPoints: 15, consolidationRule: 'mean_all', tieBreakSectionId: 'relevance', reserveListSize: 5 },
    },
    ranking: {
      envelopeCents, rows, awardedCents: awarded, remainingCents: envelopeCents - awarded, pending: over.pending ?? rows.filter((r) => r.outcome === 'pending').length,
      sha256: over.sha256 ?? 'a'.repeat(64), callEnvelopeCents: 12_000_000, changes: over.changes ?? [],
    },
    decision: null,
    awards: [],
  };
}
