import type { INestApplicationContext } from '@nestjs/common';
import { addDays, addMonths, demoCallDraft, type BeneficiaryTable, type LocalizedText, type NarrativeReportContent, type NarrativeReportSection } from '@grants/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { ApplicationsService } from '../modules/applications/applications.service';
import { AwardsService } from '../modules/awards/awards.service';
import { CallsService } from '../modules/calls/calls.service';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { RankingService } from '../modules/evaluations/ranking.service';
import { ClosureService } from '../modules/grants/closure.service';
import { ExpenditureReportsService } from '../modules/grants/expenditure-reports.service';
import { FinalBalanceService } from '../modules/grants/final-balance.service';
import { GrantsService } from '../modules/grants/grants.service';
import { TranchesService } from '../modules/grants/tranches.service';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { NarrativeReportsService } from '../modules/reports/narrative-reports.service';
import { ReportExtensionsService } from '../modules/reports/report-extensions.service';
import { UserEntity } from '../modules/users/entities/user.entity';
import { toAuthUser } from '../modules/users/user-view';
import { demoApplicationContent } from './demo-application';
import { demoCloseAndEvaluate, demoSheet } from './demo-panel';
import { demoIban } from './demo-grants';

/** The call of 2023, whose grants report quarterly: every stage of a narrative report, and a grant closed. */
export const REPORTS_CALL = 'MF-C3-2023-01';
const PASSWORD = 'demo-applicant-2026';

/**
 * The grant of MF-C3-2023-01 each demo organisation holds, and where its reports stand (README, "Demo data"). The
 * call asked for a report every three months (due 30 days after the quarter) and the final report 60 days after the
 * end; the dates are counted back from today, so the states hold whatever day the demo is loaded:
 * - zeri@ (Zëri i Grave): 12 months, ended four months ago, every report accepted (each quarter's expenditure
 *   report too, 96 % of the budget in all), the final balance drawn up and paid through the balance tranche, closed with a note;
 * - centar@: 12 months, ended a month ago; the interim reports and every quarter's expenditure report accepted, the
 *   final report written but for its lessons (due in about a month): ready to be submitted, accepted, the final
 *   balance drawn up and paid, and closed (the final-report-closure journey);
 * - rrjeti@: 24 months, a year in; report 1 accepted; report 2 returned once and accepted as version 2 (the
 *   comparison shows what changed); report 3 returned with comments on a section and on an indicator; report 4
 *   submitted before its due date, waiting for the Secretariat's review;
 * - shpresa@: 24 months, half a year in; report 1 accepted; report 2 not started, due in about nine days (the
 *   interim-report journey);
 * - novasansa@ (Nova Šansa): 24 months, four months in; report 1 partly written and overdue for over two weeks
 *   (escalated), more time asked, waiting for the Secretariat.
 */
export const DEMO_REPORT_STAGES = {
  closed: 'zeri@demo.grants.test',
  closing: 'centar@demo.grants.test',
  reviewing: 'rrjeti@demo.grants.test',
  due: 'shpresa@demo.grants.test',
  late: 'novasansa@demo.grants.test',
} as const;
type Stage = keyof typeof DEMO_REPORT_STAGES;

/** Start (months and days back from today) and length of each grant. */
const GRANT_DATES: Record<Stage, { monthsAgo: number; daysAgo: number; months: number }> = {
  closed: { monthsAgo: 16, daysAgo: 0, months: 12 },
  closing: { monthsAgo: 13, daysAgo: 0, months: 12 },
  reviewing: { monthsAgo: 12, daysAgo: 10, months: 24 },
  due: { monthsAgo: 6, daysAgo: 20, months: 24 },
  late: { monthsAgo: 4, daysAgo: 15, months: 24 },
};

export const DEMO_CLOSING_NOTE = 'All activities completed: 41 survivors finished a vocational course and 18 were in work six months later. The final report and the final expenditure report are accepted, the final payment made on the final balance; the files are archived at the Secretariat.';

const I1 = 'so.1.result.1.indicator.1';
const I2 = 'so.1.result.1.indicator.2';
const R1 = 'so.1.result.1';

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });

/** Cumulative progress at the end of each quarter: survivors who completed a course, survivors employed six months after. */
const PROGRESS = [
  { completed: 6, employed: 0 },
  { completed: 14, employed: 3 },
  { completed: 25, employed: 7 },
  { completed: 33, employed: 11 },
  { completed: 41, employed: 18 }, // the end of a 12-month grant
];

/**
 * The beneficiaries reached in a quarter, as counts that add up to the total in every breakdown; the few men, the
 * girls under 18 and those from Prizren are counts from 1 to 4 (shown "<5" to anyone but the organisation).
 */
export function beneficiaries(total: number, men: number, girls: number, prizren: number): BeneficiaryTable {
  const continuing = Math.floor(total / 3);
  const shelter = 3;
  const psychological = Math.floor((total - shelter) / 2);
  return {
    total,
    bySex: { female: total - men, male: men },
    byAge: { '0-17': girls, '18-24': Math.floor((total - girls) / 2), '25-59': total - girls - Math.floor((total - girls) / 2) },
    byIntake: { new: total - continuing, continuing },
    byService: { shelter, psychological_support: psychological, vocational_training: total - shelter - psychological },
    byMunicipality: { prishtina: total - prizren - 6, ferizaj: 6, prizren },
  };
}

type Lang = 'en' | 'sq';

/** What the organisation writes for a quarter (q = 1, 2, …; final: the whole grant), in its language; no names, ever. */
function reportText(lang: Lang, q: number, final: boolean) {
  const p = PROGRESS[Math.min(q, PROGRESS.length) - 1]!;
  const prev = q > 1 ? PROGRESS[Math.min(q - 1, PROGRESS.length) - 1]! : { completed: 0, employed: 0 };
  const en = {
    general: final
      ? `Over the twelve months the project reached its targets: ${p.completed} survivors completed a vocational course and ${p.employed} were in work six months after it. Case management and counselling continued for every participant until the end.`
      : `In quarter ${q} the case managers kept an individual reintegration plan for every participant; ${p.completed - prev.completed} more survivors completed a vocational course and ${p.employed - prev.employed} more started work.`,
    result: `${p.completed} survivors have completed a course so far (target 40); ${p.employed} are employed (target 20). The partner training centres report regular attendance.`,
    a1: 'Needs assessments were done within two weeks of admission; the reintegration plans were reviewed monthly with each participant.',
    a2: `Courses in hairdressing, cooking and IT basics ran at two partner training centres; the attendance sheets are kept in the office.`,
    i1: 'Counted from the certificates of the training centres.',
    i2: 'Counted from anonymised employment contracts, six months after the course.',
    challenges: 'Transport to the training centres is long for participants from the villages; two employers asked for shorter working days during the first month.',
    lessons: 'Placements work best when the employer meets the case manager before the first day; short, practical courses keep attendance high.',
    nextPlan: 'Start the next cohort of the cooking course, follow up every placement monthly, and agree two more placements with local employers.',
  };
  const sq = {
    general: final
      ? `Gjatë dymbëdhjetë muajve projekti i arriti caqet: ${p.completed} të mbijetuara përfunduan një kurs profesional dhe ${p.employed} ishin në punë gjashtë muaj pas tij. Menaxhimi i rastit dhe këshillimi vazhduan për çdo pjesëmarrëse deri në fund.`
      : `Në tremujorin ${q} menaxheret e rasteve mbajtën një plan individual riintegrimi për çdo pjesëmarrëse; edhe ${p.completed - prev.completed} të mbijetuara përfunduan një kurs profesional dhe ${p.employed - prev.employed} filluan punë.`,
    result: `Deri tani ${p.completed} të mbijetuara kanë përfunduar një kurs (caku 40); ${p.employed} janë të punësuara (caku 20). Qendrat partnere të aftësimit raportojnë pjesëmarrje të rregullt.`,
    a1: 'Vlerësimet e nevojave u bënë brenda dy javëve nga pranimi; planet e riintegrimit u rishikuan çdo muaj me secilën pjesëmarrëse.',
    a2: 'Kurset e floktarisë, gatimit dhe bazave të TI-së u mbajtën në dy qendra partnere të aftësimit; listat e pjesëmarrjes ruhen në zyrë.',
    i1: 'Numëruar nga certifikatat e qendrave të aftësimit.',
    i2: 'Numëruar nga kontratat e punës pa të dhëna personale, gjashtë muaj pas kursit.',
    challenges: 'Transporti deri te qendrat e aftësimit është i gjatë për pjesëmarrëset nga fshatrat; dy punëdhënës kërkuan orar më të shkurtër gjatë muajit të parë.',
    lessons: 'Punësimi ecën më mirë kur punëdhënësi takohet me menaxheren e rastit para ditës së parë; kurset e shkurtra e praktike e mbajnë pjesëmarrjen të lartë.',
    nextPlan: 'Fillimi i grupit të ardhshëm të kursit të gatimit, ndjekja mujore e çdo punësimi dhe marrëveshje për dy vende të tjera pune me punëdhënës vendorë.',
  };
  return { p, prev, text: lang === 'sq' ? sq : en };
}

/** A whole report for a quarter (every field the completeness check asks for), or the final report. */
export function reportContent(lang: Lang, q: number, opts: { final?: boolean; table: BeneficiaryTable }): NarrativeReportContent {
  const { p, prev, text } = reportText(lang, q, !!opts.final);
  return {
    general: { summary: text.general },
    results: { [R1]: { summary: text.result } },
    activities: {
      'activity.A1.1': { done: text.a1, status: opts.final || q >= 2 ? 4 : 2, deviations: '' },
      'activity.A1.2': { done: text.a2, status: opts.final ? 4 : 2, deviations: '' },
    },
    indicators: {
      [I1]: { periodValue: String(opts.final ? p.completed : p.completed - prev.completed), cumulativeValue: String(p.completed), comment: text.i1, evidenceFileIds: [] },
      [I2]: { periodValue: String(opts.final ? p.employed : p.employed - prev.employed), cumulativeValue: String(p.employed), comment: text.i2, evidenceFileIds: [] },
    },
    beneficiaries: opts.table,
    challenges: text.challenges,
    lessons: text.lessons,
    nextPlan: opts.final ? '' : text.nextPlan,
  };
}

type ReviewComment = { section: NarrativeReportSection; indicatorId?: string; text: string };

/** The Secretariat's comments when it returns report 2 of Rrjeti (then revised and accepted) and report 3 (waiting for the revision). */
const RETURN_COMMENTS: Record<'q2' | 'q3', ReviewComment[]> = {
  q2: [
    { section: 'general', text: 'Say how many participants dropped out of the courses this quarter and why; the summary only counts those who finished.' },
    { section: 'indicators', indicatorId: I2, text: 'Three employed: attach the anonymised contracts (or the employer\'s confirmation) as evidence for this value.' },
  ],
  q3: [
    { section: 'results', text: 'The IT basics course is reported as ongoing, but the work plan ended it in month 8: explain the delay and the new end date.' },
    { section: 'indicators', indicatorId: I1, text: 'The cumulative value (25) does not match the certificates attached (22): correct the value or add the missing certificates.' },
    { section: 'beneficiaries', text: 'The total by municipality should include the participants from Ferizaj who moved to Prishtina during the quarter; check the municipality counts.' },
  ],
};

/**
 * The narrative reports of issue 12 (see DEMO_REPORT_STAGES), after seedDemoMonitoring; skipped when the call of
 * 2023 exists (idempotent). Everything goes through the services, as the real users do it in the API: the call
 * published, applied to, closed, evaluated and decided (as in demo-grants.ts); each agreement drawn up with its
 * dates in the past, signed and countersigned (its reports made from the schedule); the pre-financing requested,
 * approved and paid; the expenditure report of each quarter handed in saved with its invoices, submitted and
 * accepted; each narrative report saved, scanned for personal data (the demo text has none: a finding stops the
 * seed), submitted, returned with comments or accepted by the officer; more time asked; the final expenditure
 * report accepted, the final balance drawn up, the balance tranche requested, approved and paid, the grant closed.
 * The reports keep the time they were handed in and reviewed as the seed ran (their versions are append-only, the
 * database refuses to move them).
 */
export async function seedDemoReports(app: INestApplicationContext, ds: DataSource) {
  if (await ds.getRepository(CallEntity).existsBy({ reference: REPORTS_CALL })) return;
  const calls = app.get(CallsService);
  const applications = app.get(ApplicationsService);
  const rankings = app.get(RankingService);
  const awards = app.get(AwardsService);
  const grants = app.get(GrantsService);
  const tranches = app.get(TranchesService);
  const expenditure = app.get(ExpenditureReportsService);
  const organizations = app.get(OrganizationsService);
  const reports = app.get(NarrativeReportsService);
  const extensions = app.get(ReportExtensionsService);
  const balances = app.get(FinalBalanceService);
  const closure = app.get(ClosureService);
  const actor = async (email: string): Promise<AuthUser> => toAuthUser(await ds.getRepository(UserEntity).findOneByOrFail({ email }));
  const officer = await actor('officer@demo.grants.test');
  const monitor = await actor('monitor@demo.grants.test');
  const evaluators = await Promise.all([1, 2, 3].map((i) => actor(`evaluator${i}@demo.grants.test`)));
  const stages = Object.keys(DEMO_REPORT_STAGES) as Stage[];
  const owners = new Map(await Promise.all(stages.map(async (s) => [s, await actor(DEMO_REPORT_STAGES[s])] as const)));
  const [{ today }] = await ds.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);

  // 1. the call of 2023 (quarterly reports), published, the five organisations' applications submitted, closed
  const title = t(
    'Call 2023: psychosocial support and employment for survivors of trafficking',
    'Thirrja 2023: mbështetje psikosociale dhe punësim për të mbijetuarit e trafikimit',
    'Poziv 2023: psihosocijalna podrška i zapošljavanje za preživele trgovine ljudima',
  );
  const created = await calls.create(officer, { reference: REPORTS_CALL, title });
  const { reference: _r, documents: _d, ...definition } = demoCallDraft(new Date().toISOString(), REPORTS_CALL);
  definition.texts.title = title;
  definition.budgetEnvelopeCents = 25_000_000;
  definition.maxDurationMonths = 24;
  definition.reserveListSize = 0;
  (definition as Record<string, unknown>).grantSettings = { interimReportEveryMonths: 3, interimReportDueDays: 30, finalReportDueDays: 60 };
  const saved = await calls.update(officer, created.id, { definition: definition as never, version: created.version });
  await calls.publish(officer, created.id, saved.version);
  const applicationOf = new Map<Stage, string>();
  for (const [i, stage] of stages.entries()) {
    const owner = owners.get(stage)!;
    const content = demoApplicationContent(addDays(today, 60), 20 + i);
    content.project.durationMonths = GRANT_DATES[stage].months;
    let a = await applications.create(owner, created.id);
    a = await applications.save(owner, a.id, a.version, content as never);
    await applications.submit(owner, a.id, a.version);
    applicationOf.set(stage, a.id);
  }
  // 2. closed, admissible, evaluated by the three demo evaluators; decided below: every application funded
  const sheet = demoSheet(0.82, 'Clear needs, realistic targets and an experienced team; the employment results are well evidenced.');
  await demoCloseAndEvaluate(app, { officer, callId: created.id, definition, applicationIds: applicationOf.values(), evaluators, deadlineDaysAgo: 560, sheet: () => sheet });
  const ranking = await rankings.ranking(officer, created.id);
  await awards.decide(officer, created.id, {
    committeeMembers: ['Besnik Gashi (Secretariat, chair)', 'Elena Papadopoulou (KMOP)', 'Arta Krasniqi (PVPT)'],
    decidedOn: addDays(addMonths(today, -17), 0),
    adjustments: [],
    rankingSha256: ranking.ranking.sha256,
  } as never);
  const awardRows: { id: string; applicationId: string }[] = await ds.query(`SELECT id, application_id AS "applicationId" FROM awards WHERE call_id = $1`, [created.id]);

  // 3. each agreement: a bank account when the organisation has none, drawn up with its dates, sent, signed, countersigned; the pre-financing paid
  const grantOf = new Map<Stage, string>();
  for (const [i, stage] of stages.entries()) {
    const owner = owners.get(stage)!;
    const org = await organizations.get(owner, owner.organizationId!);
    if (!(org as { iban?: string | null }).iban) await organizations.update(owner, owner.organizationId!, { iban: demoIban(4601 + i), version: org.version } as never);
    const d = GRANT_DATES[stage];
    const startDate = addDays(addMonths(today, -d.monthsAgo), -d.daysAgo);
    const endDate = addDays(addMonths(startDate, d.months), -1);
    const awardId = awardRows.find((w) => w.applicationId === applicationOf.get(stage))!.id;
    const drawn = await grants.drawUp(officer, awardId, { startDate, endDate, monitorId: monitor.id });
    const sent = await grants.send(officer, drawn.id);
    await grants.sign(owner, drawn.id, { password: PASSWORD, signatoryName: owner.fullName, signatoryFunction: 'Executive director', agreementSha256: sent.agreement?.sha256 });
    await grants.countersign(officer, drawn.id);
    const g = await grants.view(officer, drawn.id);
    const first = g.tranches[0];
    await tranches.request(owner, first.id, { note: 'Pre-financing on the signed agreement' });
    await tranches.approve(officer, first.id);
    await tranches.pay(officer, first.id, { paidOn: addDays(startDate, 10), bankReference: `DEMO-${g.agreementNumber}-1` });
    grantOf.set(stage, drawn.id);
  }

  // 4. the reports
  const reportsOf = async (stage: Stage) => (await reports.ofGrant(officer, grantOf.get(stage)!)).items.sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.seq - b.seq);
  type ReportRef = Awaited<ReturnType<typeof reportsOf>>[number];
  const version = async (id: string, who: AuthUser) => (await reports.view(who, id)).version;
  /** The organisation writes it and saves it (the draft). */
  const write = async (stage: Stage, r: ReportRef, content: NarrativeReportContent) => {
    const owner = owners.get(stage)!;
    await reports.save(owner, r.id, { version: await version(r.id, owner), content: content as never });
  };
  /** The organisation scans and submits what it saved: the demo text has no personal data (a finding stops the seed). */
  const submit = async (stage: Stage, r: ReportRef) => {
    const owner = owners.get(stage)!;
    const { findings } = await reports.privacyScan(owner, r.id);
    if (findings.length) throw new Error(`demo report ${r.seq} of ${r.agreementNumber}: the personal-data scan found ${findings.map((f) => `${f.kind} in ${f.field} ("${f.excerpt}")`).join(', ')}`);
    await reports.submit(owner, r.id, { version: await version(r.id, owner), confirmations: [] });
  };
  const accept = async (r: ReportRef) => reports.accept(officer, r.id, await version(r.id, officer));
  const returnIt = async (r: ReportRef, comments: ReviewComment[]) => reports.return(officer, r.id, { version: await version(r.id, officer), comments });
  const lang = (stage: Stage): Lang => (stage === 'reviewing' || stage === 'closing' ? 'en' : 'sq');
  const quarterTables = [beneficiaries(12, 2, 3, 1), beneficiaries(19, 3, 4, 2), beneficiaries(23, 4, 2, 3), beneficiaries(21, 1, 3, 4)];
  /**
   * The organisation's expenditure report of the period ending `periodEnd` (the financial part of the narrative
   * report of the same period): `share` of every approved line, with its invoices, submitted and accepted.
   */
  const spend = async (stage: Stage, periodEnd: string, share: number) => {
    const g = await grants.view(officer, grantOf.get(stage)!);
    const owner = owners.get(stage)!;
    let e = await expenditure.create(owner, g.id, { periodEnd });
    const invoices = await grants.uploadDocument(owner, g.id, {
      originalname: `invoices-and-payroll-${periodEnd}.pdf`, buffer: Buffer.from(`%PDF-1.4\n% demo: invoices and payroll of ${g.agreementNumber} to ${periodEnd}\n%%EOF\n`), size: 80,
    } as never);
    e = await expenditure.save(owner, e.id, { version: e.version, lines: g.budget!.lines.map((l, i) => ({ lineId: `L${i + 1}`, spentCents: Math.floor(l.totalCents * share) })), documentFileIds: [invoices.id] });
    e = await expenditure.submit(owner, e.id, e.version);
    await expenditure.review(officer, e.id, { version: e.version, decision: 'accept' });
    return e.id;
  };
  /** The share of the approved budget spent in each quarter: a 12-month grant spends 96 % in all; a 24-month one 11 % a quarter. */
  const quarterShare = (stage: Stage, seq: number) => (GRANT_DATES[stage].months === 12 ? [0.22, 0.24, 0.25][seq - 1]! : 0.11);
  /** Every interim report up to `upTo` accepted as written, on time, with the period's expenditure report. */
  const acceptInterims = async (stage: Stage, list: ReportRef[], upTo: number) => {
    for (const r of list.filter((x) => x.kind === 'interim' && x.seq <= upTo)) {
      await spend(stage, r.periodEnd, quarterShare(stage, r.seq));
      await write(stage, r, reportContent(lang(stage), r.seq, { table: quarterTables[r.seq - 1]! }));
      await submit(stage, r);
      await accept(r);
    }
  };

  // zeri: closed (below, once the money is settled); centar: ready for closure
  for (const stage of ['closed', 'closing'] as const) {
    const list = await reportsOf(stage);
    await acceptInterims(stage, list, 3);
    const g = await grants.view(officer, grantOf.get(stage)!);
    const owner = owners.get(stage)!;
    // the expenditure report of the last quarter: 96 % of every approved line in all, with its invoices; accepted
    const finalExpenditureId = await spend(stage, g.endDate!, 0.25);
    const final = list.find((x) => x.kind === 'final')!;
    const table = beneficiaries(52, 4, 7, 3);
    if (stage === 'closing') {
      // written but for its lessons: the organisation finishes and submits it
      await write(stage, final, { ...reportContent(lang(stage), 5, { final: true, table }), lessons: '' });
      continue;
    }
    await write(stage, final, reportContent(lang(stage), 5, { final: true, table }));
    await submit(stage, final);
    await accept(final);
    // the final balance (a payment), the balance tranche requested, approved, paid; closed
    const fb = await balances.view(officer, g.id);
    const drawn = await balances.drawUp(officer, g.id, fb.version);
    const balance = drawn.balanceTranche!;
    await tranches.request(owner, balance.id, { expenditureReportId: finalExpenditureId, note: 'Final payment on the final balance' });
    await tranches.approve(officer, balance.id);
    await tranches.pay(officer, balance.id, { paidOn: today, bankReference: `DEMO-${g.agreementNumber}-B` });
    const c = await closure.view(officer, g.id);
    await closure.close(officer, g.id, { version: c.version, closingNote: DEMO_CLOSING_NOTE });
  }

  // rrjeti: 1 accepted; 2 returned, revised, accepted as version 2; 3 returned with comments; 4 submitted early
  {
    const stage = 'reviewing' as const;
    const list = (await reportsOf(stage)).filter((x) => x.kind === 'interim');
    await acceptInterims(stage, list, 1);
    const [, q2, q3, q4] = list;
    for (const q of [q2!, q3!, q4!]) await spend(stage, q.periodEnd, quarterShare(stage, q.seq));
    const first = reportContent('en', 2, { table: quarterTables[1]! });
    await write(stage, q2!, first);
    await submit(stage, q2!);
    await returnIt(q2!, RETURN_COMMENTS.q2);
    await write(stage, q2!, {
      ...first,
      general: { summary: `${first.general.summary} Two participants left the courses this quarter: one moved abroad with her family, one took a job before the end of the course.` },
      indicators: { ...first.indicators, [I2]: { ...first.indicators[I2]!, comment: 'Counted from anonymised employment contracts; the employers\' confirmations are attached in the expenditure report\'s file.' } },
    });
    await submit(stage, q2!);
    await accept(q2!);
    await write(stage, q3!, reportContent('en', 3, { table: quarterTables[2]! }));
    await submit(stage, q3!);
    await returnIt(q3!, RETURN_COMMENTS.q3);
    await write(stage, q4!, reportContent('en', 4, { table: quarterTables[3]! }));
    await submit(stage, q4!);
  }

  // shpresa: 1 accepted; 2 due in about nine days, not started
  await acceptInterims('due', await reportsOf('due'), 1);

  // novasansa: 1 partly written, overdue; more time asked
  {
    const [q1] = await reportsOf('late');
    const owner = owners.get('late')!;
    const partial = reportContent('en', 1, { table: quarterTables[0]! });
    await write('late', q1!, { ...partial, challenges: '', lessons: '', nextPlan: '', indicators: { ...partial.indicators, [I2]: { periodValue: null, cumulativeValue: null, comment: '', evidenceFileIds: [] } } });
    await extensions.request(owner, q1!.id, {
      requestedDueDate: addDays(today, 14),
      reason: 'Psihološkinja projekta je otišla krajem prošlog meseca; nova počinje sledeće nedelje i treba joj vreme da pregleda beleške o savetovanju pre nego što završimo izveštaj.',
    });
  }
}
