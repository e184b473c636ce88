import type { INestApplicationContext } from '@nestjs/common';
import { addDays, type ActionPointOwner, type ActionPointPriority, type ActionPointStatus, type VisitReportContent, type VisitReportStatus, type VisitType } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { GrantsService } from '../modules/grants/grants.service';
import { ActionPointsService } from '../modules/monitoring/action-points.service';
import { VisitsService } from '../modules/monitoring/visits.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { DEMO_GRANT_STAGES, GRANTS_CALL } from './demo-grants';

export const DEMO_MONITOR = 'monitor@demo.grants.test';

/** Where each report of the demo stands (README, "Demo data"), by the grant it is on and its day relative to today. */
type DemoPoint = { what: string; owner: ActionPointOwner; priority: ActionPointPriority; due: number; status: ActionPointStatus; answer?: string; evidence?: string };
type DemoVisit = {
  stage: keyof typeof DEMO_GRANT_STAGES;
  type: VisitType;
  day: number;
  purpose: string;
  report: VisitReportStatus;
  content?: (activityIds: string[]) => VisitReportContent;
  actionPoints?: DemoPoint[];
};

/** The two activities of the demo work plan (needs assessment, vocational courses), assessed in order. */
const assess = (ids: string[], items: { status: 1 | 2 | 3 | 4 | null; comment?: string }[]) => ids.map((activityId, i) => ({ activityId, status: items[i]?.status ?? null, comment: items[i]?.comment ?? null }));

/**
 * The demo monitor's visits (issue 11, done when: "a monitor with planned and reported visits, a shared report with
 * open and closed action points, and one rated 3"):
 * - Centar: a report shared 75 days after a planned visit, rated 2, with four action points: one open, high priority
 *   and overdue (escalated), one answered waiting for the monitor's verification, one closed, one of the Secretariat;
 *   a follow-up visit yesterday whose report is a draft, partly written; an unannounced visit in 17 days (hidden from
 *   the organisation until its day);
 * - Shpresa dhe Shtëpi: a report shared after a visit 45 days ago, rated 3 (needs revision: its spending is far behind
 *   time, the vocational courses have not started), two open action points due soon; a follow-up visit in 24 days;
 * - Rrjeti: an unannounced visit a week ago whose report waits for the Secretariat's review; a planned visit in 10 days.
 * Just-signed Zëri (its agreement starts next month) is not visited yet.
 */
const DEMO_VISITS: DemoVisit[] = [
  {
    stage: 'review', type: 'planned', day: -75, report: 'shared',
    purpose: 'First quarterly visit: case management and the needs assessments, the shelter\'s safety arrangements, the first vocational course.',
    content: (ids) => ({
      activities: assess(ids, [
        { status: 3, comment: 'Needs assessments are done for 18 of the 25 residents admitted since the start; the reintegration plans are signed by the residents and reviewed monthly by the case manager.' },
        { status: 2, comment: 'The first hairdressing course runs with 8 participants at the partner training centre; attendance sheets are kept. The tailoring course starts next month.' },
      ]),
      rating: 2,
      ratingReasons: 'Case files were kept in an unlocked cabinet in the shared office, and the shelter has no written procedure for visitors. The needs assessments are seven behind the admissions.',
      correctiveActions: 'Lock the case files and keep a register of who opens them; adopt a visitor procedure before the next visit; catch up on the pending needs assessments within six weeks.',
      findings: 'The shelter is clean, heated and staffed around the clock (two staff at night). Residents have private lockers. The day centre offers group counselling twice a week. The cooperation with the municipal centre for social work works: referrals arrive with the centre\'s file. Case files of residents are kept in an unlocked cabinet in a room that volunteers also use.',
      recommendations: 'Move the case files to the case manager\'s office; train the volunteers on confidentiality; plan the tailoring course with the partner centre now, so it does not slip.',
      peopleMet: [{ function: 'Shelter coordinator', count: 1 }, { function: 'Case manager', count: 2 }, { function: 'Psychologist', count: 1 }, { function: 'Social worker of the municipal centre', count: 1 }],
      beneficiariesObserved: [{ group: 'adult women', count: 9 }, { group: 'girls under 18', count: 3 }, { group: 'children accompanying their mothers', count: 2 }],
    }),
    actionPoints: [
      { what: 'Keep the residents\' case files in a locked cabinet in the case manager\'s office, and keep a register of who opens them.', owner: 'organisation', priority: 'high', due: -20, status: 'open' },
      {
        what: 'Adopt a written procedure for visitors to the shelter (who may enter, sign-in, accompanied at all times) and brief the staff and volunteers on it.', owner: 'organisation', priority: 'medium', due: -10, status: 'answered',
        answer: 'The board adopted the procedure and it is posted at the entrance; all 11 staff and volunteers signed that they were briefed. The signed list is kept in the office for the next visit.',
      },
      {
        what: 'Send the attendance sheets and the curriculum of the first hairdressing course.', owner: 'organisation', priority: 'low', due: -45, status: 'closed',
        answer: 'Attendance sheets for weeks 1–6 and the curriculum of the partner training centre are attached.', evidence: 'attendance-and-curriculum.pdf',
      },
      { what: 'Confirm whether the smoke detectors and fire extinguishers may be bought from the equipment line without an amendment.', owner: 'secretariat', priority: 'medium', due: 15, status: 'open' },
    ],
  },
  {
    stage: 'review', type: 'follow_up', day: -1, report: 'draft',
    purpose: 'Follow-up: verify the action points of the first visit (case files, visitor procedure) and the catch-up of the needs assessments.',
    content: (ids) => ({
      activities: assess(ids, [{ status: 3, comment: 'Two more needs assessments done since the last visit; five still pending.' }, { status: null }]),
      rating: null,
      findings: 'The case files are now in a locked cabinet in the case manager\'s office; the register of who opens them is started.',
      peopleMet: [{ function: 'Shelter coordinator', count: 1 }, { function: 'Case manager', count: 1 }],
      beneficiariesObserved: [{ group: 'adult women', count: 7 }],
    }),
  },
  {
    stage: 'review', type: 'unannounced', day: 17, report: 'draft',
    purpose: 'Unannounced visit: the night shift, the residents\' access to counselling, the visitor procedure in practice.',
  },
  {
    stage: 'blocked', type: 'planned', day: -45, report: 'shared',
    purpose: 'First quarterly visit: the vocational courses, the spending against the plan, the reintegration plans.',
    content: (ids) => ({
      activities: assess(ids, [
        { status: 2, comment: 'Needs assessments are done for the residents, but the reintegration plans are not updated since admission.' },
        { status: 1, comment: 'No vocational course has started: the agreement with the partner training centre is not signed yet.' },
      ]),
      rating: 3,
      ratingReasons: 'Five months into the grant, the vocational courses — most of the budget of result 1 — have not started, and 45 % of the pre-financing is spent against 21 % of the time elapsed on staff alone. The work plan cannot be met as it stands.',
      correctiveActions: 'Sign the agreement with the partner training centre within two weeks; submit a revised work plan and a spending forecast to the Secretariat; if the courses cannot start by the next quarter, request an amendment of the logframe.',
      findings: 'The day centre is open five days a week and well used. Counselling is provided by a psychologist two days a week. The reintegration plans are not reviewed after admission. No course has started; the residents asked the monitor when the training will begin.',
      recommendations: 'Name one staff member responsible for the vocational component; review every reintegration plan monthly; share the revised work plan with the municipal centre for social work.',
      peopleMet: [{ function: 'Executive director', count: 1 }, { function: 'Case manager', count: 1 }, { function: 'Psychologist', count: 1 }],
      beneficiariesObserved: [{ group: 'adult women', count: 6 }, { group: 'girls under 18', count: 2 }],
    }),
    actionPoints: [
      { what: 'Submit a revised work plan for the vocational courses and a spending forecast to the Secretariat.', owner: 'organisation', priority: 'high', due: 7, status: 'open' },
      { what: 'Review every resident\'s reintegration plan with the resident and record the review in the case file.', owner: 'organisation', priority: 'medium', due: 20, status: 'open' },
    ],
  },
  {
    stage: 'blocked', type: 'follow_up', day: 24, report: 'draft',
    purpose: 'Follow-up of the report rated 3: the revised work plan, the start of the vocational courses, the reintegration plans.',
  },
  {
    stage: 'amendment', type: 'unannounced', day: -7, report: 'submitted',
    purpose: 'Unannounced visit: the day centre\'s opening hours, the counselling sessions, the transport of participants to the courses.',
    content: (ids) => ({
      activities: assess(ids, [
        { status: 4, comment: 'Needs assessments and reintegration plans are done for all 14 participants; the plans are reviewed monthly.' },
        { status: 2, comment: 'Two courses run (cooking, IT basics) with 11 participants; the municipality drives them to the training centre.' },
      ]),
      rating: 1,
      findings: 'The day centre was open at the announced hours and a psychologist was on duty. Participants attend the courses regularly (attendance above 85 %). The transport by the municipality works and costs less than planned, as the pending amendment says.',
      recommendations: 'Keep the attendance records by course in one register; plan the follow-up of participants after the courses (job placement) now.',
      peopleMet: [{ function: 'Day centre coordinator', count: 1 }, { function: 'Psychologist', count: 1 }, { function: 'Vocational counsellor', count: 1 }],
      beneficiariesObserved: [{ group: 'adult women', count: 8 }, { group: 'adult men', count: 2 }, { group: 'girls under 18', count: 1 }],
    }),
  },
  {
    stage: 'amendment', type: 'planned', day: 10, report: 'draft',
    purpose: 'Quarterly visit: the job placements after the first courses, the spending on services after the amendment.',
  },
];

/**
 * Visits, visit reports and action points of the demo monitor (see DEMO_VISITS), after seedDemoGrants; skipped when
 * the demo grants already have a visit (idempotent). Everything goes through the monitoring services, as the API
 * does it (record access, the domain's rules, the status functions with their audit entries, notifications, a
 * shared report frozen with the SHA-256 of its canonical content, its action points made live): the grants in force
 * are assigned to the demo monitor when they are not; future visits are planned; a visit in the past is planned
 * for today as unannounced (so no notice of it goes out) and then, a fixture like the closed call's deadlines in
 * demo-grants.ts, moved to its day and type; then its report is saved, submitted, accepted and shared, and its action
 * points answered by the organisation and closed by the monitor, as each stage says. The reports' timestamps are
 * moved to the days after their visit (a fixture too; the statuses stay as the services wrote them).
 */
export async function seedDemoMonitoring(app: INestApplicationContext, ds: DataSource) {
  const grants: { id: string; email: string; monitorId: string | null; agreementNumber: string; startDate: string }[] = await ds.query(
    `SELECT g.id, u.email, g.monitor_id AS "monitorId", g.agreement_number AS "agreementNumber", to_char(g.start_date, 'YYYY-MM-DD') AS "startDate"
       FROM grants g JOIN calls c ON c.id = g.call_id JOIN users u ON u.organization_id = g.organization_id AND u.org_role = 'owner'
      WHERE c.reference = $1 AND g.status = 'in_force' ORDER BY g.agreement_number`, [GRANTS_CALL]);
  if (!grants.length) return;
  const [{ visited }] = await ds.query(`SELECT EXISTS (SELECT 1 FROM monitoring_visits WHERE grant_id = ANY($1::uuid[])) AS visited`, [grants.map((g) => g.id)]);
  if (visited) return;

  const actor = async (email: string): Promise<AuthUser> => toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
  const monitor = await actor(DEMO_MONITOR);
  const officer = await actor('officer@demo.grants.test');
  const owners = new Map(await Promise.all(grants.map(async (g) => [g.email, await actor(g.email)] as const)));
  const grantsService = app.get(GrantsService);
  const visits = app.get(VisitsService);
  const points = app.get(ActionPointsService);
  for (const g of grants) if (g.monitorId !== monitor.id) await grantsService.assignMonitor(officer, g.id, monitor.id);

  const [{ today }] = await ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
  const at = (day: number, hour = 10) => `${addDays(today, day)}T${String(hour).padStart(2, '0')}:00:00+01:00`;
  const byEmail = new Map(grants.map((g) => [g.email, g]));

  for (const v of DEMO_VISITS) {
    const grant = byEmail.get(DEMO_GRANT_STAGES[v.stage]);
    if (!grant) continue;
    const owner = owners.get(grant.email)!;
    const date = addDays(today, v.day);
    if (date < grant.startDate) throw new Error(`demo visit on ${date} before the grant ${grant.agreementNumber} starts (${grant.startDate})`);
    let visit = await visits.plan(monitor, grant.id, v.day >= 0 ? { type: v.type, date, purpose: v.purpose } : { type: 'unannounced', date: today, purpose: v.purpose });
    if (v.day < 0) {
      // a fixture: the visit took place on its day (no status changes here; the report is still the new draft)
      await ds.query(`UPDATE monitoring_visits SET visit_date = $2, type = $3, created_at = $4, updated_at = $4 WHERE id = $1`, [visit.id, date, v.type, at(v.day - 14, 9)]);
    }
    if (!v.content) continue;
    const grantWorkPlan = visit.workPlan.map((a) => a.activityId);
    const content = v.content(grantWorkPlan);
    visit = await visits.save(monitor, visit.id, {
      version: visit.report!.version, content: content as never,
      actionPoints: (v.actionPoints ?? []).map((p) => ({ what: p.what, owner: p.owner, priority: p.priority, dueDate: addDays(today, p.due) })),
    });
    const report = () => visit.report!;
    if (v.report === 'draft') {
      await ds.query(`UPDATE visit_reports SET updated_at = $2 WHERE id = $1`, [report().id, at(v.day, 18)]);
      continue;
    }
    visit = await visits.submit(monitor, visit.id, report().version);
    if (v.report === 'submitted') {
      await ds.query(`UPDATE visit_reports SET submitted_at = $2, updated_at = $2 WHERE id = $1`, [report().id, at(v.day + 2, 16)]);
      continue;
    }
    visit = await visits.review(officer, visit.id, { version: report().version, decision: 'accept' });
    visit = await visits.share(officer, visit.id, report().version);
    await ds.query(`UPDATE visit_reports SET submitted_at = $2, reviewed_at = $3, shared_at = $4, updated_at = $4 WHERE id = $1`,
      [report().id, at(v.day + 2, 16), at(v.day + 5, 11), at(v.day + 6, 12)]);
    // the organisation answers, the monitor verifies: as each point's stage says
    for (const [i, p] of (v.actionPoints ?? []).entries()) {
      if (p.status === 'open') continue;
      const point = report().actionPoints.find((x) => x.seq === i + 1)!;
      const evidenceFileIds = p.evidence
        ? [(await grantsService.uploadDocument(owner, grant.id, {
          originalname: p.evidence, buffer: Buffer.from(`%PDF-1.4\n% demo: ${p.evidence} of ${grant.agreementNumber}\n%%EOF\n`), size: 60,
        } as never)).id]
        : [];
      const answered = await points.answer(p.owner === 'organisation' ? owner : officer, point.id, { version: point.version, answer: p.answer, evidenceFileIds });
      if (p.status === 'closed') await points.close(monitor, point.id, answered.version);
    }
  }
}
