import type { INestApplicationContext } from '@nestjs/common';
import {
  addDays,
  checkActionPointTransition,
  checkVisitReportTransition,
  visitReportCanonicalContent,
  visitReportProblems,
  workPlanActivities,
  type ActionPointOwner,
  type ActionPointPriority,
  type ActionPointStatus,
  type GrantLogframe,
  type VisitReportContent,
  type VisitReportStatus,
  type VisitType,
} from '@grants/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditActor, AuthUser } from '../common/auth-user';
import { AuditService } from '../modules/audit/audit.service';
import { GrantsService } from '../modules/grants/grants.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { DEMO_GRANT_STAGES, GRANTS_CALL } from './demo-grants';

export const DEMO_MONITOR = 'monitor@demo.grants.test';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Where each report of the demo stands (README, "Demo data"), by the grant it is on and its day relative to today. */
type DemoPoint = { what: string; owner: ActionPointOwner; priority: ActionPointPriority; due: number; status: ActionPointStatus; answer?: string; answeredDay?: number; closedDay?: number };
type DemoVisit = {
  stage: keyof typeof DEMO_GRANT_STAGES;
  type: VisitType;
  day: number;
  purpose: string;
  report: VisitReportStatus;
  content?: (activityIds: string[]) => VisitReportContent;
  reviewComment?: string;
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
        answer: 'The procedure was adopted by the board on the date below and posted at the entrance; all 11 staff and volunteers signed that they were briefed. The signed list is in our office for the next visit.', answeredDay: -12,
      },
      {
        what: 'Send the attendance sheets and the curriculum of the first hairdressing course.', owner: 'organisation', priority: 'low', due: -45, status: 'closed',
        answer: 'Attendance sheets for weeks 1–6 and the curriculum of the partner training centre are uploaded with the grant\'s documents.', answeredDay: -50, closedDay: -44,
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

/** The statuses a report passes through to reach `to`, each step checked against the domain's transition table. */
const REPORT_PATH: Record<VisitReportStatus, VisitReportStatus[]> = {
  draft: ['draft'], submitted: ['draft', 'submitted'], accepted: ['draft', 'submitted', 'accepted'], returned: ['draft', 'submitted', 'returned'], shared: ['draft', 'submitted', 'accepted', 'shared'],
};

/**
 * Visits, visit reports and action points of the demo monitor (see DEMO_VISITS), after seedDemoGrants; skipped when
 * the demo grants already have a visit (idempotent). The grants in force are assigned to the demo monitor through
 * the grants service when they are not. The visits lie in the past and the reports have reached their states over
 * weeks, which no service can do today (a visit is planned for today or later), so the rows are written as a fixture
 * with their states, as the bench data is; every state written is one the domain's transition tables reach from a
 * new draft by the actor who would have made each step (checked here, the seed stops otherwise), the shared reports
 * are frozen with the SHA-256 of visitReportCanonicalContent, submitted and shared contents pass visitReportProblems,
 * and every step has its audit entry (AuditService.record, in the same transaction).
 */
export async function seedDemoMonitoring(app: INestApplicationContext, ds: DataSource) {
  const grants: { id: string; email: string; monitorId: string | null; logframe: GrantLogframe | null; agreementNumber: string; startDate: string }[] = await ds.query(
    `SELECT g.id, u.email, g.monitor_id AS "monitorId", g.logframe, g.agreement_number AS "agreementNumber", to_char(g.start_date, 'YYYY-MM-DD') AS "startDate"
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
  for (const g of grants) if (g.monitorId !== monitor.id) await grantsService.assignMonitor(officer, g.id, monitor.id);

  const audit = app.get(AuditService);
  const [{ today }] = await ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
  const at = (day: number, hour = 10) => `${addDays(today, day)}T${String(hour).padStart(2, '0')}:00:00+01:00`;
  const byEmail = new Map(grants.map((g) => [g.email, g]));
  const who = (u: AuthUser): AuditActor => ({ id: u.id, email: u.email });

  await ds.transaction(async (m: EntityManager) => {
    const record = (u: AuthUser, action: string, entity: string, entityId: string, summary: string) => audit.record(m, who(u), { action, entity, entityId, summary: `Demo data: ${summary}` });
    for (const v of DEMO_VISITS) {
      const grant = byEmail.get(DEMO_GRANT_STAGES[v.stage]);
      if (!grant) continue;
      const owner = owners.get(grant.email)!;
      const date = addDays(today, v.day);
      if (date < grant.startDate) throw new Error(`demo visit on ${date} before the grant ${grant.agreementNumber} starts (${grant.startDate})`);
      const activityIds = workPlanActivities(grant.logframe).map((a) => a.activityId);
      const content: VisitReportContent = v.content ? v.content(activityIds) : { activities: [], rating: null, peopleMet: [], beneficiariesObserved: [] };
      const problems = visitReportProblems(content, activityIds, v.report === 'draft' ? 'draft' : 'submit');
      if (problems.length) throw new Error(`demo visit report of ${grant.agreementNumber} on ${date} (${v.report}): ${JSON.stringify(problems)}`);

      // the steps to the report's state, each allowed to whom would have made it
      const path = REPORT_PATH[v.report];
      for (let i = 1; i < path.length; i++) {
        const by = path[i] === 'submitted' ? monitor : officer;
        const check = checkVisitReportTransition(by, path[i - 1]!, path[i]!, v.reviewComment);
        if (!check.ok) throw new Error(`demo visit report ${path[i - 1]} → ${path[i]}: ${check.reason}`);
      }
      const reached = (s: VisitReportStatus) => path.includes(s);
      const createdAt = at(Math.min(v.day, 0) - 14, 9);
      const [visit] = await m.query(
        `INSERT INTO monitoring_visits (grant_id, monitor_id, type, visit_date, purpose, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $2, $6, $6) RETURNING id`, [grant.id, monitor.id, v.type, date, v.purpose, createdAt]);
      await record(monitor, 'visit.planned', 'monitoring_visit', visit.id, `${grant.agreementNumber}: ${v.type} visit on ${date}`);
      const shared = v.report === 'shared';
      const hash = shared ? sha256(visitReportCanonicalContent(content)) : null;
      const written = v.content ? at(v.day, 18) : createdAt;
      const [report] = await m.query(
        `INSERT INTO visit_reports (visit_id, grant_id, status, content, rating, sha256, review_comment, submitted_at, submitted_by, reviewed_at, reviewed_by,
                                    shared_at, shared_by, saved_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`, [
          visit.id, grant.id, v.report, JSON.stringify(content), content.rating, hash, v.reviewComment ?? null,
          reached('submitted') ? at(v.day + 2, 16) : null, reached('submitted') ? monitor.id : null,
          reached('accepted') ? at(v.day + 5, 11) : null, reached('accepted') ? officer.id : null,
          shared ? at(v.day + 6, 12) : null, shared ? officer.id : null,
          v.content ? monitor.id : null, createdAt, shared ? at(v.day + 6, 12) : written, path.length + (v.content ? 1 : 0),
        ]);
      if (v.content) await record(monitor, 'visit_report.saved', 'visit_report', report.id, `${grant.agreementNumber}: report of the visit on ${date} saved`);
      if (reached('submitted')) await record(monitor, 'visit_report.submitted', 'visit_report', report.id, `${grant.agreementNumber}: report of the visit on ${date} submitted (rating ${content.rating})`);
      if (reached('accepted')) await record(officer, 'visit_report.accepted', 'visit_report', report.id, `${grant.agreementNumber}: report of the visit on ${date} accepted`);
      if (shared) await record(officer, 'visit_report.shared', 'visit_report', report.id, `${grant.agreementNumber}: report of the visit on ${date} shared, sha256 ${hash}`);

      for (const [i, p] of (v.actionPoints ?? []).entries()) {
        const steps: ActionPointStatus[] = p.status === 'open' ? ['open'] : p.status === 'answered' ? ['open', 'answered'] : ['open', 'answered', 'closed'];
        if (steps.at(-1) !== p.status) throw new Error(`demo action point in state ${p.status}: no path written for it`);
        const ownerActor = p.owner === 'organisation' ? owner : officer;
        for (let s = 1; s < steps.length; s++) {
          const by = steps[s] === 'answered' ? ownerActor : monitor;
          const check = checkActionPointTransition(by, p.owner, steps[s - 1]!, steps[s]!, { answer: p.answer });
          if (!check.ok) throw new Error(`demo action point ${steps[s - 1]} → ${steps[s]}: ${check.reason}`);
        }
        const dueDate = addDays(today, p.due);
        if (dueDate < date) throw new Error(`demo action point due ${dueDate} before its visit ${date}`);
        const answered = steps.includes('answered');
        const closed = p.status === 'closed';
        const [point] = await m.query(
          `INSERT INTO action_points (report_id, grant_id, seq, what, owner, priority, due_date, status, live, answer, answered_at, answered_by, closed_at, closed_by,
                                      created_by, created_at, updated_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`, [
            report.id, grant.id, i + 1, p.what, p.owner, p.priority, dueDate, p.status, shared, answered ? p.answer : null,
            answered ? at(p.answeredDay!, 14) : null, answered ? ownerActor.id : null, closed ? at(p.closedDay!, 15) : null, closed ? monitor.id : null,
            monitor.id, written, closed ? at(p.closedDay!, 15) : answered ? at(p.answeredDay!, 14) : written, steps.length,
          ]);
        if (answered) {
          await m.query(`INSERT INTO action_point_events (action_point_id, kind, body, by_user, created_at) VALUES ($1, 'answer', $2, $3, $4)`, [point.id, p.answer, ownerActor.id, at(p.answeredDay!, 14)]);
          await record(ownerActor, 'action_point.answered', 'action_point', point.id, `${grant.agreementNumber}: action point ${i + 1} answered`);
        }
        if (closed) {
          await m.query(`INSERT INTO action_point_events (action_point_id, kind, body, by_user, created_at) VALUES ($1, 'close', NULL, $2, $3)`, [point.id, monitor.id, at(p.closedDay!, 15)]);
          await record(monitor, 'action_point.closed', 'action_point', point.id, `${grant.agreementNumber}: action point ${i + 1} verified and closed`);
        }
      }
    }
  });
}
