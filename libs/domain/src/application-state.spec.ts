import fc from 'fast-check';
import {
  APPLICATION_STATUSES,
  APPLICATION_TRANSITIONS,
  applicationReference,
  canSubmit,
  canTransitionApplication,
  canWithdraw,
  isApplicationEditable,
  isApplicationStatus,
  nextApplicationStatuses,
} from './application-state';
import { CALL_STATUSES } from './call-state';

const DEADLINE = '2027-03-31T15:00:00Z';
const base = { status: 'draft' as const, callStatus: 'published' as const, nowIso: '2027-03-31T14:59:59Z', deadlineIso: DEADLINE, completenessProblems: 0 };

describe('application state machine', () => {
  it('goes draft → submitted → admissible → in_evaluation → evaluated → awarded / reserve / rejected', () => {
    expect(canTransitionApplication('draft', 'submitted')).toBe(true);
    expect(canTransitionApplication('submitted', 'admissible')).toBe(true);
    expect(canTransitionApplication('submitted', 'rejected_admissibility')).toBe(true);
    expect(canTransitionApplication('admissible', 'in_evaluation')).toBe(true);
    expect(canTransitionApplication('in_evaluation', 'evaluated')).toBe(true);
    expect(nextApplicationStatuses('evaluated')).toEqual(['awarded', 'offered', 'reserve', 'rejected']);
    expect(canTransitionApplication('reserve', 'awarded')).toBe(true);
    // an offer for less than requested is accepted (awarded) or refused (declined) by the organisation
    expect(nextApplicationStatuses('offered')).toEqual(['awarded', 'declined']);
    expect(canTransitionApplication('offered', 'rejected')).toBe(false);
  });

  it('allows resubmission and withdrawal, but never un-submitting or skipping admissibility', () => {
    expect(canTransitionApplication('submitted', 'submitted')).toBe(true);
    expect(canTransitionApplication('submitted', 'withdrawn')).toBe(true);
    expect(canTransitionApplication('submitted', 'draft')).toBe(false);
    expect(canTransitionApplication('submitted', 'in_evaluation')).toBe(false);
    expect(canTransitionApplication('draft', 'admissible')).toBe(false);
    // a draft may be withdrawn too (before the deadline: the service checks the clock)
    expect(canTransitionApplication('draft', 'withdrawn')).toBe(true);
  });

  it('ends in rejected, rejected_admissibility and declined; an award may only be declined', () => {
    for (const s of ['declined', 'rejected'] as const) expect(nextApplicationStatuses(s)).toEqual([]);
    // an admissibility decision is corrected either way until evaluation starts, never after
    expect(nextApplicationStatuses('rejected_admissibility')).toEqual(['admissible']);
    expect(canTransitionApplication('admissible', 'rejected_admissibility')).toBe(true);
    expect(canTransitionApplication('in_evaluation', 'rejected_admissibility')).toBe(false);
    expect(nextApplicationStatuses('awarded')).toEqual(['declined']);
    expect(canTransitionApplication('in_evaluation', 'awarded')).toBe(true);
    expect(Object.keys(APPLICATION_TRANSITIONS).sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('reaches every status from draft', () => {
    const seen = new Set<string>(['draft']);
    const queue = ['draft'] as (typeof APPLICATION_STATUSES)[number][];
    while (queue.length) {
      for (const n of nextApplicationStatuses(queue.shift()!)) {
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    expect([...seen].sort()).toEqual([...APPLICATION_STATUSES].sort());
  });

  it('knows statuses and which are editable', () => {
    expect(isApplicationStatus('reserve')).toBe(true);
    expect(isApplicationStatus('pending')).toBe(false);
    expect(APPLICATION_STATUSES.filter(isApplicationEditable)).toEqual(['draft']);
  });
});

describe('canSubmit', () => {
  it('accepts a complete draft one second before the deadline', () => {
    expect(canSubmit(base)).toEqual({ ok: true });
  });

  it('accepts a resubmission before the deadline', () => {
    expect(canSubmit({ ...base, status: 'submitted' })).toEqual({ ok: true });
  });

  it('refuses at the deadline and after it', () => {
    expect(canSubmit({ ...base, nowIso: DEADLINE })).toEqual({ ok: false, reason: 'deadline_passed' });
    expect(canSubmit({ ...base, nowIso: '2027-03-31T15:00:01Z' })).toEqual({ ok: false, reason: 'deadline_passed' });
    expect(canSubmit({ ...base, nowIso: '2027-03-31T15:00:01Z', callStatus: 'closed' })).toEqual({ ok: false, reason: 'deadline_passed' });
  });

  it('refuses on a call that is not published, an incomplete application, and one already past submission', () => {
    expect(canSubmit({ ...base, callStatus: 'draft' })).toEqual({ ok: false, reason: 'call_not_open' });
    expect(canSubmit({ ...base, callStatus: 'closed' })).toEqual({ ok: false, reason: 'call_not_open' });
    expect(canSubmit({ ...base, completenessProblems: 2 })).toEqual({ ok: false, reason: 'incomplete' });
    expect(canSubmit({ ...base, status: 'withdrawn' })).toEqual({ ok: false, reason: 'not_draft' });
    expect(canSubmit({ ...base, status: 'admissible' })).toEqual({ ok: false, reason: 'not_draft' });
  });

  it('accepts exactly when every condition holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPLICATION_STATUSES),
        fc.constantFrom(...CALL_STATUSES),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.nat(3),
        (status, callStatus, offsetMs, problems) => {
          const now = new Date(Date.parse(DEADLINE) + offsetMs);
          const r = canSubmit({ status, callStatus, nowIso: now, deadlineIso: DEADLINE, completenessProblems: problems });
          expect(r.ok).toBe((status === 'draft' || status === 'submitted') && callStatus === 'published' && offsetMs < 0 && problems === 0);
        },
      ),
    );
  });
});

describe('canWithdraw', () => {
  it('withdraws a submission before the deadline only', () => {
    expect(canWithdraw({ ...base, status: 'submitted' })).toEqual({ ok: true });
    expect(canWithdraw({ ...base, status: 'submitted', nowIso: DEADLINE })).toEqual({ ok: false, reason: 'deadline_passed' });
    expect(canWithdraw({ ...base, status: 'submitted', callStatus: 'closed' })).toEqual({ ok: false, reason: 'call_not_open' });
    expect(canWithdraw({ ...base, status: 'draft' })).toEqual({ ok: false, reason: 'not_submitted' });
    expect(canWithdraw({ ...base, status: 'admissible' })).toEqual({ ok: false, reason: 'not_submitted' });
  });
});

describe('applicationReference', () => {
  it('pads the sequence to three digits, and grows beyond', () => {
    expect(applicationReference('MF-C3-2026-01', 7)).toBe('MF-C3-2026-01-007');
    expect(applicationReference('MF-C3-2026-01', 42)).toBe('MF-C3-2026-01-042');
    expect(applicationReference('MF-C3-2026-01', 1234)).toBe('MF-C3-2026-01-1234');
  });

  it('refuses a missing reference or a sequence that is not a positive integer', () => {
    expect(() => applicationReference('MF-C3-2026-01', 0)).toThrow(RangeError);
    expect(() => applicationReference('MF-C3-2026-01', 1.5)).toThrow(RangeError);
    expect(() => applicationReference(' ', 1)).toThrow(RangeError);
  });

  it('gives distinct references for distinct sequence numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        expect(applicationReference('X', a) === applicationReference('X', b)).toBe(a === b);
      }),
    );
  });
});
