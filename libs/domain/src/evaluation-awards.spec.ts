import fc from 'fast-check';
import { dueDateFor, LATE_ASSIGNMENT_DAYS } from './evaluation';

// The award's state machine, the reserve list and the funding line re-run after a decline: award.spec.ts

const DAY = 86_400_000;

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
