import { rankingChanges, reserveFromDecision, rerunFundingLine, type AwardStatus, type MoveUpStep, type RankingChange } from '@grants/domain';
import type { Adjustment, DecisionSnapshot, RankingView, RankingViewRow, SnapshotRow } from './types';

/**
 * The ranking as the decision will make it with the committee's adjusted amounts: the order stays (it depends on
 * the points only); going down the fundable rows, each is awarded its requested or adjusted amount while the
 * envelope allows, the first that does not fit and the `reserveListSize` after it form the reserve list, the rest
 * are rejected — the same walk as rankAndFund in libs/domain, which the server runs again when it records the decision.
 */
export function withAdjustments(view: RankingView, adjustments: readonly Adjustment[], reserveListSize: number): { ranking: RankingView; changes: RankingChange[] } {
  if (adjustments.length === 0) return { ranking: view, changes: [] };
  const byId = new Map(adjustments.map((a) => [a.applicationId, a]));
  let remaining = Math.max(0, view.envelopeCents);
  let awarded = 0;
  let stopped = false;
  let reservePlace = 0;
  const rows: RankingViewRow[] = view.rows.map((r) => {
    // below a threshold or still waiting for sheets: no place on the list, nothing changes
    if (r.rank === null) return r;
    const adj = byId.get(r.applicationId);
    const amount = adj ? adj.amountCents : r.requestedCents;
    const base = { ...r, adjustment: adj ? { amountCents: adj.amountCents, reason: adj.reason } : null };
    if (!stopped && amount <= remaining) {
      remaining -= amount;
      awarded += amount;
      return { ...base, awardedCents: amount, outcome: 'awarded', reason: null, reservePlace: null };
    }
    stopped = true;
    if (reservePlace < reserveListSize) {
      reservePlace += 1;
      return { ...base, awardedCents: 0, outcome: 'reserve', reason: null, reservePlace };
    }
    return { ...base, awardedCents: 0, outcome: 'rejected', reason: 'not_within_envelope', reservePlace: null };
  });
  const ranking = { ...view, rows, awardedCents: awarded, remainingCents: remaining };
  return { ranking, changes: rankingChanges(view, ranking) };
}

/**
 * Where the funding line goes: after the last awarded row (-1: above the first row when nothing fits), when a
 * ranked application that is not awarded follows it; null when there is no such application.
 */
export function fundingLineAfter(rows: readonly { outcome: string; rank: number | null }[]): number | null {
  let last = -1;
  rows.forEach((r, i) => {
    if (r.outcome === 'awarded') last = i;
  });
  const next = rows[last + 1];
  return next && next.rank !== null && next.outcome !== 'awarded' ? last : null;
}

/** An award as the re-run of the funding line needs it. */
type AwardLine = { id: string; applicationId: string; amountCents: number; status: AwardStatus };

/**
 * Who moves up if one award is declined: the domain's re-run of the funding line (rerunFundingLine, the rule the
 * server applies when it records the decline) over the decision's reserve list as it stands now — the reserve
 * places without an award, and those holding an open offer, which money that comes back tops up first. In
 * reserve-list order: each is awarded its requested amount while it fits, the first that does not is offered
 * what is left.
 */
export function movesUpAfterDecline(snapshot: DecisionSnapshot, awards: readonly AwardLine[], awardId: string): { step: MoveUpStep; row: SnapshotRow }[] {
  const reserveRows = snapshot.ranking.filter((r) => r.outcome === 'reserve' && r.reservePlace !== null);
  const onReserve = new Set(reserveRows.map((r) => r.applicationId));
  const withAward = new Set(awards.map((a) => a.applicationId));
  const stillReserve = reserveRows.filter((r) => !withAward.has(r.applicationId)).map((r) => r.applicationId);
  const openOffers = new Map(awards.filter((a) => a.status === 'offered' && onReserve.has(a.applicationId)).map((a) => [a.applicationId, a.amountCents]));
  const after = awards.map((a) => ({ applicationId: a.applicationId, amountCents: a.amountCents, status: a.id === awardId ? ('declined' as const) : a.status }));
  const { movedUp } = rerunFundingLine(snapshot.envelopeCents, after, reserveFromDecision(reserveRows, stillReserve, openOffers));
  const rowOf = new Map(reserveRows.map((r) => [r.applicationId, r]));
  return movedUp.flatMap((step) => {
    const row = rowOf.get(step.applicationId);
    return row ? [{ step, row }] : [];
  });
}
