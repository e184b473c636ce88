import type { PortfolioBeneficiaries, PortfolioFilters, PortfolioGrants, PortfolioMoney, PortfolioOverdue, PortfolioResults } from './types';

const AS_OF = '2026-12-04T10:00:00.000Z';
export const G1 = '11111111-1111-4111-8111-111111111111';
export const G2 = '22222222-2222-4222-8222-222222222222';
export const CALL = '33333333-3333-4333-8333-333333333333';

export const FILTERS: PortfolioFilters = {
  asOf: AS_OF, calls: [{ id: CALL, reference: 'MF-C3-2026-01' }], objectives: ['III', 'III.2', 'III.4'], municipalities: ['peja', 'prizren'], firstDay: '2026-01-01', lastDay: '2027-06-30',
};

const m = (o: Partial<PortfolioMoney['totals']> = {}) => ({ awardedCents: 0, contractedCents: 0, paidCents: 0, spentCents: 0, acceptedCents: 0, remainingCents: 0, recoveredCents: 0, ...o });

export const MONEY: PortfolioMoney = {
  asOf: AS_OF, grantCount: 2,
  totals: m({ awardedCents: 6_000_000, contractedCents: 6_000_000, paidCents: 2_100_000, spentCents: 800_000, acceptedCents: 600_000, remainingCents: 3_900_000, recoveredCents: 40_000 }),
  byCall: [{ id: CALL, name: 'MF-C3-2026-01', money: m({ contractedCents: 6_000_000, paidCents: 2_100_000 }), grantCount: 2, grantIds: [G1, G2] }],
  byOrganization: [
    { id: 'o1', name: 'Qendra Prizren', money: m({ contractedCents: 4_000_000, paidCents: 1_600_000 }), grantCount: 1, grantIds: [G1] },
    { id: 'o2', name: 'Shpresa Peja', money: m({ contractedCents: 2_000_000, paidCents: 500_000 }), grantCount: 1, grantIds: [G2] },
  ],
  organizationCount: 2,
  byHeading: [{ heading: 'human_resources', approvedCents: 3_000_000, spentCents: 700_000, acceptedCents: 500_000, grantCount: 1 }],
  burnRate: {
    spentBp: 1_000, elapsedBp: 3_500, gapBp: -2_500, pace: 'behind', ahead: 0, behind: 1, onTrack: 1,
    grants: [{ grantId: G1, agreementNumber: 'MF-C3-2026-01/G-001', organizationName: 'Qendra Prizren', contractedCents: 4_000_000, acceptedCents: 600_000, spentBp: 1_500, elapsedBp: 4_000, gapBp: -2_500, pace: 'behind' }],
  },
  timeline: [{ month: '2026-10', paidCents: 1_600_000, acceptedCents: 0, reports: 0 }, { month: '2026-11', paidCents: 500_000, acceptedCents: 600_000, reports: 2 }],
};

export const GRANTS: PortfolioGrants = {
  asOf: AS_OF, total: 2,
  byRating: [{ rating: 1, count: 1, grantIds: [G2], visitReportIds: ['vr2'] }, { rating: 2, count: 1, grantIds: [G1], visitReportIds: ['vr1'] }],
  byStatus: [{ status: 'in_force', count: 2, grantIds: [G1, G2] }],
};

export const OVERDUE: PortfolioOverdue = {
  asOf: AS_OF, today: '2026-12-04', total: 2, counts: { signature: 0, countersignature: 0, report: 1, tranche: 1, actionPoint: 0 },
  items: [
    { kind: 'tranche', recordId: 't1', dueDate: '2026-11-24', daysOverdue: 10, grantId: G1, agreementNumber: 'MF-C3-2026-01/G-001', organizationName: 'Qendra Prizren' },
    { kind: 'report', recordId: 'nr3', dueDate: '2026-12-02', daysOverdue: 2, grantId: G2, agreementNumber: 'MF-C3-2026-01/G-002', organizationName: 'Shpresa Peja' },
  ],
};

export const RESULTS: PortfolioResults = {
  asOf: AS_OF,
  objectives: [
    { code: 'III', level: 'strategic', indicators: 3, averaged: 2, achieved: 1, averageProgressBp: 6_250, grantCount: 2, reportCount: 2, grantIds: [G1, G2], reportIds: ['nr1', 'nr2'] },
    { code: 'III.2', level: 'specific', indicators: 2, averaged: 2, achieved: 1, averageProgressBp: 6_250, grantCount: 1, reportCount: 1, grantIds: [G1], reportIds: ['nr1'] },
    { code: 'III.4', level: 'specific', indicators: 1, averaged: 0, achieved: 0, averageProgressBp: null, grantCount: 1, reportCount: 1, grantIds: [G2], reportIds: ['nr2'] },
  ],
};

const small = { shown: '<5' as const, reason: 'small_count' as const };
const c = { shown: 'c' as const, reason: 'complementary' as const };
export const BENEFICIARIES: PortfolioBeneficiaries = {
  asOf: AS_OF, reports: 2, grantCount: 2, grantIds: [G1, G2],
  table: {
    total: 15,
    bySex: { female: c, male: small, other: c },
    byAge: { '0-17': 0, '18-24': 12, '25-59': small, '60+': c },
    byIntake: { new: 15, continuing: 0 },
    byService: { shelter: 12, legal_aid: small, psychological_support: c },
    byMunicipality: { prizren: 12, peja: small, prishtina: c },
  },
};
