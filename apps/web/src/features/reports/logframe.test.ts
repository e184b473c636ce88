import { logframeItems, narrativeLogframeKeys } from '@grants/domain';
import { describe, expect, it } from 'vitest';
import { LOGFRAME, reportLogframe } from './fixtures.test-data';
import { grantLogframeOf, groupLogframe } from './logframe';

describe('the report’s logframe', () => {
  it('groups each result with its indicators and activities', () => {
    const results = groupLogframe(reportLogframe(LOGFRAME));
    expect(results.map((r) => [r.key, r.indicators.map((i) => i.key), r.activities.map((a) => a.key)])).toEqual([
      ['so.1.result.1', ['so.1.result.1.indicator.1'], ['activity.A1.1']],
      ['so.1.result.2', ['so.1.result.2.indicator.1'], ['activity.A2.1']],
    ]);
    expect(results[0]!.indicators[0]!.indicator).toMatchObject({ baseline: '0', target: '40', meansOfVerification: 'Session register', unit: 'women' });
  });

  it('gives the domain a logframe with the same keys as the report’s', () => {
    const back = grantLogframeOf(reportLogframe(LOGFRAME));
    expect(narrativeLogframeKeys(back)).toEqual(narrativeLogframeKeys(LOGFRAME));
    expect(logframeItems(back).filter((i) => i.kind === 'indicator').map((i) => i.indicator?.target)).toEqual(['40', '20']);
  });
});
