import { useFormat } from '../../../ui/format-number';

/**
 * A count as the API shows it to this reader: a number, or a hidden cell given as `{shown: '<5'}` or
 * `{shown: 'c'}`, rendered exactly as given (never worked out again from raw counts).
 */
/** A count as given: a number, or a hidden cell ("<5", "c") with why it is hidden. */
export type ShownCountValue = number | { shown: string; reason: string };

export function ShownCount({ value }: { value: ShownCountValue | null | undefined }) {
  const f = useFormat();
  if (value === null || value === undefined) return <>{f.count(0)}</>;
  if (typeof value === 'number') return <>{f.count(value)}</>;
  return <span data-suppressed={value.reason}>{value.shown}</span>;
}
