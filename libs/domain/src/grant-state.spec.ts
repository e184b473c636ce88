import fc from 'fast-check';
import {
  GRANT_STATUSES,
  GRANT_TRANSITIONS,
  canTransitionGrant,
  checkGrantTransition,
  grantActorKinds,
  grantTransitionRule,
  isGrantFinal,
  isGrantRunning,
  isGrantStatus,
  nextGrantStatuses,
  canDoOnGrant,
  grantRecordActions,
} from './grant-state';
import type { Actor } from './permissions';
import { ROLES } from './roles';

const owner: Actor = { role: 'applicant', orgRole: 'owner' };
const member: Actor = { role: 'applicant', orgRole: 'member' };
const secretariat: Actor = { role: 'secretariat' };
const admin: Actor = { role: 'secretariat_admin' };

describe('grant state machine', () => {
  it('goes draft → sent_for_signature → signed_by_organization → in_force → closed', () => {
    expect(canTransitionGrant('draft', 'sent_for_signature')).toBe(true);
    expect(canTransitionGrant('sent_for_signature', 'signed_by_organization')).toBe(true);
    expect(canTransitionGrant('signed_by_organization', 'in_force')).toBe(true);
    expect(canTransitionGrant('in_force', 'closed')).toBe(true);
    expect(nextGrantStatuses('in_force')).toEqual(['suspended', 'closed', 'terminated']);
    expect(nextGrantStatuses('suspended')).toEqual(['in_force', 'closed', 'terminated']);
  });

  it('never skips a signature and never leaves closed or terminated', () => {
    expect(canTransitionGrant('draft', 'in_force')).toBe(false);
    expect(canTransitionGrant('sent_for_signature', 'in_force')).toBe(false);
    expect(canTransitionGrant('signed_by_organization', 'draft')).toBe(false);
    expect(canTransitionGrant('draft', 'terminated')).toBe(false);
    for (const s of ['closed', 'terminated'] as const) {
      expect(nextGrantStatuses(s)).toEqual([]);
      expect(isGrantFinal(s)).toBe(true);
    }
    expect(isGrantRunning('in_force') && isGrantRunning('suspended')).toBe(true);
    expect(isGrantRunning('signed_by_organization')).toBe(false);
    expect(Object.keys(GRANT_TRANSITIONS).sort()).toEqual([...GRANT_STATUSES].sort());
    expect(isGrantStatus('signed_by_organization')).toBe(true);
    expect(isGrantStatus('signed_by_organisation')).toBe(false);
  });

  it('has a rule (who, reason) for every transition of the table and none outside it', () => {
    for (const from of GRANT_STATUSES) {
      for (const to of GRANT_STATUSES) {
        expect(grantTransitionRule(from, to) !== null).toBe(canTransitionGrant(from, to));
      }
    }
  });

  it('lets only the organisation owner sign', () => {
    expect(checkGrantTransition(owner, 'sent_for_signature', 'signed_by_organization')).toEqual({ ok: true, action: 'sign' });
    expect(checkGrantTransition(member, 'sent_for_signature', 'signed_by_organization')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkGrantTransition(secretariat, 'sent_for_signature', 'signed_by_organization')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkGrantTransition({ ...owner, active: false }, 'sent_for_signature', 'signed_by_organization').ok).toBe(false);
  });

  it('lets the Secretariat send, countersign, suspend (with a reason), resume and close', () => {
    expect(checkGrantTransition(secretariat, 'draft', 'sent_for_signature')).toEqual({ ok: true, action: 'send_for_signature' });
    expect(checkGrantTransition(admin, 'signed_by_organization', 'in_force')).toEqual({ ok: true, action: 'countersign' });
    expect(checkGrantTransition(owner, 'signed_by_organization', 'in_force')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
    expect(checkGrantTransition(secretariat, 'in_force', 'suspended')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkGrantTransition(secretariat, 'in_force', 'suspended', '  ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(checkGrantTransition(secretariat, 'in_force', 'suspended', 'audit finding')).toEqual({ ok: true, action: 'suspend' });
    expect(checkGrantTransition(secretariat, 'suspended', 'in_force', 'finding resolved')).toEqual({ ok: true, action: 'resume' });
    expect(checkGrantTransition(secretariat, 'in_force', 'closed')).toEqual({ ok: true, action: 'close' });
    expect(checkGrantTransition(secretariat, 'suspended', 'terminated', 'fraud')).toEqual({ ok: true, action: 'terminate' });
    expect(checkGrantTransition(secretariat, 'closed', 'in_force', 'x')).toEqual({ ok: false, reason: 'no_such_transition' });
    expect(checkGrantTransition(owner, 'in_force', 'terminated', 'we stop')).toEqual({ ok: false, reason: 'not_allowed_for_actor' });
  });

  it('gives evaluators, monitors and observers no transition at all (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES.filter((r) => !['applicant', 'secretariat', 'secretariat_admin'].includes(r))), fc.constantFrom(...GRANT_STATUSES), fc.constantFrom(...GRANT_STATUSES), (role, from, to) => {
        expect(grantActorKinds({ role }).size).toBe(0);
        expect(checkGrantTransition({ role }, from, to, 'why').ok).toBe(false);
      }),
    );
  });
});

describe('what may be done on a grant by state', () => {
  it('moves money only while the grant is in force; a suspended grant keeps reporting', () => {
    for (const a of ['request_tranche', 'approve_tranche', 'pay_tranche'] as const) {
      expect(canDoOnGrant('in_force', a)).toBe(true);
      expect(canDoOnGrant('suspended', a)).toBe(false);
      if (a !== 'request_tranche') expect(canDoOnGrant('signed_by_organization', a)).toBe(false);
    }
    expect(canDoOnGrant('signed_by_organization', 'request_tranche')).toBe(true);
    expect(canDoOnGrant('suspended', 'submit_expenditure_report')).toBe(true);
    expect(canDoOnGrant('suspended', 'request_amendment')).toBe(true);
    expect(canDoOnGrant('sent_for_signature', 'upload_signed_copy')).toBe(true);
    for (const s of ['draft', 'closed', 'terminated'] as const) expect(grantRecordActions(s)).toEqual([]);
  });
});

describe('@grants/domain entry point (grants)', () => {
  it('re-exports the grant modules', async () => {
    const domain = await import('./index');
    for (const name of [
      'canTransitionGrant', 'checkGrantTransition', 'grantAgreementNumber', 'grantReportingSchedule', 'resolveGrantSettings', 'grantSettingsProblems',
      'tranchePlan', 'trancheConditions', 'canApproveTranche', 'canPayTranche', 'expenditureStatement', 'burnRate', 'classifyReallocation',
      'applyGrantAmendment', 'diffGrantVersions', 'grantVersionHashInput', 'paymentOrder', 'centsToDecimal',
    ] as const) {
      expect(typeof domain[name]).toBe('function');
    }
  });
});
