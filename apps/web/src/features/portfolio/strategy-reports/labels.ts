import type { TFunction } from 'i18next';
import type { StrategyReportSummary } from './api';

/** "6-month report, July–December 2026" / "Annual report 2026": how a report is named on every screen. */
export function reportName(t: TFunction, r: Pick<StrategyReportSummary, 'kind' | 'periodStart'>): string {
  const year = r.periodStart.slice(0, 4);
  if (r.kind === 'annual') return t('strategyReports.name.annual', { year });
  return t(r.periodStart.slice(5, 7) === '01' ? 'strategyReports.name.firstHalf' : 'strategyReports.name.secondHalf', { year });
}
