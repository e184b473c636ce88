import { describe, expect, it } from 'vitest';
import { ROWS, rankingData } from './test/fixtures';
import { fundingLineAfter, withAdjustments } from './funding';

describe('withAdjustments', () => {
  it('changes nothing without adjustments', () => {
    const view = rankingData().ranking;
    expect(withAdjustments(view, [], 5)).toEqual({ ranking: view, changes: [] });
  });

  it('walks the fundable rows again with the lowered amounts, as the server will', () => {
    const view = rankingData().ranking;
    const { ranking, changes } = withAdjustments(view, [{ applicationId: 'a1', amountCents: 3_000_000, reason: 'r' }], 5);
    expect(ranking.rows.map((r) => [r.reference, r.outcome, r.awardedCents])).toEqual([
      ['APP-1', 'awarded', 3_000_000],
      ['APP-2', 'awarded', 5_000_000],
      ['APP-3', 'awarded', 4_000_000],
      ['APP-4', 'rejected', 0],
    ]);
    expect(ranking.rows[0].adjustment).toEqual({ amountCents: 3_000_000, reason: 'r' });
    expect(ranking.awardedCents).toBe(12_000_000);
    expect(ranking.remainingCents).toBe(0);
    expect(changes).toEqual([{ applicationId: 'a3', reference: 'APP-3', from: 'reserve', to: 'awarded' }]);
  });

  it('keeps the reserve list to its size and rejects the rest as not within the envelope', () => {
    const rows = [...ROWS.slice(0, 3), { ...ROWS[2], applicationId: 'a5', reference: 'APP-5', rank: 4, reservePlace: 2 }];
    const { ranking } = withAdjustments(rankingData({ rows }).ranking, [{ applicationId: 'a1', amountCents: 4_900_000, reason: 'r' }], 1);
    expect(ranking.rows.map((r) => [r.reference, r.outcome, r.reservePlace, r.reason])).toEqual([
      ['APP-1', 'awarded', null, null],
      ['APP-2', 'awarded', null, null],
      ['APP-3', 'reserve', 1, null],
      ['APP-5', 'rejected', null, 'not_within_envelope'],
    ]);
  });
});

describe('fundingLineAfter', () => {
  it('is after the last awarded row when a ranked application follows', () => {
    expect(fundingLineAfter(ROWS)).toBe(1);
  });
  it('is above the first row when nothing fits, and absent when everything fundable is awarded', () => {
    expect(fundingLineAfter([{ outcome: 'reserve', rank: 1 }])).toBe(-1);
    expect(fundingLineAfter([{ outcome: 'awarded', rank: 1 }, { outcome: 'rejected', rank: null }])).toBeNull();
    expect(fundingLineAfter([])).toBeNull();
  });
});
