import { intlLocale } from '../../ui/format';

/** Points with up to two decimals, in the UI language's notation ("—" for none). */
export function formatPoints(value: number | null | undefined, lng: string | undefined): string {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 2 }).format(value);
}
