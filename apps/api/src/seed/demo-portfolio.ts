import type { INestApplicationContext } from '@nestjs/common';
import { addDays, addMonths, demoCallDraft } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AwardsService } from '../modules/awards/awards.service';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { RankingService } from '../modules/evaluations/ranking.service';
import { ExpenditureReportsService } from '../modules/grants/expenditure-reports.service';
import { FinalBalanceService } from '../modules/grants/final-balance.service';
import { GrantsService } from '../modules/grants/grants.service';
import { RecoveryOrdersService } from '../modules/grants/recovery-orders.service';
import { TranchesService } from '../modules/grants/tranches.service';
import { VisitsService } from '../modules/monitoring/visits.service';
import { PortfolioService } from '../modules/portfolio/portfolio.service';
import { NarrativeReportsService } from '../modules/reports/narrative-reports.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { demoApplicationContent } from './demo-application';
import { demoCloseAndEvaluate, demoSheet } from './demo-panel';
import { DEMO_MONITOR } from './demo-monitoring';
import { beneficiaries, reportContent } from './demo-reports';

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
  await seedDemoRecovery(app, ds);
  await app.get(PortfolioService).refresh();
}

/** The second call of 2025, with one grant, ended, whose final balance is a recovery order being repaid. */
export const RECOVERY_CALL = 'MF-C3-2025-02';
/** Nova Šansa: no browser journey uses its grants (README, "Demo data"). */
export const DEMO_RECOVERY_OWNER = 'novasansa@demo.grants.test';
const PASSWORD = 'demo-applicant-2026';
/** The share of the approved budget spent and accepted (the pre-financing paid was 80 %): 15 % of the grant comes back. */
const SPENT_SHARE = 0.65;

/**
 * A recovery order being repaid, so the dashboard's "recovered" is not zero and the Secretariat's recovery orders
 * list has one: a second call of 2025 (12-month grants, no interim report, the final report 60 days after the end) with
 * Nova Šansa's application, evaluated by the three demo evaluators and decided; the agreement drawn up with its
 * dates in the past (ended two months ago), signed and countersigned, the 80 % pre-financing requested, approved and
 * paid; one expenditure report of 65 % of every approved line accepted; the final report written, scanned, submitted
 * and accepted; the final balance drawn up (paid more than the eligible costs: a recovery order), and a first
 * repayment recorded. All through the services, as the API does it (every figure, audit row and state follows);
 * skipped when the call exists (idempotent).
 */
async function seedDemoRecovery(app: INestApplicationContext, ds: DataSource) {
  if (await ds.getRepository(CallEntity).existsBy({ reference: RECOVERY_CALL })) return;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const rankings = app.get(RankingService);
  const awards = app.get(AwardsService);
  const grants = app.get(GrantsService);
  const tranches = app.get(TranchesService);
  const expenditure = app.get(ExpenditureReportsService);
  const reports = app.get(NarrativeReportsService);
  const balances = app.get(FinalBalanceService);
  const recoveries = app.get(RecoveryOrdersService);
  const actor = async (email: string): Promise<AuthUser> => toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
  const officer = await actor('officer@demo.grants.test');
  const monitor = await actor(DEMO_MONITOR);
  const owner = await actor(DEMO_RECOVERY_OWNER);
  const evaluators = await Promise.all([1, 2, 3].map((i) => actor(`evaluator${i}@demo.grants.test`)));
  const [{ today }] = await ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
  const startDate = addMonths(today, -14);
  const endDate = addDays(addMonths(startDate, 12), -1);

  // the call, published, Nova Šansa's application submitted, the call closed, the application admissible
  const title = {
    en: 'Call 2025 (2): legal aid and safe housing for survivors of trafficking',
    sq: 'Thirrja 2025 (2): ndihmë juridike dhe strehim i sigurt për të mbijetuarit e trafikimit',
    sr: 'Poziv 2025 (2): pravna pomoć i bezbedan smeštaj za preživele trgovine ljudima',
  };
  const created = await calls.create(officer, { reference: RECOVERY_CALL, title });
  const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), RECOVERY_CALL);
  definition.texts.title = title;
  definition.budgetEnvelopeCents = 10_000_000;
  definition.maxDurationMonths = 12;
  definition.reserveListSize = 0;
  (definition as Record<string, unknown>).grantSettings = { interimReportEveryMonths: 0, finalReportDueDays: 60 };
  const saved = await calls.update(officer, created.id, { definition: definition as never, version: created.version });
  await calls.publish(officer, created.id, saved.version);
  const content = demoApplicationContent(addDays(today, 60), 31);
  content.project.durationMonths = 12;
  let a = await applications.create(owner, created.id);
  a = await applications.save(owner, a.id, a.version, content as never);
  await applications.submit(owner, a.id, a.version);
  // closed, admissible, evaluated by the three demo evaluators; decided below: funded as requested
  const sheet = demoSheet(0.8, 'A realistic plan with an experienced team; the legal aid targets are well founded.');
  await demoCloseAndEvaluate(app, { officer, callId: created.id, definition, applicationIds: [a.id], evaluators, deadlineDaysAgo: 470, sheet: () => sheet });
  const ranking = await rankings.ranking(officer, created.id);
  await awards.decide(officer, created.id, {
    committeeMembers: ['Besnik Gashi (Secretariat, chair)', 'Elena Papadopoulou (KMOP)', 'Arta Krasniqi (PVPT)'],
    decidedOn: addMonths(today, -15),
    adjustments: [],
    rankingSha256: ranking.ranking.sha256,
  } as never);
  const [award] = await ds.query(`SELECT id FROM awards WHERE call_id = $1 AND application_id = $2`, [created.id, a.id]);

  // the agreement, its dates in the past: drawn up, sent, signed, countersigned; the 80 % pre-financing paid
  const drawn = await grants.drawUp(officer, award.id, { startDate, endDate, monitorId: monitor.id });
  // a fixture: drawn up when it started (the grants list, newest first, keeps the journeys' grants on top)
  await ds.query(`UPDATE grants SET created_at = $2 WHERE id = $1`, [drawn.id, `${addDays(startDate, -20)}T10:00:00+01:00`]);
  const sent = await grants.send(officer, drawn.id);
  await grants.sign(owner, drawn.id, { password: PASSWORD, signatoryName: owner.fullName, signatoryFunction: 'Executive director', agreementSha256: sent.agreement?.sha256 });
  await grants.countersign(officer, drawn.id);
  let g = await grants.view(officer, drawn.id);
  for (const tr of g.tranches.filter((x) => x.kind !== 'balance' && x.amountCents > 0)) {
    await tranches.request(owner, tr.id, { note: 'Pre-financing on the signed agreement' });
    await tranches.approve(officer, tr.id);
    await tranches.pay(officer, tr.id, { paidOn: addDays(startDate, 10), bankReference: `DEMO-${g.agreementNumber}-${tr.seq}` });
  }

  // the whole grant's expenditure: 65 % of every approved line, with its invoices; accepted
  g = await grants.view(officer, drawn.id);
  let e = await expenditure.create(owner, g.id, { periodEnd: endDate });
  const invoices = await grants.uploadDocument(owner, g.id, {
    originalname: `invoices-and-payroll-${endDate}.pdf`, buffer: Buffer.from(`%PDF-1.4\n% demo: invoices and payroll of ${g.agreementNumber} to ${endDate}\n%%EOF\n`), size: 80,
  } as never);
  e = await expenditure.save(owner, e.id, { version: e.version, lines: g.budget!.lines.map((l, i) => ({ lineId: `L${i + 1}`, spentCents: Math.floor(l.totalCents * SPENT_SHARE) })), documentFileIds: [invoices.id] });
  e = await expenditure.submit(owner, e.id, e.version);
  await expenditure.review(officer, e.id, { version: e.version, decision: 'accept' });

  // the final report: written, scanned for personal data (the demo text has none), submitted, accepted
  const [final] = (await reports.ofGrant(officer, g.id)).items.filter((r) => r.kind === 'final');
  const v = async (who: AuthUser) => (await reports.view(who, final!.id)).version;
  await reports.save(owner, final!.id, { version: await v(owner), content: reportContent('en', 5, { final: true, table: beneficiaries(38, 3, 4, 2) }) as never });
  const { findings } = await reports.privacyScan(owner, final!.id);
  if (findings.length) throw new Error(`demo final report of ${g.agreementNumber}: the personal-data scan found ${findings.map((f) => f.kind).join(', ')}`);
  await reports.submit(owner, final!.id, { version: await v(owner), confirmations: [] });
  await reports.accept(officer, final!.id, await v(officer));

  // the final balance: paid 80 %, eligible 65 %: a recovery order; the organisation repays a first part
  const fb = await balances.view(officer, g.id);
  const balance = await balances.drawUp(officer, g.id, fb.version);
  const order = balance.recoveryOrder;
  if (!order) throw new Error(`demo grant ${g.agreementNumber}: the final balance is not a recovery (${balance.computed?.kind})`);
  await recoveries.recordRepayment(officer, order.id, { amountCents: Math.floor(order.amountCents * 0.4), receivedOn: today, bankReference: `DEMO-${g.agreementNumber}-R1` });
}
