import { describe, expect, it } from 'vitest';
import { ROWS } from './test/fixtures';
import { decisionSnapshot, type DecisionSnapshot } from './types';

describe('decisionSnapshot', () => {
  it('reads the frozen ranking of a decision record (the API declares the snapshot as a free object)', () => {
    const snapshot = { envelopeCents: 12_000_000, committeeMembers: ['Ana'], decidedOn: '2026-06-02', ranking: ROWS, awardedCents: 10_000_000, remainingCents: 2_000_000 } satisfies DecisionSnapshot;
    expect(decisionSnapshot({ snapshot })?.ranking.map((r) => r.reference)).toEqual(['APP-1', 'APP-2', 'APP-3', 'APP-4']);
  });

  it('gives nothing for a record without its rows or envelope, or no decision, so the screen falls back to the live ranking', () => {
    expect(decisionSnapshot({ snapshot: {} })).toBeUndefined();
    expect(decisionSnapshot({ snapshot: { ranking: 'x', envelopeCents: 1 } })).toBeUndefined();
    expect(decisionSnapshot({ snapshot: { ranking: [] } })).toBeUndefined();
    expect(decisionSnapshot(null)).toBeUndefined();
  });
});
