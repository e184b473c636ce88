import fc from 'fast-check';
import {
  applyRecoveryRepayment, canTransitionRecoveryOrder, finalBalanceSettled, RECOVERY_ORDER_STATUSES, recoveryOrderNumber, recoveryRepaymentProblems,
} from './final-balance';

describe('recovery orders', () => {
  it('goes issued → partially repaid → settled, and a settled order is final', () => {
    expect(canTransitionRecoveryOrder('issued', 'partially_repaid')).toBe(true);
    expect(canTransitionRecoveryOrder('issued', 'settled')).toBe(true);
    expect(canTransitionRecoveryOrder('partially_repaid', 'settled')).toBe(true);
    for (const to of RECOVERY_ORDER_STATUSES) expect(canTransitionRecoveryOrder('settled', to)).toBe(false);
    expect(canTransitionRecoveryOrder('partially_repaid', 'issued')).toBe(false);
  });

  it('is numbered after the agreement', () => {
    expect(recoveryOrderNumber('SG-2026-01-003')).toBe('RO-SG-2026-01-003');
  });

  it('refuses a repayment above what is owed, not whole positive cents, or on a settled order', () => {
    const order = { amountCents: 10_000, repaidCents: 4_000, status: 'partially_repaid' as const };
    expect(recoveryRepaymentProblems(order, 6_000)).toEqual([]);
    expect(recoveryRepaymentProblems(order, 6_001)).toEqual([{ field: 'amountCents', code: 'above_owed', params: { owedCents: 6_000 } }]);
    expect(recoveryRepaymentProblems(order, 0)).toEqual([{ field: 'amountCents', code: 'not_positive' }]);
    expect(recoveryRepaymentProblems(order, 12.5)).toEqual([{ field: 'amountCents', code: 'not_cents' }]);
    expect(recoveryRepaymentProblems(order, '100')).toEqual([{ field: 'amountCents', code: 'not_cents' }]);
    expect(recoveryRepaymentProblems({ ...order, repaidCents: 10_000, status: 'settled' }, 1)).toEqual([{ field: 'status', code: 'settled' }]);
  });

  it('is settled exactly when repaid in full', () => {
    expect(applyRecoveryRepayment({ amountCents: 10_000, repaidCents: 0 }, 2_500)).toEqual({ repaidCents: 2_500, owedCents: 7_500, status: 'partially_repaid' });
    expect(applyRecoveryRepayment({ amountCents: 10_000, repaidCents: 2_500 }, 7_500)).toEqual({ repaidCents: 10_000, owedCents: 0, status: 'settled' });
    expect(() => applyRecoveryRepayment({ amountCents: 10_000, repaidCents: 2_500 }, 7_501)).toThrow(RangeError);
  });

  it('never lets the repayments accepted add up above the order, and settles once they reach it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: -5, max: 4_000_000 }), { maxLength: 12 }), (amountCents, tries) => {
        let order = { amountCents, repaidCents: 0, status: 'issued' as (typeof RECOVERY_ORDER_STATUSES)[number] };
        for (const a of tries) {
          if (recoveryRepaymentProblems(order, a).length) continue;
          const next = applyRecoveryRepayment(order, a);
          expect(canTransitionRecoveryOrder(order.status, next.status)).toBe(true);
          order = { amountCents, repaidCents: next.repaidCents, status: next.status };
        }
        expect(order.repaidCents).toBeLessThanOrEqual(amountCents);
        expect(order.status === 'settled').toBe(order.repaidCents === amountCents);
      }),
    );
  });

  it('counts the final balance settled when nothing is owed, the final payment is made or the recovery is repaid', () => {
    expect(finalBalanceSettled({ kind: null, balanceTranchePaid: false, recoveryStatus: null })).toBe(false);
    expect(finalBalanceSettled({ kind: 'nil', balanceTranchePaid: false, recoveryStatus: null })).toBe(true);
    expect(finalBalanceSettled({ kind: 'payment', balanceTranchePaid: false, recoveryStatus: null })).toBe(false);
    expect(finalBalanceSettled({ kind: 'payment', balanceTranchePaid: true, recoveryStatus: null })).toBe(true);
    expect(finalBalanceSettled({ kind: 'recovery', balanceTranchePaid: false, recoveryStatus: 'partially_repaid' })).toBe(false);
    expect(finalBalanceSettled({ kind: 'recovery', balanceTranchePaid: false, recoveryStatus: 'settled' })).toBe(true);
  });
});
