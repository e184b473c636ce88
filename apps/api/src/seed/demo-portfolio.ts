import type { INestApplicationContext } from '@nestjs/common';
import { addDays } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { VisitsService } from '../modules/monitoring/visits.service';
import { PortfolioService } from '../modules/portfolio/portfolio.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { DEMO_MONITOR } from './demo-monitoring';

/** The grant of the 2023 call (quarterly reports) that gets a visit rated 1, so the dashboard shows all three ratings. */
const RATED_ONE = 'MF-C3-2023-01-G-004';

/**
 * What the portfolio dashboard needs beyond the other demo seeds (after seedDemoReports): a shared visit report
 * rated 1 ("good") on a grant of the 2023 call, next to the demo monitoring's 2 and 3, written, submitted, accepted
 * and shared through the monitoring services as the API does it; then the dashboard's figures refreshed. Skipped
 * when that grant already has a visit (idempotent).
 */
export async function seedDemoPortfolio(app: INestApplicationContext, ds: DataSource) {
  const [grant] = await ds.query(
    `SELECT g.id, to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", g.status,
            EXISTS (SELECT 1 FROM monitoring_visits v WHERE v.grant_id = g.id) AS visited, u.email AS "monitorEmail"
       FROM grants g LEFT JOIN users u ON u.id = g.monitor_id WHERE g.agreement_number = $1`, [RATED_ONE]);
  if (grant && !grant.visited && grant.status === 'in_force' && grant.monitorEmail === DEMO_MONITOR) {
    const actor = async (email: string): Promise<AuthUser> => toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
    const monitor = await actor(DEMO_MONITOR);
    const officer = await actor('officer@demo.grants.test');
    const visits = app.get(VisitsService);
    const [{ today }] = await ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
    const day = addDays(today, -20) < grant.startDate ? grant.startDate : addDays(today, -20);
    const at = (d: string, hour: number) => `${d}T${String(hour).padStart(2, '0')}:00:00+01:00`;
    let visit = await visits.plan(monitor, grant.id, { type: 'unannounced', date: today, purpose: 'Visit to the shelter and the counselling service: the residents\' case files, the legal aid sessions, the house rules.' });
    // a fixture, as in demo-monitoring.ts: the visit took place on its day (no status changes here)
    await ds.query(`UPDATE monitoring_visits SET visit_date = $2, type = 'planned', created_at = $3, updated_at = $3 WHERE id = $1`, [visit.id, day, at(addDays(day, -14), 9)]);
    visit = await visits.save(monitor, visit.id, {
      version: visit.report!.version,
      content: {
        activities: visit.workPlan.map((a) => ({ activityId: a.activityId, status: 3, comment: 'Running as planned; the records are complete and up to date.' })),
        rating: 1,
        findings: 'The shelter is run as the agreement says: every resident has a case file and a reintegration plan reviewed this quarter, the counselling and legal aid sessions take place as planned, and the spending matches the work plan.',
        recommendations: 'Share the shelter\'s house rules and referral checklist with the two other shelters of the network.',
        peopleMet: [{ function: 'Shelter coordinator', count: 1 }, { function: 'Lawyer', count: 1 }],
        beneficiariesObserved: [{ group: 'adult women', count: 7 }],
      } as never,
      actionPoints: [],
    });
    visit = await visits.submit(monitor, visit.id, visit.report!.version);
    visit = await visits.review(officer, visit.id, { version: visit.report!.version, decision: 'accept' });
    visit = await visits.share(officer, visit.id, visit.report!.version);
    await ds.query(`UPDATE visit_reports SET submitted_at = $2, reviewed_at = $3, shared_at = $4, updated_at = $4 WHERE id = $1`,
      [visit.report!.id, at(addDays(day, 1), 16), at(addDays(day, 3), 11), at(addDays(day, 4), 12)]);
  }
  await app.get(PortfolioService).refresh();
}
