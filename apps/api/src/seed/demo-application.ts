import type { ApplicationContent } from '@grants/domain';

/**
 * The National Strategy activity each variant's specific objective serves (the demo call's priorities are III.2 and
 * III.4): vocational training for employment (III.4.4), agreements with businesses to employ survivors (III.2.10),
 * the subsidy for survivors' small businesses (III.4.3), psycho-social support fitted to each victim (III.2.7); so the
 * portfolio's results by objective show several.
 */
export const DEMO_NS_TAGS = ['III.4.4', 'III.2.10', 'III.4.3', 'III.2.7'] as const;
const DEMO_SPECIFIC_OBJECTIVES: Record<(typeof DEMO_NS_TAGS)[number], string> = {
  'III.4.4': 'Survivors gain skills and income that let them live independently.',
  'III.2.10': 'Survivors find work through agreements with local businesses and crafts that employ them.',
  'III.4.3': 'Survivors gain the skills and the start-up subsidy to run a small business of their own.',
  'III.2.7': 'Survivors recover with psycho-social support fitted to each one, then gain the skills to work.',
};

/**
 * A complete application to the demo call (EUR 41,619 requested, 12 months, Prishtinë and Ferizaj), used by the demo
 * data, the tests and the deadline benchmark. Beneficiaries are counts by group, never people.
 */
export function demoApplicationContent(startDate: string, variant = 0): Omit<ApplicationContent, 'attachments'> {
  return {
    project: {
      title: `Safe steps: reintegration through work and care${variant ? ` (${variant})` : ''}`,
      summary: 'Case management, psychological counselling, vocational training and job placement for women and girls who survived trafficking, with the municipal centres for social work.',
      durationMonths: 12,
      startDate,
      municipalities: ['prishtina', 'ferizaj'],
      targetGroups: ['Adult women survivors', 'Girls 15–17 in shelters'],
      beneficiariesByGroup: [{ group: 'Adult women survivors', count: 40 }, { group: 'Girls 15–17 in shelters', count: 15 }],
    },
    logframe: {
      overallObjective: 'Victims and presumed victims of trafficking reintegrate into society in a sustainable way (National Strategy III.4).',
      specificObjectives: [{
        text: DEMO_SPECIFIC_OBJECTIVES[DEMO_NS_TAGS[Math.abs(variant) % DEMO_NS_TAGS.length]],
        nsObjective: DEMO_NS_TAGS[Math.abs(variant) % DEMO_NS_TAGS.length],
        results: [{
          text: 'Survivors complete vocational training and are placed in jobs.',
          indicators: [
            { name: 'Survivors who complete a vocational course', level: 'output', unit: 'persons (count)', baseline: '0', target: '40', meansOfVerification: 'Attendance sheets, certificates', frequency: 'Quarterly' },
            { name: 'Survivors employed 6 months after the course', level: 'outcome', unit: 'persons (count)', baseline: '0', target: '20', meansOfVerification: 'Employment contracts (anonymised)', frequency: 'Half-yearly' },
          ],
          activities: [{ code: 'A1.1', text: 'Individual needs assessment and reintegration plan' }, { code: 'A1.2', text: 'Vocational courses with partner training centres' }],
        }],
      }],
    },
    workplan: [{ activityCode: 'A1.1', months: [1, 2, 3] }, { activityCode: 'A1.2', months: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }],
    budget: {
      lines: [
        { heading: 'human_resources', description: 'Case manager (part time)', unit: 'month', quantity: 12, unitCostCents: 120_000 },
        { heading: 'human_resources', description: 'Psychologist (part time)', unit: 'month', quantity: 12, unitCostCents: 90_000 },
        { heading: 'services', description: 'Vocational courses', unit: 'participant', quantity: 40, unitCostCents: 25_000 },
        { heading: 'travel', description: 'Local transport for participants', unit: 'trip', quantity: 300, unitCostCents: 1_500 },
        { heading: 'equipment_supplies', description: 'Training materials', unit: 'set', quantity: 40, unitCostCents: 5_000 },
      ],
      coFinancingCents: 300_000,
      indirectCostBp: 700,
    },
    capacity: {
      experienceWithVoT: 'Fifteen years of shelter and reintegration services; licensed by the Ministry; partner of the National Anti-Trafficking Coordinator.',
      staff: 'Two case managers, one psychologist, one lawyer, one vocational counsellor.',
      licenceNumber: 'MPMS-SH-2024-117',
    },
    declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
  };
}
