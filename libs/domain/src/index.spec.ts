import * as domain from './index';

describe('@grants/domain entry point', () => {
  it('re-exports the functions of every module', () => {
    for (const name of [
      'permissionsFor',
      'can',
      'isMunicipalityCode',
      'municipalityName',
      'checkIban',
      'licenceStatus',
      'canonicalAuditPayload',
      'verifyAuditChain',
      'serbianLatinToCyrillic',
      'transliterateResources',
      'passwordProblems',
      'deliveryFor',
      'sniffFileType',
      'isAllowedUpload',
      'formatEuroCents',
      'parseEuroToCents',
      'splitCents',
      'suppressSmallCount',
      'canTransitionCall',
      'callEditMode',
      'kosovoLocalToUtc',
      'formatKosovo',
      'isBeforeDeadline',
      'reminderInstants',
      'computeBudget',
      'checkBudget',
      'canSubmit',
      'canWithdraw',
      'applicationReference',
      'validateCallForPublication',
      'demoEuGrid',
      'checkAmendment',
      'demoCallDraft',
      'completenessProblems',
      'admissibilityOutcome',
      'duplicateFlags',
    ] as const) {
      expect(typeof domain[name]).toBe('function');
    }
    expect(domain.ROLES).toHaveLength(6);
    expect(domain.KOSOVO_MUNICIPALITIES).toHaveLength(38);
    expect(domain.GENESIS_HASH).toBe('0'.repeat(64));
  });
});
