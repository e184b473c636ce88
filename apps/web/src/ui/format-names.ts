import { DEMO_PROGRAMME_NAME } from '@grants/domain';
import type { TFunction } from 'i18next';

/**
 * The grant programmes the portal serves, by the name the API stores, and the key of their name in each
 * language ("Moving Forward – skema e granteve e Klasterit 3"). A programme not listed here is shown as stored.
 */
const PROGRAMME_KEYS: Readonly<Record<string, string>> = {
  [DEMO_PROGRAMME_NAME]: 'programmes.movingForwardCluster3',
};

export function programmeName(stored: string | null | undefined, t: TFunction): string {
  if (!stored) return '';
  const key = PROGRAMME_KEYS[stored];
  return key ? t(key) : stored;
}
