/**
 * The monitoring priority of a grant (issue 11, risk-based planning): a score in whole points from its latest
 * visit rating, its overdue reports and action points, the gap between the share of money spent and the share
 * of time elapsed (burnRate's gapBp, either way: spending far ahead of or far behind time), and the days since
 * the last visit (since the grant's start when never visited). Each part is capped, so no single signal swamps
 * the others; the result lists every part that counts with the figure behind it, so the screen can explain the
 * rule. Integer arithmetic only; the same facts always give the same score. Pure.
 */
import type { VisitRating } from './monitoring-visits';

/** The rule's figures, shown on screen next to the list. */
export const MONITORING_PRIORITY_RULE = Object.freeze({
  /** Points for the latest rating; a grant never rated (no visit report yet) counts as `unrated`. */
  ratingPoints: Object.freeze({ unrated: 10, 1: 0, 2: 25, 3: 50 }),
  overdueReportPoints: 15,
  overdueReportCap: 45,
  overdueActionPointPoints: 5,
  /** Added on top for each overdue action point of high priority. */
  overdueHighActionPointPoints: 10,
  overdueActionPointCap: 40,
  /** A gap up to this many basis points (10 percentage points) is normal and counts nothing. */
  gapToleranceBp: 1_000,
  /** Then 5 points per further 10 percentage points, or part of them. */
  gapStepBp: 1_000,
  gapStepPoints: 5,
  gapCap: 25,
  /** Up to this many days since the last visit counts nothing (a visit a quarter is the norm). */
  visitGraceDays: 90,
  /** Then 5 points per further 30 days, or part of them. */
  visitStepDays: 30,
  visitStepPoints: 5,
  visitCap: 30,
  /** Bands for the list: high from 50 points, medium from 25. */
  highFrom: 50,
  mediumFrom: 25,
});

export type MonitoringPriorityInput = {
  /** The rating of the latest accepted (or shared) visit report; null when there is none. */
  latestRating: VisitRating | null;
  overdueReports: number;
  /** Overdue action points in all, and of them those of high priority. */
  overdueActionPoints: number;
  overdueHighActionPoints: number;
  /** burnRate(...).gapBp: spent share minus elapsed share, in basis points; null when nothing was approved. */
  gapBp: number | null;
  /** Whole days since the last visit, or since the grant's start when it was never visited (≥ 0). */
  daysSinceLastVisit: number;
  /** Whether the grant was ever visited (only for the explanation). */
  visited: boolean;
};

export type MonitoringPriorityReasonCode = 'rating' | 'unrated' | 'overdue_reports' | 'overdue_action_points' | 'spending_gap' | 'days_since_visit' | 'never_visited';

export type MonitoringPriorityReason = { code: MonitoringPriorityReasonCode; points: number; params: Record<string, number> };

export type MonitoringPriorityBand = 'high' | 'medium' | 'low';

export type MonitoringPriority = { score: number; band: MonitoringPriorityBand; reasons: MonitoringPriorityReason[] };

const wholeNonNegative = (n: number, name: string): number => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${n}`);
  return n;
};

/** ceil(a / b) for a ≥ 0, b > 0, in integers. */
const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);

/**
 * The grant's monitoring priority and why. Reasons are listed in a fixed order (rating, reports, action points,
 * spending, visit), only those that add points (the rating always, 0 for a rating of 1, so the screen says it).
 */
export function monitoringPriority(input: MonitoringPriorityInput): MonitoringPriority {
  const R = MONITORING_PRIORITY_RULE;
  const reports = wholeNonNegative(input.overdueReports, 'overdueReports');
  const points = wholeNonNegative(input.overdueActionPoints, 'overdueActionPoints');
  const high = wholeNonNegative(input.overdueHighActionPoints, 'overdueHighActionPoints');
  if (high > points) throw new RangeError('overdueHighActionPoints must not exceed overdueActionPoints');
  const days = wholeNonNegative(input.daysSinceLastVisit, 'daysSinceLastVisit');
  if (input.gapBp !== null && !Number.isSafeInteger(input.gapBp)) throw new RangeError(`gapBp must be whole basis points, got ${input.gapBp}`);

  const reasons: MonitoringPriorityReason[] = [];
  if (input.latestRating === null) reasons.push({ code: 'unrated', points: R.ratingPoints.unrated, params: {} });
  else reasons.push({ code: 'rating', points: R.ratingPoints[input.latestRating], params: { rating: input.latestRating } });

  if (reports > 0) reasons.push({ code: 'overdue_reports', points: Math.min(R.overdueReportCap, reports * R.overdueReportPoints), params: { count: reports } });

  if (points > 0) {
    const p = Math.min(R.overdueActionPointCap, points * R.overdueActionPointPoints + high * R.overdueHighActionPointPoints);
    reasons.push({ code: 'overdue_action_points', points: p, params: { count: points, high } });
  }

  if (input.gapBp !== null) {
    const gap = Math.abs(input.gapBp);
    if (gap > R.gapToleranceBp) {
      const p = Math.min(R.gapCap, ceilDiv(gap - R.gapToleranceBp, R.gapStepBp) * R.gapStepPoints);
      reasons.push({ code: 'spending_gap', points: p, params: { gapBp: input.gapBp } });
    }
  }

  if (days > R.visitGraceDays) {
    const p = Math.min(R.visitCap, ceilDiv(days - R.visitGraceDays, R.visitStepDays) * R.visitStepPoints);
    reasons.push({ code: input.visited ? 'days_since_visit' : 'never_visited', points: p, params: { days } });
  }

  const score = reasons.reduce((s, r) => s + r.points, 0);
  const band: MonitoringPriorityBand = score >= R.highFrom ? 'high' : score >= R.mediumFrom ? 'medium' : 'low';
  return { score, band, reasons };
}

/** The most urgent first: the higher score, then the longer since a visit, then the grant id. Deterministic. */
export function compareMonitoringPriority(
  a: { grantId: string; priority: MonitoringPriority; daysSinceLastVisit: number },
  b: { grantId: string; priority: MonitoringPriority; daysSinceLastVisit: number },
): number {
  if (a.priority.score !== b.priority.score) return b.priority.score - a.priority.score;
  if (a.daysSinceLastVisit !== b.daysSinceLastVisit) return b.daysSinceLastVisit - a.daysSinceLastVisit;
  return a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0;
}

/** The highest score the rule can give (every part at its cap). */
export const MONITORING_PRIORITY_MAX =
  MONITORING_PRIORITY_RULE.ratingPoints[3] + MONITORING_PRIORITY_RULE.overdueReportCap + MONITORING_PRIORITY_RULE.overdueActionPointCap + MONITORING_PRIORITY_RULE.gapCap + MONITORING_PRIORITY_RULE.visitCap;
