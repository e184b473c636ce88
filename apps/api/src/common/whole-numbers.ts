/**
 * bigint columns (cents, byte sizes) come from node-pg as text, and jsonb numbers as numbers: the one place they
 * become exact whole numbers. Money never passes through a float; a value beyond 2^53 is an error, not a rounding.
 */

/** A whole number within 2^53, or a RangeError that names what it was (`what`: "cents", "size", …). */
export function wholeNumber(v: string | number | bigint, what = 'value'): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A ${what} of ${String(v)} is not a whole number counted exactly (within 2^53)`);
  return n;
}

/** bigint cents → an exact integer number; a missing amount (null, no row) counts 0. */
export function cents(v: string | number | bigint | null | undefined): number {
  return v === null || v === undefined ? 0 : wholeNumber(v, 'cents amount');
}

/** The same row with each named column turned into a whole number (null stays null). */
export function wholeNumbers<T extends Record<string, unknown>>(row: T, keys: readonly (keyof T & string)[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const k of keys) {
    const v = out[k];
    if (v !== null && v !== undefined) out[k] = wholeNumber(v as string | number, k);
  }
  return out as T;
}
