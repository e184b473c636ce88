/**
 * Small-count suppression: beneficiaries are only ever counts, and a count from 1 to 4 on a dashboard
 * or in an export could point at a person, so it is shown as "<5". Zero is safe and stays 0.
 */

export const SMALL_COUNT_THRESHOLD = 5;
export const SUPPRESSED_COUNT = '<5' as const;
export type SuppressedCount = number | typeof SUPPRESSED_COUNT;

/** A count as it may be shown: 1..4 become '<5'. Throws RangeError for anything that is not a count. */
export function suppressSmallCount(n: number): SuppressedCount {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count must be a non-negative integer, got ${n}`);
  return n > 0 && n < SMALL_COUNT_THRESHOLD ? SUPPRESSED_COUNT : n;
}
