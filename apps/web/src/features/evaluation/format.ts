import { useTranslation } from 'react-i18next';
import { formatPoints as formatPointsFor } from '../../ui/format-number';

/** Points in the UI language ("7.5", "7,5"); at most two decimals (consolidated scores are means). */
export function formatPoints(points: number, lng: string | undefined): string {
  return formatPointsFor(points, lng);
}

export function usePoints() {
  const { i18n } = useTranslation();
  return (points: number | null | undefined) => (points === null || points === undefined ? '—' : formatPoints(points, i18n.language));
}
