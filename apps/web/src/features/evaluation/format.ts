import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../ui/format';

/** Points in the UI language ("7.5", "7,5"); at most two decimals (consolidated scores are means). */
export function formatPoints(points: number, lng: string | undefined): string {
  return new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 2 }).format(points);
}

export function usePoints() {
  const { i18n } = useTranslation();
  return (points: number | null | undefined) => (points === null || points === undefined ? '—' : formatPoints(points, i18n.language));
}
