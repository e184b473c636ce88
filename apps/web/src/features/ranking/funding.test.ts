import { describe, expect, it } from 'vitest';
import { ROWS, rankingData } from './test/fixtures';
import { fundingLineAfter, movesUpAfterDecline, withAdjustments } from './funding';
import type { DecisionSnapshot } from './types';

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

describe('movesUpAfterDecline', () => {
  // envelope €120,000: APP-1 and APP-2 awarded €50,000 each; APP-3 (€40,000) and APP-4 (€40,000) on the reserve list
  const reserve = (id: string, place: number) => ({ ...ROWS[2], applicationId: id, reference: id.toUpperCase(), reservePlace: place, requestedCents: 4_000_000 });
  const snapshot: DecisionSnapshot = {
    envelopeCents: 12_000_000, committeeMembers: ['Ana'], decidedOn: '2026-06-02', awardedCents: 10_000_000, remainingCents: 2_000_000,
    ranking: [ROWS[0], ROWS[1], reserve('app-3', 1), reserve('app-4', 2)],
  };
  const award = (id: string, applicationId: string, amountCents: number, status: 'awarded' | 'offered' | 'declined' | 'refused' = 'awarded') => ({ id, applicationId, amountCents, status });
  const moved = (r: ReturnType<typeof movesUpAfterDecline>) => r.map(({ step, row }) => [row.reference, step.status, step.amountCents]);

  it('runs the funding line down the reserve list in order: awarded while it fits, the first that does not is offered what is left', () => {
    const awards = [award('w1', 'a1', 5_000_000), award('w2', 'a2', 5_000_000)];
    expect(moved(movesUpAfterDecline(snapshot, awards, 'w2'))).toEqual([['APP-3', 'awarded', 4_000_000], ['APP-4', 'offered', 3_000_000]]);
  });

  it('tops up an open offer first, and skips those that left the reserve list (moved up or refused)', () => {
    const offered = [award('w1', 'a1', 5_000_000), award('w2', 'a2', 5_000_000), award('w3', 'app-3', 2_000_000, 'offered')];
    expect(moved(movesUpAfterDecline(snapshot, offered, 'w1'))).toEqual([['APP-3', 'awarded', 4_000_000], ['APP-4', 'offered', 3_000_000]]);
    const refused = [award('w1', 'a1', 5_000_000), award('w2', 'a2', 5_000_000), award('w3', 'app-3', 2_000_000, 'refused')];
    expect(moved(movesUpAfterDecline(snapshot, refused, 'w1'))).toEqual([['APP-4', 'awarded', 4_000_000]]);
  });

  it('moves no one up when the reserve list is empty', () => {
    const awards = [award('w1', 'a1', 5_000_000), award('w2', 'a2', 5_000_000)];
    expect(movesUpAfterDecline({ ...snapshot, ranking: [ROWS[0], ROWS[1]] }, awards, 'w1')).toEqual([]);
  });
});
