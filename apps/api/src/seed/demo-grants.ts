import type { INestApplicationContext } from '@nestjs/common';
import { addDays, addMonths, demoCallDraft, type LocalizedText } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AwardsService } from '../modules/awards/awards.service';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { RankingService } from '../modules/evaluations/ranking.service';
import { AmendmentsService } from '../modules/grants/amendments.service';
import { ExpenditureReportsService } from '../modules/grants/expenditure-reports.service';
import { GrantsService } from '../modules/grants/grants.service';
import { TranchesService } from '../modules/grants/tranches.service';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { demoApplicationContent } from './demo-application';
import { demoCloseAndEvaluate, demoSheet } from './demo-panel';

/** The call of 2024 whose grants run now (24 months at most): every stage of a grant in the demo. */
export const GRANTS_CALL = 'MF-C3-2024-01';
const PASSWORD = 'demo-applicant-2026';
const DAY = 86_400_000;

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });
const day = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString().slice(0, 10);
const firstOfMonth = (iso: string) => `${iso.slice(0, 7)}-01`;

/** A valid Kosovo IBAN (XK, check digits by ISO 7064 mod 97-10, 16 digits) from a bank account number. */
export function demoIban(account: number): string {
  const bban = String(1212012345670000 + account).padStart(16, '0');
  let r = 0;
  for (const ch of `${bban}332000`) r = (r * 10 + Number(ch)) % 97;
  return `XK${String(98 - r).padStart(2, '0')}${bban}`;
}

/**
 * The stage each demo organisation's grant of MF-C3-2024-01 is at (README, "Demo data"):
 * - cso@ (QMV Shpresa): the committee lowered its amount; it accepted the offer and now revises its budget to it
 *   (the start of the browser journey: revise, then the Secretariat accepts, draws up, sends; it signs …);
 * - zeri@: just signed and countersigned, nothing paid yet;
 * - centar@: the pre-financing paid, an expenditure report under review;
 * - rrjeti@: in force, the pre-financing paid, an amendment (€1,500 from travel to services, above the 25 % a notice
 *   allows) waiting for the Secretariat's decision;
 * - shpresa@: the pre-financing paid, accepted spending below 70 % of it, the next instalment requested: the 70 % rule
 *   blocks its approval.
 */
export const DEMO_GRANT_STAGES = {
  revision: 'cso@demo.grants.test',
  signed: 'zeri@demo.grants.test',
  review: 'centar@demo.grants.test',
  amendment: 'rrjeti@demo.grants.test',
  blocked: 'shpresa@demo.grants.test',
} as const;

/** The organisations that get a bank account of their own for the agreement (the others have one already). */
const IBANS: Record<string, number> = { 'zeri@demo.grants.test': 4501, 'centar@demo.grants.test': 4502, 'shpresa@demo.grants.test': 4503 };

/** A sheet at a share of each criterion's maximum, with a comment per section. */
function sheetAt(share: number) {
  return demoSheet(share, share >= 0.8 ? 'Strong and well evidenced: the activities follow from the needs, with baselines and sources.' : 'Adequate overall; some activities need a clearer link to the expected results.');
}

/**
 * Grants in force at every stage, through the same services as the API (calls, applications, evaluation, the
 * committee's decision, the offer, drawing up, the agreement PDF, signing with the password, countersigning,
 * tranches requested, approved and paid, expenditure reports saved, submitted and accepted, an amendment
 * requested). Runs after
 * seedDemoEvaluation (the CSOs and evaluators); skipped when the call exists (idempotent).
 */
export async function seedDemoGrants(app: INestApplicationContext, ds: DataSource) {
  if (await ds.getRepository(CallEntity).existsBy({ reference: GRANTS_CALL })) return;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const rankings = app.get(RankingService);
  const awards = app.get(AwardsService);
  const grants = app.get(GrantsService);
  const tranches = app.get(TranchesService);
  const amendments = app.get(AmendmentsService);
  const expenditure = app.get(ExpenditureReportsService);
  const organizations = app.get(OrganizationsService);
  const actor = async (email: string): Promise<AuthUser> => toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
  const officer = await actor('officer@demo.grants.test');
  const monitor = await actor('monitor@demo.grants.test');
  const evaluators = await Promise.all([1, 2, 3].map((i) => actor(`evaluator${i}@demo.grants.test`)));
  const emails = Object.values(DEMO_GRANT_STAGES);
  const owners = new Map(await Promise.all(emails.map(async (e) => [e, await actor(e)] as const)));

  // 1. the call of 2024 (24 months at most), published, the five organisations' applications submitted, closed
  const title = t(
    'Call 2024: long-term reintegration of victims of trafficking',
    'Thirrja 2024: riintegrimi afatgjatë i viktimave të trafikimit',
    'Poziv 2024: dugoročna reintegracija žrtava trgovine ljudima',
  );
  const created = await calls.create(officer, { reference: GRANTS_CALL, title });
  const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), GRANTS_CALL);
  definition.texts.title = title;
  definition.budgetEnvelopeCents = 25_000_000;
  definition.maxDurationMonths = 24;
  definition.reserveListSize = 0;
  const saved = await calls.update(officer, created.id, { definition: definition as never, version: created.version });
  await calls.publish(officer, created.id, saved.version);
  const applicationOf = new Map<string, string>();
  for (const [i, email] of emails.entries()) {
    const owner = owners.get(email)!;
    const content = demoApplicationContent('2027-03-01', 10 + i);
    content.project.durationMonths = 24;
    let a = await applications.create(owner, created.id);
    a = await applications.save(owner, a.id, a.version, content as never);
    await applications.submit(owner, a.id, a.version);
    applicationOf.set(email, a.id);
  }
  // 2. closed, admissible, evaluated by the three demo evaluators; decided below: every application funded, QMV Shpresa's for less than asked
  const share = (applicationId: string) => 0.76 + 0.03 * [...applicationOf.values()].indexOf(applicationId);
  await demoCloseAndEvaluate(app, { officer, callId: created.id, definition, applicationIds: applicationOf.values(), evaluators, deadlineDaysAgo: 200, sheet: (id) => sheetAt(share(id)) });
  const ranking = await rankings.ranking(officer, created.id);
  const lowered = applicationOf.get(DEMO_GRANT_STAGES.revision)!;
  await awards.decide(officer, created.id, {
    committeeMembers: ['Besnik Gashi (Secretariat, chair)', 'Elena Papadopoulou (KMOP)', 'Arta Krasniqi (PVPT)'],
    decidedOn: day(-190 * DAY),
    adjustments: [{ applicationId: lowered, amountCents: 3_500_000, reason: 'The equipment and travel lines are above what the activities need; the committee funds €35,000.' }],
    rankingSha256: ranking.ranking.sha256,
  } as never);
  const awardRows: { id: string; applicationId: string }[] = await ds.query(`SELECT id, application_id AS "applicationId" FROM awards WHERE call_id = $1`, [created.id]);
  const awardOf = (email: string) => awardRows.find((w) => w.applicationId === applicationOf.get(email))!.id;

  // 3. QMV Shpresa accepts the lower offer: its budget revision to €35,000 is next (its own step of the journey)
  await awards.accept(owners.get(DEMO_GRANT_STAGES.revision)!, awardOf(DEMO_GRANT_STAGES.revision));

  // 4. the four others: a bank account on the profile, the agreement drawn up, sent, signed by the owner, countersigned
  const grantOf = new Map<string, string>();
  for (const [stage, email] of Object.entries(DEMO_GRANT_STAGES)) {
    if (stage === 'revision') continue;
    const owner = owners.get(email)!;
    if (IBANS[email]) {
      const org = await organizations.get(owner, owner.organizationId!);
      await organizations.update(owner, owner.organizationId!, { iban: demoIban(IBANS[email]), version: org.version } as never);
    }
    // just signed: starts next month; the others started five months ago (their first report period is over)
    const startDate = stage === 'signed' ? firstOfMonth(day(31 * DAY)) : firstOfMonth(day(-150 * DAY));
    const endDate = addDays(addMonths(startDate, 24), -1);
    const drawn = await grants.drawUp(officer, awardOf(email), { startDate, endDate, monitorId: monitor.id });
    const sent = await grants.send(officer, drawn.id);
    await grants.sign(owner, drawn.id, { password: PASSWORD, signatoryName: owner.fullName, signatoryFunction: 'Executive director', agreementSha256: sent.agreement?.sha256 });
    await grants.countersign(officer, drawn.id);
    grantOf.set(stage, drawn.id);
  }

  // 5. the pre-financing requested, approved and paid (all but the one just signed)
  for (const stage of ['review', 'amendment', 'blocked'] as const) {
    const owner = owners.get(DEMO_GRANT_STAGES[stage])!;
    const g = await grants.view(officer, grantOf.get(stage)!);
    const first = g.tranches[0];
    await tranches.request(owner, first.id, { note: 'Pre-financing on the signed agreement' });
    await tranches.approve(officer, first.id);
    await tranches.pay(officer, first.id, { paidOn: day(0), bankReference: `DEMO-${g.agreementNumber}-1` });
  }

  /** An expenditure report of the first four months, through the expenditure service: saved with its invoices, submitted, accepted when said. */
  const expenditureReport = async (stage: 'review' | 'blocked', accept: boolean, shareOfFirstTranche: number) => {
    const g = await grants.view(officer, grantOf.get(stage)!);
    const owner = owners.get(DEMO_GRANT_STAGES[stage])!;
    const lines = g.budget!.lines;
    const total = Math.floor(g.tranches[0].amountCents * shareOfFirstTranche);
    const budgetTotal = lines.reduce((s, l) => s + l.totalCents, 0);
    let left = total;
    const spent = lines.map((l, i) => {
      const cents = i === lines.length - 1 ? left : Math.floor((total * l.totalCents) / budgetTotal);
      left -= cents;
      return { lineId: `L${i + 1}`, spentCents: cents };
    });
    let r = await expenditure.create(owner, g.id, { periodEnd: addDays(addMonths(g.startDate!, 4), -1) });
    const invoices = await grants.uploadDocument(owner, g.id, {
      originalname: 'invoices-and-payroll.pdf', buffer: Buffer.from(`%PDF-1.4\n% demo: invoices and payroll of ${g.agreementNumber}\n%%EOF\n`), size: 60,
    } as never);
    r = await expenditure.save(owner, r.id, { version: r.version, lines: spent, documentFileIds: [invoices.id] });
    r = await expenditure.submit(owner, r.id, r.version);
    if (accept) r = await expenditure.review(officer, r.id, { version: r.version, decision: 'accept' });
    return r.id;
  };

  // 6. Centar: its first expenditure report (60 % of the pre-financing) waits for the Secretariat's review
  await expenditureReport('review', false, 0.6);

  // 7. Shpresa dhe Shtëpi: 45 % of the pre-financing accepted as spent, the next instalment requested on it: blocked (< 70 %)
  const accepted = await expenditureReport('blocked', true, 0.45);
  const blocked = await grants.view(officer, grantOf.get('blocked')!);
  await tranches.request(owners.get(DEMO_GRANT_STAGES.blocked)!, blocked.tranches[1].id, { expenditureReportId: accepted, note: 'Second instalment on the first expenditure report' });

  // 8. Rrjeti: €1,500 moved from travel to services, a third of the travel heading (above the call's 25 %): an
  //    amendment the Secretariat must decide
  const amended = await grants.view(officer, grantOf.get('amendment')!);
  const budgetLines = amended.budget!.lines.map((l, i) => ({
    lineId: `L${i + 1}`, heading: l.heading, description: l.description,
    approvedCents: l.totalCents + (l.heading === 'travel' ? -150_000 : l.heading === 'services' ? 150_000 : 0),
  }));
  await amendments.request(owners.get(DEMO_GRANT_STAGES.amendment)!, amended.id, {
    kind: 'budget_reallocation', budgetLines,
    justification: 'The municipality now drives the participants to the courses, so local transport costs a third less; the €1,500 saved pays for six more places on the vocational courses.',
  });
}
