import type { Grant, GrantList, Tranche } from '../types';

export const GRANT_ID = '33333333-3333-4333-8333-333333333333';

const baseTranche = {
  grantId: GRANT_ID, version: 1, requestedAt: null, expenditureReportId: null, documentFileIds: [], requestNote: null, approvedAt: null, approvedOn: null,
  paidAt: null, paidOn: null, bankReference: null, paymentOrderId: null, returnReason: null,
} satisfies Partial<Tranche>;

export const PRE_FINANCING: Tranche = {
  ...baseTranche, id: 't1', seq: 1, kind: 'pre_financing', amountCents: 2_400_000, plannedDate: '2026-07-01', periodStart: '2026-07-01', periodEnd: '2027-06-30',
  status: 'paid', paidAt: '2026-07-03T09:00:00Z', paidOn: '2026-07-03', bankReference: 'BKT-001', approvedAt: '2026-07-02T09:00:00Z', approvedOn: '2026-07-02',
  conditions: [], allConditionsMet: true,
};

/** The next instalment, requested, blocked by the 70 % rule: €10,000.00 spent of €24,000.00. */
export const BLOCKED: Tranche = {
  ...baseTranche, id: 't2', seq: 2, kind: 'instalment', amountCents: 600_000, plannedDate: '2027-07-01', periodStart: '2027-07-01', periodEnd: '2027-12-31',
  status: 'requested', requestedAt: '2027-01-10T10:00:00Z',
  conditions: [
    { kind: 'grant_in_force', met: true, figure: 'grant in force', params: { status: 'in_force' } },
    { kind: 'previous_tranches_paid', met: true, figure: '1 of 1 earlier tranches paid', params: { paid: 1, total: 1 } },
    {
      kind: 'previous_spent', met: false, figure: 'spent €10,000.00 of €24,000.00 = 41.66 % < 70 %',
      params: { spentCents: 1_000_000, requiredCents: 1_680_000, previousCents: 2_400_000, earlierFullCents: 0, spentOfPreviousBp: 4166, thresholdBp: 7000, shortfallCents: 680_000 },
    },
    { kind: 'bank_account', met: true, figure: 'IBAN XK05…0000 valid', params: { iban: 'XK05…0000' } },
  ],
  allConditionsMet: false,
};

export const GRANT: Grant = {
  id: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', status: 'in_force', version: 1, amountCents: 3_000_000,
  callId: 'c1', callReference: 'MF-C3-2026-00', awardId: 'w1', applicationId: 'a1', organizationId: 'o1', organizationName: 'Qendra për Mbështetje',
  monitorId: 'm1', monitorName: 'Besa Krasniqi', startDate: '2026-07-01', endDate: '2027-12-31', durationMonths: 18, submissionSha256: 'a'.repeat(64),
  budget: {
    lines: [{ heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 18, unitCostCents: 150_000, totalCents: 2_700_000 }],
    headings: [{ heading: 'human_resources', totalCents: 2_700_000 }],
    directCents: 2_700_000, indirectCostBp: 700, indirectCents: 189_000, totalCents: 2_889_000, coFinancingCents: 0, requestedCents: 2_889_000, coFinancingBp: 0,
  },
  logframe: null,
  reportingSchedule: [
    { kind: 'interim', seq: 1, periodStart: '2026-07-01', periodEnd: '2026-12-31', dueDate: '2027-01-30' },
    { kind: 'final', seq: 2, periodStart: '2026-07-01', periodEnd: '2027-12-31', dueDate: '2028-02-29' },
  ],
  settings: {
    preFinancingBp: 8000, shortGrantMaxMonths: 12, instalmentPeriodMonths: 12, nextInstalmentSpentBp: 7000, reallocationWithoutAmendmentBp: 2500,
    indirectCostCapBp: 700, interimReportEveryMonths: 6, interimReportDueDays: 30, finalReportDueDays: 60,
  },
  iban: 'XK051212012345678906', accountHolder: 'Qendra për Mbështetje',
  agreement: { fileId: 'f1', sha256: 'b'.repeat(64), language: 'sq', sentAt: '2026-06-20T10:00:00Z' },
  signature: { signatoryName: 'Arta Berisha', signatoryFunction: 'Executive Director', signedAt: '2026-06-22T10:00:00Z', countersignedAt: '2026-06-25T10:00:00Z' },
  signedCopyFileId: null, paidCents: 2_400_000,
  tranches: [PRE_FINANCING, BLOCKED],
  versions: [{ version: 1, sha256: 'c'.repeat(64), amendmentId: null, createdAt: '2026-06-25T10:00:00Z' }],
  amendments: [], nextStatuses: ['suspended', 'closed', 'terminated'],
  recordActions: ['upload_signed_copy', 'request_tranche', 'approve_tranche', 'pay_tranche'],
  timeline: [{ at: '2026-06-25T10:00:00Z', action: 'grant.countersigned', actorEmail: 'officer@example.org', summary: 'countersigned' }],
};

/** Sent for signature: nothing signed yet, no tranche moves. */
export const TO_SIGN: Grant = {
  ...GRANT, status: 'sent_for_signature', iban: null, paidCents: 0,
  signature: { signatoryName: null, signatoryFunction: null, signedAt: null, countersignedAt: null },
  tranches: [{ ...PRE_FINANCING, status: 'planned', paidAt: null, paidOn: null, bankReference: null, approvedAt: null, approvedOn: null }],
  versions: [], nextStatuses: ['signed_by_organization', 'draft'], recordActions: ['upload_signed_copy'], timeline: [],
};

export const LIST: GrantList = {
  items: [
    { id: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', status: 'in_force', amountCents: 3_000_000, callId: 'c1', callReference: 'MF-C3-2026-00', organizationId: 'o1', organizationName: 'Qendra për Mbështetje', monitorId: 'm1', monitorName: 'Besa Krasniqi', startDate: '2026-07-01', endDate: '2027-12-31', paidCents: 2_400_000, nextTrancheDate: '2026-12-01', overdue: true, overdueSince: '2026-12-01', monitoringPriority: { score: 65, band: 'high' } },
    { id: 'g2', agreementNumber: 'MF-C3-2026-00/G-002', status: 'sent_for_signature', amountCents: 1_000_000, callId: 'c1', callReference: 'MF-C3-2026-00', organizationId: 'o2', organizationName: 'Centar za podršku', monitorId: null, monitorName: null, startDate: '2026-09-01', endDate: '2027-08-31', paidCents: 0, nextTrancheDate: '2026-09-01', overdue: false, overdueSince: null, monitoringPriority: null },
  ],
  counts: { total: 2, overdue: 1, byStatus: [{ status: 'in_force', count: 1 }, { status: 'sent_for_signature', count: 1 }] },
  facets: { calls: [{ id: 'c1', label: 'MF-C3-2026-00' }], monitors: [{ id: 'm1', label: 'Besa Krasniqi' }] },
};
