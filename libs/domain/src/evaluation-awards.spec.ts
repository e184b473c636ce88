import fc from 'fast-check';
import {
  AWARD_STATUSES, AWARD_TRANSITIONS, canTransitionAward, currentReservePlace, dueDateFor, LATE_ASSIGNMENT_DAYS, moveUpFromReserve,
  reserveFromDecision, type DecidedRow,
} from './evaluation';

const DAY = 86_400_000;

describe('award state machine', () => {
  it('is awarded, then may be declined once; nothing comes back from declined', () => {
    expect(canTransitionAward('awarded', 'declined')).toBe(true);
    expect(canTransitionAward('declined', 'awarded')).toBe(false);
    expect(canTransitionAward('declined', 'declined')).toBe(false);
    expect(canTransitionAward('awarded', 'awarded')).toBe(false);
    expect(Object.keys(AWARD_TRANSITIONS).sort()).toEqual([...AWARD_STATUSES].sort());
  });
});

describe('dueDateFor', () => {
  const now = new Date('2027-05-01T10:00:00Z');
  it("keeps the call's due date while it is more than a day away", () => {
    expect(dueDateFor('2027-05-20T15:00:00Z', now).toISOString()).toBe('2027-05-20T15:00:00.000Z');
  });
  it('gives a late assignment LATE_ASSIGNMENT_DAYS from now (due date past, within a day, missing or unreadable)', () => {
    const late = new Date(now.getTime() + LATE_ASSIGNMENT_DAYS * DAY).toISOString();
    expect(dueDateFor('2027-04-20T15:00:00Z', now).toISOString()).toBe(late);
    expect(dueDateFor(new Date(now.getTime() + DAY), now).toISOString()).toBe(late);
    expect(dueDateFor(null, now).toISOString()).toBe(late);
    expect(dueDateFor('', now).toISOString()).toBe(late);
    expect(dueDateFor('not a date', now).toISOString()).toBe(late);
  });
  it('is never less than a day away', () => {
    fc.assert(fc.property(fc.integer({ min: -100 * DAY, max: 100 * DAY }), (offset) => {
      const due = dueDateFor(new Date(now.getTime() + offset), now);
      expect(due.getTime()).toBeGreaterThan(now.getTime() + DAY - 1);
    }));
  });
});

describe('the reserve list after the decision', () => {
  const ranking: DecidedRow[] = [
    { applicationId: 'a', reference: 'R-001', requestedCents: 500, reservePlace: null },
    { applicationId: 'c', reference: 'R-003', requestedCents: 300, reservePlace: 2 },
    { applicationId: 'b', reference: 'R-002', requestedCents: 400, reservePlace: 1 },
    { applicationId: 'd', reference: 'R-004', requestedCents: 200, reservePlace: 3 },
  ];

  it("rebuilds the reserve list from the decision's places, keeping only those still on it", () => {
    expect(reserveFromDecision(ranking, ['b', 'c', 'd'])).toEqual([
      { applicationId: 'b', requestedCents: 400 }, { applicationId: 'c', requestedCents: 300 }, { applicationId: 'd', requestedCents: 200 },
    ]);
    expect(reserveFromDecision(ranking, new Set(['d', 'c']))).toEqual([{ applicationId: 'c', requestedCents: 300 }, { applicationId: 'd', requestedCents: 200 }]);
    expect(reserveFromDecision(ranking, ['a'])).toEqual([]); // not on the reserve list in the decision
  });

  it('recounts a reserve place among those still on the list after a move-up', () => {
    expect(currentReservePlace(ranking, 'd', ['b', 'c', 'd'])).toBe(3);
    expect(currentReservePlace(ranking, 'd', ['c', 'd'])).toBe(2); // b moved up
    expect(currentReservePlace(ranking, 'c', ['c', 'd'])).toBe(1);
    expect(currentReservePlace(ranking, 'b', ['c', 'd'])).toBeNull(); // moved up: no longer on the list
    expect(currentReservePlace(ranking, 'a', ['a'])).toBeNull(); // never on it
  });

  it('a move-up takes the first still on the reserve list, and the others move one place up', () => {
    const reserve = reserveFromDecision(ranking, ['b', 'c', 'd']);
    const move = moveUpFromReserve(1000, [{ applicationId: 'a', amountCents: 500, declined: true }, { applicationId: 'x', amountCents: 500, declined: false }], reserve);
    expect(move.movedUp).toEqual({ applicationId: 'b', amountCents: 400, reduced: false });
    const still = move.reserve.map((r) => r.applicationId);
    expect(still.map((id) => currentReservePlace(ranking, id, still))).toEqual([1, 2]);
  });

  it('places still on the list are always 1..n in decision order', () => {
    fc.assert(fc.property(fc.subarray(['b', 'c', 'd']), (still) => {
      const places = reserveFromDecision(ranking, still).map((r) => currentReservePlace(ranking, r.applicationId, still));
      expect(places).toEqual(still.map((_, i) => i + 1));
    }));
  });
});
