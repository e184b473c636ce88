import { emptyNarrativeReportContent, logframeItems, type GrantLogframe, type NarrativeReportContent } from '@grants/domain';
import { shownContent } from './content';
import type { ReportLogframe } from './logframe';
import type { Report } from './types';

/** A grant's logframe: one specific objective, two results, an indicator each and an activity each. */
export const LOGFRAME: GrantLogframe = {
  overallObjective: 'Victims of trafficking rebuild their lives',
  specificObjectives: [
    {
      text: 'Rehabilitation and reintegration services',
      results: [
        {
          text: 'Women in the shelter receive counselling',
          indicators: [{ name: 'Women counselled', level: 'output', unit: 'women', baseline: '0', target: '40', meansOfVerification: 'Session register', frequency: 'monthly' }],
          activities: [{ code: 'A1.1', text: 'Run weekly counselling sessions' }],
        },
        {
          text: 'Young people find work',
          indicators: [{ name: 'Young people employed', level: 'outcome', unit: 'people', baseline: '0', target: '20', meansOfVerification: 'Employment contracts', frequency: 'quarterly' }],
          activities: [{ code: 'A2.1', text: 'Vocational training in cooking' }],
        },
      ],
    },
  ],
};

export const I1 = 'so.1.result.1.indicator.1';
export const I2 = 'so.1.result.2.indicator.1';

export function content(patch: Partial<NarrativeReportContent> = {}): NarrativeReportContent {
  return { ...emptyNarrativeReportContent(LOGFRAME), ...patch };
}

/** Everything filled in: the report may be submitted (as far as its content goes). */
export function completeContent(): NarrativeReportContent {
  return content({
    general: { summary: 'Counselling ran every week; the cooking course started.' },
    results: { 'so.1.result.1': { summary: 'Thirty women counselled.' }, 'so.1.result.2': { summary: 'Eight young people in work.' } },
    activities: {
      'activity.A1.1': { done: 'Weekly sessions', status: 2, deviations: '' },
      'activity.A2.1': { done: 'Course started in May', status: 3, deviations: '' },
    },
    indicators: {
      [I1]: { periodValue: '30', cumulativeValue: '30', comment: '', evidenceFileIds: [] },
      [I2]: { periodValue: '2', cumulativeValue: '2', comment: '', evidenceFileIds: [] },
    },
    beneficiaries: { total: 12, bySex: { female: 10, male: 2 }, byAge: { '18-24': 7, '25-59': 5 }, byIntake: { new: 12 }, byService: { psychological_support: 12 }, byMunicipality: { prishtina: 12 } },
    challenges: 'Transport to the shelter',
    lessons: 'Plan the course with employers',
    nextPlan: 'A second cooking course',
  });
}

/** The logframe as the report's DTO gives it (results; indicators and activities naming their result). */
export function reportLogframe(lf: GrantLogframe): ReportLogframe {
  const out: ReportLogframe = { results: [], indicators: [], activities: [] };
  let resultKey = '';
  for (const item of logframeItems(lf)) {
    if (item.kind === 'result') {
      resultKey = item.key;
      out.results.push({ key: item.key, text: item.text });
    } else if (item.kind === 'indicator' && item.indicator) {
      const { baseline, target, ...rest } = item.indicator;
      out.indicators.push({ key: item.key, resultKey, ...rest, baseline: String(baseline), target: String(target) });
    } else if (item.kind === 'activity') out.activities.push({ key: item.key, resultKey, text: item.text });
  }
  return out;
}

const progress = (indicatorKey: string) => ({ indicatorKey, baseline: null, target: null, periodValue: null, cumulativeValue: null, direction: null, progressBp: null, achieved: false, elapsedBp: 5000, gapBp: null, behind: false });

type ReportOverrides = Omit<Partial<Report>, 'content'> & { content?: NarrativeReportContent | Report['content'] };

/** A report as GET /api/reports/:id answers the organisation (its own draft). */
export function makeReport(overrides: ReportOverrides = {}): Report {
  const { content: c, ...rest } = overrides;
  return {
    id: 'r1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave', kind: 'interim', seq: 1,
    periodStart: '2026-03-01', periodEnd: '2026-08-31', dueDate: '2026-09-30', scheduledDueDate: '2026-09-30', status: 'draft', overdue: false, escalated: false,
    submittedVersion: 0, submittedAt: null, version: 3,
    content: shownContent(content()),
    beneficiaries: null,
    logframe: reportLogframe(LOGFRAME),
    grantStartDate: '2026-03-01', grantEndDate: '2027-02-28', contentVersion: null,
    indicatorProgress: [
      progress(I1),
      progress(I2),
    ],
    completeness: { complete: false, problems: [] },
    expenditureReport: { id: 'e1', seq: 1, status: 'submitted', spentCents: 1_234_500, acceptedCents: null },
    comments: [],
    evidenceFiles: [],
    versions: [],
    extensionRequests: [],
    can: { edit: true, submit: true, review: false, comment: false, requestExtension: true, decideExtension: false },
    ...rest,
    ...(c !== undefined ? { content: c === null ? null : shownContent(c as NarrativeReportContent) } : {}),
  };
}
