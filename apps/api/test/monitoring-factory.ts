import type { DataSource } from 'typeorm';
import { newUser, type Client } from './harness';

/** A call and its award decision that test grants hang from (grants, monitoring and their workers), made once per spec file. */
export async function testCall(ds: DataSource, officer: Client, reference: string): Promise<{ callId: string; decisionId: string }> {
  const call = (await officer.post('/api/calls', { reference, title: { en: 'M', sq: 'M', sr: 'M' } }).expect(201)).body as { id: string };
  const [decision] = await ds.query(
    `INSERT INTO award_decisions (call_id, seq, kind, decided_on, envelope_cents, snapshot, sha256) VALUES ($1, 1, 'decision', current_date, 100000000, '{}', repeat('0', 64)) RETURNING id`, [call.id]);
  return { callId: call.id, decisionId: decision.id };
}

/** The logframe of a test grant: two results, three activities (their work plan ids: activity.A1.1, activity.A1.2, activity.A2.1). */
export const TEST_LOGFRAME = {
  overallObjective: 'Victims of trafficking rebuild their lives',
  specificObjectives: [{
    text: 'Safe accommodation and support',
    results: [
      { text: 'Residents are safe and supported', indicators: [], activities: [{ code: 'A1.1', text: 'Run the shelter' }, { code: 'A1.2', text: 'Counselling sessions' }] },
      { text: 'Residents gain skills', indicators: [], activities: [{ code: 'A2.1', text: 'Vocational training' }] },
    ],
  }],
};

let seq = 0;

/**
 * A grant in force of a new organisation (its owner, and a member), followed by a new monitor: a year from 60 days
 * ago, EUR 40,000 of direct costs, the logframe above, a 6-monthly reporting schedule.
 */
export async function grantInForce(ds: DataSource, call: { callId: string; decisionId: string }, opts: { language?: 'en' | 'sq' | 'sr'; municipality?: string } = {}) {
  const owner = await newUser(ds, 'applicant', { language: opts.language ?? 'en' });
  const orgId = owner.user.organizationId!;
  if (opts.municipality) await ds.query(`UPDATE organizations SET municipality = $2 WHERE id = $1`, [orgId, opts.municipality]);
  const member = await newUser(ds, 'applicant', { organizationId: orgId, orgRole: 'member', language: 'sq' });
  const monitor = await newUser(ds, 'monitor');
  seq += 1;
  const [app] = await ds.query(`INSERT INTO applications (call_id, organization_id) VALUES ($1, $2) RETURNING id`, [call.callId, orgId]);
  const [award] = await ds.query(
    `INSERT INTO awards (call_id, application_id, decision_id, amount_cents, status) VALUES ($1, $2, $3, 4000000, 'awarded') RETURNING id`, [call.callId, app.id, call.decisionId]);
  const agreementNumber = `MF-MON-${Date.now().toString(36)}-${String(seq).padStart(3, '0')}`;
  const [g] = await ds.query(
    `INSERT INTO grants (award_id, call_id, organization_id, amount_cents, agreement_number, call_seq, status, countersigned_at, monitor_id,
                         start_date, end_date, logframe, budget, reporting_schedule)
     VALUES ($1, $2, $3, 4000000, $4, $5, 'in_force', now(), $6, current_date - 60, current_date + 304, $7, $8, $9) RETURNING id`,
    [award.id, call.callId, orgId, agreementNumber, seq, monitor.user.id, JSON.stringify(TEST_LOGFRAME),
      JSON.stringify({ lines: [], headings: [], directCents: 4000000, indirectCostBp: 0, indirectCents: 0, totalCents: 4000000, coFinancingCents: 0, requestedCents: 4000000, coFinancingBp: 0 }),
      JSON.stringify([])]);
  const [org] = await ds.query(`SELECT legal_name, municipality FROM organizations WHERE id = $1`, [orgId]);
  return { grantId: g.id as string, agreementNumber, organization: org.legal_name as string, municipality: org.municipality as string, owner, member, monitor };
}
