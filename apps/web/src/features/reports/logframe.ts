import type { GrantLogframe, Indicator, IndicatorLevel, LogframeResult, SpecificObjective } from '@grants/domain';
import type { Schemas } from '../../api/client';

/** The grant's logframe as the report's DTO gives it: results, and indicators and activities each naming its result. */
export type ReportLogframe = Schemas['NarrativeLogframeResponseDto'];

export type ReportIndicator = { key: string; text: string; indicator: Pick<Indicator, 'baseline' | 'target' | 'meansOfVerification' | 'unit'> | null };
export type ReportActivity = { key: string; text: string };
export type ReportResult = { key: string; text: string; indicators: ReportIndicator[]; activities: ReportActivity[] };

/** The logframe as the report form walks it: each expected result with its indicators and activities, in the logframe's order. */
export function groupLogframe(logframe: ReportLogframe | null | undefined): ReportResult[] {
  if (!logframe) return [];
  return logframe.results.map((r) => ({
    key: r.key,
    text: r.text,
    indicators: logframe.indicators
      .filter((i) => i.resultKey === r.key)
      .map((i) => ({ key: i.key, text: i.name, indicator: { baseline: i.baseline, target: i.target, meansOfVerification: i.meansOfVerification, unit: i.unit } })),
    activities: logframe.activities.filter((a) => a.resultKey === r.key).map((a) => ({ key: a.key, text: a.text })),
  }));
}

/** Every indicator of the logframe, in its order. */
export function allIndicators(results: readonly ReportResult[]): ReportIndicator[] {
  return results.flatMap((r) => r.indicators);
}

/**
 * The logframe back in the shape the domain's checks take (narrativeReportCompleteness), so that `logframeItems`
 * of the answer gives the same result, indicator and activity keys as the report's.
 */
export function grantLogframeOf(logframe: ReportLogframe | null | undefined): GrantLogframe {
  const sos: SpecificObjective[] = [];
  for (const r of logframe?.results ?? []) {
    const m = /^so\.(\d+)\.result\.\d+$/.exec(r.key);
    const index = m ? Number(m[1]) - 1 : Math.max(0, sos.length - 1);
    while (sos.length <= index) sos.push({ text: '', results: [] });
    const result: LogframeResult = {
      text: r.text,
      indicators: (logframe?.indicators ?? [])
        .filter((i) => i.resultKey === r.key)
        .map((i): Indicator => ({ name: i.name, level: i.level as IndicatorLevel, unit: i.unit, baseline: i.baseline, target: i.target, meansOfVerification: i.meansOfVerification, frequency: i.frequency })),
      activities: (logframe?.activities ?? []).filter((a) => a.resultKey === r.key).map((a) => ({ code: a.key.startsWith('activity.') ? a.key.slice('activity.'.length) : '', text: a.text })),
    };
    sos[index]!.results.push(result);
  }
  return { overallObjective: '', specificObjectives: sos };
}
