import fc from 'fast-check';
import { addDays } from './dates';
import { GRANT_STATUSES } from './grant-state';
import { grantOverdue, type GrantOverdueInput } from './grant-overdue';
import { TRANCHE_KINDS, TRANCHE_STATUSES } from './tranches';

const base: GrantOverdueInput = {
  status: 'in_force',
  schedule: [
    { periodEnd: '2026-06-30', dueDate: '2026-07-30' },
    { periodEnd: '2026-12-31', dueDate: '2027-03-01' },
  ],
  reports: [],
  tranches: [
    { kind: 'pre_financing', status: 'paid', plannedDate: '2026-01-01' },
    { kind: 'instalment', status: 'planned', plannedDate: '2026-09-01' },
    { kind: 'balance', status: 'planned', plannedDate: '2027-03-01' },
  ],
  today: '2026-07-30',
};

describe('grantOverdue', () => {
  it('is not overdue on the due day, and is from the day after', () => {
    expect(grantOverdue(base)).toEqual({ overdue: false, since: null, reports: 0, tranches: 0 });
    expect(grantOverdue({ ...base, today: '2026-07-31' })).toEqual({ overdue: true, since: '2026-07-30', reports: 1, tranches: 0 });
  });

  it('counts a report handed in (submitted or accepted, covering the period), not a draft or a returned one', () => {
    const late = { ...base, today: '2026-08-15' };
    expect(grantOverdue({ ...late, reports: [{ periodEnd: '2026-06-30', status: 'submitted' }] }).overdue).toBe(false);
    expect(grantOverdue({ ...late, reports: [{ periodEnd: '2026-06-30', status: 'accepted' }] }).overdue).toBe(false);
    expect(grantOverdue({ ...late, reports: [{ periodEnd: '2026-06-30', status: 'draft' }] }).overdue).toBe(true);
    expect(grantOverdue({ ...late, reports: [{ periodEnd: '2026-06-30', status: 'returned' }] }).overdue).toBe(true);
  });

  it('counts an instalment not requested after its planned date, never the balance', () => {
    const r = grantOverdue({ ...base, reports: [{ periodEnd: '2026-06-30', status: 'accepted' }], today: '2026-09-02' });
    expect(r).toEqual({ overdue: true, since: '2026-09-01', reports: 0, tranches: 1 });
    const requested = { ...base, reports: [{ periodEnd: '2026-12-31', status: 'accepted' as const }], tranches: base.tranches.map((t) => (t.kind === 'instalment' ? { ...t, status: 'requested' as const } : t)), today: '2027-06-01' };
    expect(grantOverdue(requested).overdue).toBe(false);
  });

  it('names the earliest date passed', () => {
    expect(grantOverdue({ ...base, today: '2027-04-01' })).toEqual({ overdue: true, since: '2026-07-30', reports: 2, tranches: 1 });
  });

  it('only a grant in force is ever overdue', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRANT_STATUSES.filter((s) => s !== 'in_force')), fc.integer({ min: 0, max: 2000 }), (status, days) => {
        expect(grantOverdue({ ...base, status, today: addDays('2026-01-01', days) }).overdue).toBe(false);
      }),
    );
  });

  it('once overdue stays overdue as days pass while nothing is handed in (monotone), and since is never after today', () => {
    const tranche = fc.record({ kind: fc.constantFrom(...TRANCHE_KINDS), status: fc.constantFrom(...TRANCHE_STATUSES), plannedDate: fc.integer({ min: 0, max: 900 }).map((d) => addDays('2026-01-01', d)) });
    fc.assert(
      fc.property(fc.array(tranche, { maxLength: 5 }), fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 400 }), (tranches, d, more) => {
        const today = addDays('2026-01-01', d);
        const a = grantOverdue({ ...base, tranches, today });
        const b = grantOverdue({ ...base, tranches, today: addDays(today, more) });
        if (a.overdue) expect(b.overdue).toBe(true);
        expect(b.reports + b.tranches >= a.reports + a.tranches).toBe(true);
        if (a.since) expect(a.since < today).toBe(true);
        expect(a.overdue).toBe(a.reports + a.tranches > 0);
      }),
    );
  });
});
