import { DEFAULT_GRANT_SETTINGS, grantReportingSchedule } from '@grants/domain';
import type { DataSource } from 'typeorm';
import { newUser } from './harness';

/** A Kosovo calendar date `offset` days from today. */
export const kosovoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Belgrade' });

/** The logframe of a reporting test grant: two results, two indicators on the first, three activities. */
export const REPORT_LOGFRAME = {
  overallObjective: 'Victims of trafficking rebuild their lives',
  specificObjectives: [{
    text: 'Long-term reintegration',
    results: [
      {
        text: 'Survivors gain skills and work',
        indicators: [
          { name: 'Survivors trained', level: 'output', unit: 'people', baseline: '0', target: '40', meansOfVerification: 'attendance lists (counts)', frequency: 'quarterly' },
          { name: 'Survivors employed', level: 'outcome', unit: 'people', baseline: '0', target: '10', meansOfVerification: 'employment contracts (counts)', frequency: 'six-monthly' },
        ],
        activities: [{ code: 'A1.1', text: 'Vocational course' }, { code: 'A1.2', text: 'Job placement' }],
      },
      { text: 'Families are supported', indicators: [], activities: [{ code: 'A2.1', text: 'Family mediation' }] },
    ],
  }],
};

let seq = 0;

/**
 * A grant in force of a new organisation (its owner and a member), followed by a new monitor: a year from 200 days ago,
 * the logframe above, the reporting schedule of the default settings (an interim report for the first six months,
 * due 30 days after, and the final report). No report rows yet: the API makes them. With `status: 'signed_by_organization'`
 * it waits for the Secretariat's countersignature instead.
 */
export async function reportingGrant(ds: DataSource, call: { callId: string; decisionId: string }, opts: { status?: 'in_force' | 'signed_by_organization' } = {}) {
  const owner = await newUser(ds, 'applicant', { language: 'en' });
  const orgId = owner.user.organizationId!;
  const member = await newUser(ds, 'applicant', { organizationId: orgId, orgRole: 'member', language: 'sq' });
  const monitor = await newUser(ds, 'monitor');
  seq += 1;
  const startDate = kosovoDay(-200);
  const endDate = kosovoDay(164);
  const schedule = grantReportingSchedule(startDate, endDate, DEFAULT_GRANT_SETTINGS);
  const [app] = await ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [call.callId, orgId]);
  const [award] = await ds.query(
    `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, 4000000, 'awarded') RETURNING id`, [call.callId, app.id, call.decisionId]);
  const agreementNumber = `MF-REP-${Date.now().toString(36)}-${String(seq).padStart(3, '0')}`;
  const [g] = await ds.query(
    `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq, status, countersigned_at, monitor_id,
                         start_date, end_date, logframe, budget, reporting_schedule)
     VALUES ($1, $2, $3, 4000000, $4, $5, $12, CASE WHEN $12 = 'in_force' THEN now() END, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [award.id, call.callId, orgId, agreementNumber, 1000 + seq, monitor.user.id, startDate, endDate, JSON.stringify(REPORT_LOGFRAME),
      JSON.stringify({ lines: [], headings: [], directCents: 4000000, indirectCostBp: 0, indirectCents: 0, totalCents: 4000000, coFinancingCents: 0, requestedCents: 4000000, coFinancingBp: 0 }),
      JSON.stringify(schedule), opts.status ?? 'in_force']);
  const [org] = await ds.query(`SELECT legal_name FROM organizations WHERE id = $1`, [orgId]);
  return { grantId: g.id as string, agreementNumber, organization: org.legal_name as string, owner, member, monitor, schedule, startDate, endDate };
}
