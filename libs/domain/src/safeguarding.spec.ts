import fc from 'fast-check';
import {
  canTransitionSafeguarding, FOLLOW_UP_ALPHABET, followUpCodeFromBytes, normalizeFollowUpCode, safeguardingChangeProblem,
  safeguardingWaiting, SAFEGUARDING_OUTCOMES, SAFEGUARDING_STATUSES, SAFEGUARDING_TRANSITIONS,
} from './safeguarding';

describe('safeguarding reports: status', () => {
  it('goes received → under review → closed, or received → closed; a closed report is final', () => {
    expect(canTransitionSafeguarding('received', 'under_review')).toBe(true);
    expect(canTransitionSafeguarding('received', 'closed')).toBe(true);
    expect(canTransitionSafeguarding('under_review', 'closed')).toBe(true);
    expect(canTransitionSafeguarding('under_review', 'received')).toBe(false);
    for (const to of SAFEGUARDING_STATUSES) expect(canTransitionSafeguarding('closed', to)).toBe(false);
  });

  it('closing needs an outcome, and only closing carries one', () => {
    expect(safeguardingChangeProblem('under_review', 'closed', null)).toBe('outcome_required');
    expect(safeguardingChangeProblem('under_review', 'closed', 'referred')).toBeNull();
    expect(safeguardingChangeProblem('received', 'under_review', 'referred')).toBe('outcome_not_allowed');
    expect(safeguardingChangeProblem('received', 'under_review', null)).toBeNull();
    expect(safeguardingChangeProblem('closed', 'under_review', null)).toBe('invalid_transition');
  });

  it('property: no status goes back to received, none moves to itself, and the table agrees with the check', () => {
    const status = fc.constantFrom(...SAFEGUARDING_STATUSES);
    fc.assert(fc.property(status, status, fc.option(fc.constantFrom(...SAFEGUARDING_OUTCOMES), { nil: null }), (from, to, outcome) => {
      expect(canTransitionSafeguarding(from, to)).toBe(SAFEGUARDING_TRANSITIONS[from].includes(to));
      if (to === 'received' || from === to) expect(canTransitionSafeguarding(from, to)).toBe(false);
      const p = safeguardingChangeProblem(from, to, outcome);
      if (p === null) expect(canTransitionSafeguarding(from, to) && (to === 'closed') === (outcome !== null)).toBe(true);
    }));
  });
});

describe('safeguarding reports: follow-up code', () => {
  it('is five groups of five Crockford characters', () => {
    const code = followUpCodeFromBytes(new Uint8Array(32).fill(255));
    expect(code).toBe('ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ');
    expect(() => followUpCodeFromBytes(new Uint8Array(10))).toThrow();
  });

  it('reads back what a person copied by hand: any case, spaces, O for 0, I or L for 1', () => {
    expect(normalizeFollowUpCode('0iL00 aaaaa bbbbb ccccc ddddd')).toBe('01100AAAAABBBBBCCCCCDDDDD');
    expect(normalizeFollowUpCode('oooooooooooooooooooooooooo')).toBeNull();
    expect(normalizeFollowUpCode('UUUUUUUUUUUUUUUUUUUUUUUUU')).toBeNull();
    expect(normalizeFollowUpCode('')).toBeNull();
  });

  it('property: every code from random bytes normalises to its 25 characters, however it is written', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 25, maxLength: 40 }), fc.boolean(), (bytes, lower) => {
      const code = followUpCodeFromBytes(bytes);
      const canonical = code.replace(/-/g, '');
      expect(canonical).toHaveLength(25);
      for (const ch of canonical) expect(FOLLOW_UP_ALPHABET).toContain(ch);
      expect(normalizeFollowUpCode(lower ? code.toLowerCase() : code.replace(/-/g, ' '))).toBe(canonical);
    }));
  });
});

describe('safeguarding reports: the focal point\'s to-do', () => {
  it('counts the open reports per status, oldest first, closed ones left out', () => {
    const w = safeguardingWaiting([
      { id: 'c', status: 'closed' as const, receivedAt: '2026-01-01T00:00:00Z' },
      { id: 'b', status: 'under_review' as const, receivedAt: '2026-02-01T00:00:00Z' },
      { id: 'a', status: 'received' as const, receivedAt: '2026-01-15T00:00:00Z' },
    ]);
    expect(w).toEqual({ received: 1, underReview: 1, oldest: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' })] });
  });

  it('property: the oldest list holds exactly the open reports, in time order', () => {
    const report = fc.record({ status: fc.constantFrom(...SAFEGUARDING_STATUSES), receivedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()) });
    fc.assert(fc.property(fc.array(report), (rs) => {
      const w = safeguardingWaiting(rs);
      expect(w.oldest.length).toBe(rs.filter((r) => r.status !== 'closed').length);
      expect(w.received + w.underReview).toBe(w.oldest.length);
      for (let i = 1; i < w.oldest.length; i++) expect(w.oldest[i - 1].receivedAt <= w.oldest[i].receivedAt).toBe(true);
    }));
  });
});
