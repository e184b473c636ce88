import fc from 'fast-check';
import {
  AWARD_STATUSES, AWARD_TRANSITIONS, availableCents, canTransitionAward, currentReservePlace, initialAwardStatus, isAwardStatus,
  letterPoints, rerunFundingLine, reserveFromDecision, sectionsAddUp, type AwardState, type DecidedRow, type ReserveEntry,
} from './award';
import { consolidate, type SubmittedSheet } from './evaluation';
import type { EvaluationGrid } from './grid';

describe('award state machine', () => {
  it('an offer is accepted (awarded) or refused; an award may be declined once; nothing comes back', () => {
    expect(canTransitionAward('offered', 'awarded')).toBe(true);
    expect(canTransitionAward('offered', 'refused')).toBe(true);
    expect(canTransitionAward('offered', 'declined')).toBe(false);
    expect(canTransitionAward('awarded', 'declined')).toBe(true);
    expect(canTransitionAward('awarded', 'offered')).toBe(false);
    expect(canTransitionAward('awarded', 'refused')).toBe(false);
    for (const s of ['refused', 'declined'] as const) for (const to of AWARD_STATUSES) expect(canTransitionAward(s, to)).toBe(false);
    expect(Object.keys(AWARD_TRANSITIONS).sort()).toEqual([...AWARD_STATUSES].sort());
    expect(isAwardStatus('offered')).toBe(true);
    expect(isAwardStatus('accepted')).toBe(false);
  });

  it('the requested amount is awarded; anything less starts as an offer the organisation answers', () => {
    expect(initialAwardStatus(4_161_900, 4_161_900)).toBe('awarded');
    expect(initialAwardStatus(4_000_000, 4_161_900)).toBe('offered');
    expect(initialAwardStatus(1, 2)).toBe('offered');
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

  it('keeps an application holding an open offer at its place', () => {
    expect(reserveFromDecision(ranking, ['c', 'd'], new Map([['b', 150]]))).toEqual([
      { applicationId: 'b', requestedCents: 400, offeredCents: 150 }, { applicationId: 'c', requestedCents: 300 }, { applicationId: 'd', requestedCents: 200 },
    ]);
  });

  it('recounts a reserve place among those still on the list after a move-up', () => {
    expect(currentReservePlace(ranking, 'd', ['b', 'c', 'd'])).toBe(3);
    expect(currentReservePlace(ranking, 'd', ['c', 'd'])).toBe(2); // b moved up
    expect(currentReservePlace(ranking, 'c', ['c', 'd'])).toBe(1);
    expect(currentReservePlace(ranking, 'b', ['c', 'd'])).toBeNull(); // moved up: no longer on the list
    expect(currentReservePlace(ranking, 'a', ['a'])).toBeNull(); // never on it
  });

  it('places still on the list are always 1..n in decision order', () => {
    fc.assert(fc.property(fc.subarray(['b', 'c', 'd']), (still) => {
      const places = reserveFromDecision(ranking, still).map((r) => currentReservePlace(ranking, r.applicationId, still));
      expect(places).toEqual(still.map((_, i) => i + 1));
    }));
  });
});

describe('the funding line re-run after a decline', () => {
  const reserve: ReserveEntry[] = [
    { applicationId: 'r1', requestedCents: 300 }, { applicationId: 'r2', requestedCents: 200 }, { applicationId: 'r3', requestedCents: 400 }, { applicationId: 'r4', requestedCents: 100 },
  ];

  it('gives the freed money to as many as fit, in order, not to one only', () => {
    const awards: AwardState[] = [{ applicationId: 'a', amountCents: 600, status: 'declined' }, { applicationId: 'b', amountCents: 400, status: 'awarded' }];
    const run = rerunFundingLine(1000, awards, reserve);
    expect(run.availableCentsBefore).toBe(600);
    expect(run.movedUp).toEqual([
      { applicationId: 'r1', amountCents: 300, requestedCents: 300, status: 'awarded', previousOfferCents: null },
      { applicationId: 'r2', amountCents: 200, requestedCents: 200, status: 'awarded', previousOfferCents: null },
      // r3 does not fit: it is offered what is left, and the line stops there (r4 is not skipped ahead of it)
      { applicationId: 'r3', amountCents: 100, requestedCents: 400, status: 'offered', previousOfferCents: null },
    ]);
    expect(run.reserve).toEqual([{ applicationId: 'r4', requestedCents: 100 }]);
    expect(run.availableCentsAfter).toBe(0);
  });

  it('an open offer holds its amount; money that comes back tops it up first, to an award at the requested amount', () => {
    const awards: AwardState[] = [
      { applicationId: 'a', amountCents: 600, status: 'declined' }, { applicationId: 'b', amountCents: 300, status: 'declined' },
      { applicationId: 'r1', amountCents: 300, status: 'awarded' }, { applicationId: 'r2', amountCents: 200, status: 'awarded' },
      { applicationId: 'r3', amountCents: 100, status: 'offered' },
    ];
    expect(availableCents(1000, awards)).toBe(400);
    const run = rerunFundingLine(1000, awards, [{ applicationId: 'r3', requestedCents: 400, offeredCents: 100 }, { applicationId: 'r4', requestedCents: 100 }]);
    expect(run.movedUp).toEqual([
      { applicationId: 'r3', amountCents: 400, requestedCents: 400, status: 'awarded', previousOfferCents: 100 },
      { applicationId: 'r4', amountCents: 100, requestedCents: 100, status: 'awarded', previousOfferCents: null },
    ]);
    expect(run.availableCentsAfter).toBe(0);
  });

  it('a refused offer frees its money like a decline; nothing moves when nothing is free or no one is left', () => {
    expect(rerunFundingLine(1000, [{ applicationId: 'a', amountCents: 900, status: 'refused' }, { applicationId: 'b', amountCents: 100, status: 'awarded' }], reserve).movedUp.map((m) => m.applicationId)).toEqual(['r1', 'r2', 'r3']);
    expect(rerunFundingLine(1000, [{ applicationId: 'a', amountCents: 1000, status: 'awarded' }], reserve)).toEqual({ movedUp: [], reserve, availableCentsBefore: 0, availableCentsAfter: 0 });
    expect(rerunFundingLine(1000, [{ applicationId: 'a', amountCents: 1000, status: 'declined' }], []).movedUp).toEqual([]);
    expect(() => rerunFundingLine(10.5, [], reserve)).toThrow(RangeError);
  });

  const cents = fc.integer({ min: 1, max: 5_000_000_00 });
  const scenario = fc.record({
    envelope: fc.integer({ min: 0, max: 20_000_000_00 }),
    awards: fc.array(fc.record({ amountCents: cents, status: fc.constantFrom(...AWARD_STATUSES) }), { maxLength: 8 }),
    reserve: fc.array(fc.record({ requestedCents: cents, offered: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }) }), { maxLength: 8 }),
  }).map(({ envelope, awards, reserve: r }) => {
    const list: ReserveEntry[] = r.map((x, i) => ({ applicationId: `r${i}`, requestedCents: x.requestedCents }));
    const state: AwardState[] = awards.map((a, i) => ({ applicationId: `w${i}`, ...a }));
    // at most the head of the list may hold an open offer (the line stopped there), for less than it asked
    if (list.length && r[0].offered !== undefined) {
      const offeredCents = Math.max(1, Math.floor((list[0].requestedCents * r[0].offered) / 101));
      list[0] = { ...list[0], offeredCents };
      state.push({ applicationId: list[0].applicationId, amountCents: offeredCents, status: 'offered' });
    }
    // the decision never committed more than the envelope
    const committed = state.filter((a) => a.status === 'offered' || a.status === 'awarded').reduce((s, a) => s + a.amountCents, 0);
    return { envelope: Math.max(envelope, committed), awards: state, reserve: list };
  });

  it('never commits more than the envelope, in whole cents', () => {
    fc.assert(fc.property(scenario, ({ envelope, awards, reserve: list }) => {
      const run = rerunFundingLine(envelope, awards, list);
      const moved = new Set(run.movedUp.map((m) => m.applicationId));
      const after = [...awards.filter((a) => !moved.has(a.applicationId)), ...run.movedUp.map((m) => ({ applicationId: m.applicationId, amountCents: m.amountCents, status: m.status }))];
      const committed = after.filter((a) => a.status === 'offered' || a.status === 'awarded').reduce((s, a) => s + a.amountCents, 0);
      expect(committed).toBeLessThanOrEqual(envelope);
      expect(committed + run.availableCentsAfter).toBe(envelope);
      for (const m of run.movedUp) {
        expect(Number.isSafeInteger(m.amountCents)).toBe(true);
        expect(m.amountCents).toBeGreaterThan(0);
        expect(m.amountCents).toBeLessThanOrEqual(m.requestedCents);
      }
    }));
  });

  it('keeps the order: those who move up are the head of the reserve list, the rest stays in order, only the last may be an offer', () => {
    fc.assert(fc.property(scenario, ({ envelope, awards, reserve: list }) => {
      const run = rerunFundingLine(envelope, awards, list);
      expect([...run.movedUp.map((m) => m.applicationId), ...run.reserve.map((r) => r.applicationId)]).toEqual(list.map((r) => r.applicationId));
      run.movedUp.forEach((m, i) => {
        if (i < run.movedUp.length - 1) expect(m.status).toBe('awarded');
        expect(m.status === 'awarded').toBe(m.amountCents === m.requestedCents);
      });
      // the line stops only when the money is gone or the list is: nobody left on it would have fitted
      if (run.reserve.length && run.availableCentsAfter > 0) throw new Error('money left with applications waiting');
    }));
  });
});

describe('points as the outcome letter shows them', () => {
  const grid: EvaluationGrid = {
    halfPoints: true, totalThreshold: null,
    sections: ['s1', 's2', 's3'].map((id) => ({ id, title: { en: id, sq: id, sr: id }, thresholdPoints: null, criteria: [{ id: `${id}.1`, title: { en: id, sq: id, sr: id }, maxPoints: 40 }] })),
  };
  const sheet = (id: string, s: [number, number, number]): SubmittedSheet => ({ id, submittedAt: '2027-01-01T00:00:00Z', scores: { 's1.1': s[0], 's2.1': s[1], 's3.1': s[2] } });

  it('apportions the hundredths so the sections add up to the total (72.66 beside 72.67 no more)', () => {
    // means 24.333…, 24.333…, 24.0: each rounded gives 24.33 + 24.33 + 24 = 72.66, while the total 72.666… rounds to 72.67
    const sheets = [sheet('x', [24, 24, 24]), sheet('y', [24, 24, 24]), sheet('z', [25, 25, 24])];
    const c = consolidate(grid, sheets, 'mean_all')!;
    expect(c.total).toBe(72.67);
    expect(Object.values(c.sections).reduce((s, v) => s + Math.round(v * 100), 0)).toBe(7266);
    const shown = letterPoints(grid, sheets, 'mean_all')!;
    expect(shown.total).toBe(72.67);
    expect(shown.sections).toEqual({ s1: 24.34, s2: 24.33, s3: 24 });
    expect(sectionsAddUp(shown)).toBe(true);
  });

  it('the issue\'s own case: four sections rounded one by one make 72.68 beside a total of 72.67', () => {
    const four: EvaluationGrid = { ...grid, sections: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: { en: id, sq: id, sr: id }, thresholdPoints: null, criteria: [{ id, title: { en: id, sq: id, sr: id }, maxPoints: 40 }] })) };
    const sheets = [[19, 19, 18, 18], [19, 19, 18, 18], [18, 18, 17, 17]].map((x, i) => ({ id: `s${i}`, submittedAt: '2027-01-01T00:00:00Z', scores: { a: x[0], b: x[1], c: x[2], d: x[3] } }));
    const c = consolidate(four, sheets, 'mean_all')!;
    expect(c.total).toBe(72.67);
    expect(Object.values(c.sections).reduce((s, v) => s + Math.round(v * 100), 0)).toBe(7268);
    const shown = letterPoints(four, sheets, 'mean_all')!;
    expect(shown).toEqual({ sections: { a: 18.67, b: 18.67, c: 17.67, d: 17.66 }, total: 72.67 });
    expect(sectionsAddUp(shown)).toBe(true);
  });

  it('always adds up, keeps the ranking total, and stays within a hundredth of each exact mean', () => {
    const score = fc.integer({ min: 0, max: 80 }).map((x) => x / 2);
    const sheetArb = fc.tuple(score, score, score);
    fc.assert(fc.property(fc.array(sheetArb, { minLength: 1, maxLength: 5 }), fc.constantFrom('mean_all' as const, 'two_closest' as const), (raw, rule) => {
      const sheets = raw.map((s, i) => sheet(`s${i}`, s));
      const shown = letterPoints(grid, sheets, rule)!;
      const c = consolidate(grid, sheets, rule)!;
      expect(shown.total).toBe(c.total);
      expect(sectionsAddUp(shown)).toBe(true);
      for (const id of ['s1', 's2', 's3']) expect(Math.abs(shown.sections[id] - c.sections[id])).toBeLessThanOrEqual(0.0100001);
    }));
  });

  it('is null without sheets', () => {
    expect(letterPoints(grid, [], 'mean_all')).toBeNull();
  });
});
