// e. The officer reads an open call's deadline; the demo CSO (in Albanian) asks a question on it,
//    completes its seeded draft, submits it, downloads the receipt and withdraws the application
//    before the deadline; the officer decides the admissibility check of an application on the
//    closed call, with one item failed; that application's CSO reads the reason in its notifications.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, expectHidden, expectText, expectUrl, expectValue, expectVisible, poll } from '../lib/expect.mjs';
import { writeTinyPdf } from '../lib/files.mjs';
import { texts } from '../lib/i18n.mjs';
import { AdmissibilityPage, CallApplicationsPage } from '../pages/admissibility.mjs';
import { ApplicationEditorPage } from '../pages/application.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { CallPage, CallsPage } from '../pages/calls.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'call-application';

const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const CSO = { email: 'cso@demo.grants.test', password: 'demo-applicant-2026' };
const OPEN_CALL = 'MF-C3-2026-01';
const CLOSED_CALL = 'MF-C3-2026-00';
/** The seeded organisations on the closed call, by the start of their legal name. */
const CLOSED_CALL_CSOS = [
  { name: 'Zëri i Grave', email: 'zeri@demo.grants.test' },
  { name: 'Centar za pravnu pomoć', email: 'centar@demo.grants.test' },
  { name: 'Rrjeti i Strehimoreve', email: 'rrjeti@demo.grants.test' },
];
const BUDGET_ANNEX = { sq: 'Aneksi i buxhetit (i nënshkruar)' };
/** The licence number in the demo CSO's profile (apps/api/src/seed/demo.ts). */
const DEMO_LICENCE = 'MPMS-SH-2024-117';

async function logIn(j, page, t, user, shot) {
  const login = new LoginPage(page, t);
  await login.goto();
  await j.visit(page, shot, { axe: false });
  await login.login(user.email, user.password);
  // (the page after login is in the user's own language)
  await expectUrl(page, '/home', `the home page of ${user.email}`);
}

export async function run(j, { runId }) {
  const en = texts('en');
  const sq = texts('sq');

  // ── 1. the officer reads the open call's deadline
  const officer = await j.newPage();
  j.step('the officer logs in and opens the calls');
  await logIn(j, officer, en, OFFICER, 'officer-login');
  // the app first settles in the officer's own language (Albanian); a menu opened before that closes again
  await expectVisible(new AppShell(officer, sq).navLink('nav.calls'), 'the navigation in the officer\'s own language');
  // this part of the journey is in English
  await new AppShell(officer, en).chooseLanguage('en');
  await expectVisible(new AppShell(officer, en).navLink('nav.calls'), `the navigation link "${en('nav.calls')}"`);
  await new AppShell(officer, en).openNav('nav.calls');
  const calls = new CallsPage(officer, en);
  await calls.expectLoaded();
  await expectVisible(calls.card(OPEN_CALL), `the card of ${OPEN_CALL}`);
  await j.visit(officer, 'officer-calls');

  j.step(`the officer opens ${OPEN_CALL} and sees its deadline`);
  await calls.openCall(OPEN_CALL);
  const officerCall = new CallPage(officer, en);
  await officerCall.expectLoaded(OPEN_CALL);
  await expectText(
    officerCall.deadlineLine(),
    new RegExp(`\\d{1,2}.*\\d{4}.*${en('calls.kosovoTime').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 's'),
    'the submission deadline (a date in Kosovo time)',
  );
  await j.visit(officer, 'officer-open-call');

  // ── 2. the CSO, in Albanian: a question, then the application completed and submitted
  const cso = await j.newPage({ acceptDownloads: true });
  j.step('the CSO logs in and switches to Shqip');
  await logIn(j, cso, en, CSO, 'cso-login');
  // wait until the app has settled in the CSO's own language before touching the language menu
  await expectVisible(new AppShell(cso, sq).navLink('nav.calls'), 'the navigation in the CSO\'s own language');
  await new AppShell(cso, sq).chooseLanguage('sq');
  const shell = new AppShell(cso, sq);
  await expectVisible(shell.navLink('nav.calls'), `the navigation link "${sq('nav.calls')}"`);
  await j.visit(cso, 'cso-home-sq');

  j.step(`the CSO opens ${OPEN_CALL}`);
  await shell.openNav('nav.calls');
  const csoCalls = new CallsPage(cso, sq);
  await csoCalls.expectLoaded();
  await csoCalls.openCall(OPEN_CALL);
  const csoCall = new CallPage(cso, sq);
  await csoCall.expectLoaded(OPEN_CALL);
  await j.visit(cso, 'cso-call');

  j.step('the CSO asks a question and sees it among its own');
  const question = `A mund të përfshihen kostot e strehimit emergjent në buxhet? (e2e ${runId})`;
  await csoCall.ask(question);
  await expectVisible(cso.getByText(sq('calls.qa.sent'), { exact: true }), 'the "question sent" confirmation');
  await expectVisible(csoCall.myPendingHeading, `"${sq('calls.qa.myPending')}"`);
  await expectVisible(csoCall.pendingQuestion(question), 'the question in the list');
  await expectText(
    csoCall.qa.locator('.mantine-Card-root').filter({ hasText: question }),
    sq('calls.qa.pending'),
    `the question marked "${sq('calls.qa.pending')}"`,
  );
  await j.visit(cso, 'cso-question-sent');

  j.step('the CSO opens its application from the call');
  await csoCall.openMyApplicationLink.click();
  await expectUrl(cso, /^\/applications\/[^/]+$/, 'the application editor');
  const editor = new ApplicationEditorPage(cso, sq);
  await editor.expectLoaded();
  await j.visit(cso, 'application-draft');

  const dir = mkdtempSync(join(tmpdir(), 'grants-e2e-annex-'));
  try {
    j.step('upload the budget annex (PDF)');
    await editor.openTab('attachments');
    const annex = join(dir, `aneksi-buxhetit-${runId}.pdf`);
    writeTinyPdf(annex, 'Budget annex (e2e test document)');
    await editor.uploadAttachment(BUDGET_ANNEX.sq, annex);
    await expectText(editor.attachmentRow(BUDGET_ANNEX.sq), `aneksi-buxhetit-${runId}.pdf`, 'the uploaded annex in its row');
    await j.visit(cso, 'application-attachment');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  j.step('tick month 1 of A1.1 and A1.2 in the work plan');
  await editor.openTab('workplan');
  for (const a of ['A1.1', 'A1.2']) {
    await editor.workplanCell(a, 1).check();
    assert(await editor.workplanCell(a, 1).isChecked(), `${a} in month 1 should be ticked`);
  }
  await j.visit(cso, 'application-workplan');

  j.step('fill in the capacity');
  await editor.openTab('capacity');
  await editor.field('applications.capacity.experience').fill(
    'Që nga viti 2015 ofrojmë strehim, këshillim dhe riintegrim për viktimat e trafikimit në Gjakovë.',
  );
  await editor.field('applications.capacity.staff').fill('Një menaxhere rasti, dy punonjëse sociale, një psikologe.');
  // the licence number is the organisation profile's, shown read-only (not asked again)
  await expectValue(editor.field('applications.capacity.licenceNumber'), DEMO_LICENCE, 'the licence number from the profile');
  assert(!(await editor.field('applications.capacity.licenceNumber').isEditable()), 'the licence number should be read-only');
  await j.visit(cso, 'application-capacity');

  j.step('tick the three declarations');
  await editor.openTab('declarations');
  for (const k of ['truthful', 'noDoubleFunding', 'dataProtection']) await editor.declaration(k).check();
  await j.visit(cso, 'application-declarations');

  j.step('wait for the autosave and an empty completeness list');
  await expectText(editor.saveState, editor.savedText(), 'the "saved" indicator', 20_000);
  await expectText(
    editor.completeness.locator('.mantine-Badge-root'),
    sq('applications.completeness.complete'),
    `the completeness panel saying "${sq('applications.completeness.complete')}"`,
    20_000,
  ).catch(async (e) => {
    throw new Error(`${e.message}; the panel lists: ${(await editor.completeness.innerText()).replace(/\s+/g, ' ')}`);
  });
  assert(
    (await editor.completeness.getByRole('listitem').count()) === 0,
    'the completeness panel should list no problem',
  );
  await expectText(editor.saveState, editor.savedText(), 'the "saved" indicator');
  await j.visit(cso, 'application-complete');

  j.step('submit (confirming in the dialog) and see the reference and the SHA-256');
  await editor.submit();
  await expectText(editor.submission, /MF-C3-2026-01-\d{3}/, 'the submission reference', 20_000);
  await expectText(editor.submission, /SHA-256: [0-9a-f]{64}/, 'the SHA-256 of the submission');
  await j.visit(cso, 'application-submitted');

  j.step('download the receipt (PDF)');
  const [download] = await Promise.all([cso.waitForEvent('download', { timeout: 20_000 }), editor.receiptLink.click()]);
  const receiptPath = await download.path();
  const head = readFileSync(receiptPath).subarray(0, 5).toString('latin1');
  assert(head === '%PDF-', `the receipt should start with %PDF-, starts with ${JSON.stringify(head)}`);
  assert(/\.pdf$/.test(download.suggestedFilename()), `the receipt's file name should end in .pdf: ${download.suggestedFilename()}`);

  j.step('withdraw the submitted application before the deadline');
  await editor.withdraw();
  await expectVisible(editor.withdrawnText, `the message "${sq('applications.submit.withdrawn')}"`);
  await expectVisible(editor.status('withdrawn'), `the status "${sq('applications.status.withdrawn')}"`);
  await expectHidden(editor.withdrawButton, 'the withdraw button');
  await j.visit(cso, 'application-withdrawn');

  // ── 3. the officer decides one admissibility check on the closed call
  j.step(`the officer opens the applications of ${CLOSED_CALL}`);
  await new AppShell(officer, en).openNav('nav.calls');
  await calls.expectLoaded();
  await calls.openCall(CLOSED_CALL);
  const closedCall = new CallPage(officer, en);
  await closedCall.expectLoaded(CLOSED_CALL);
  await closedCall.applicationsLink.click();
  const list = new CallApplicationsPage(officer, en);
  await list.expectLoaded(CLOSED_CALL);
  await j.visit(officer, 'officer-applications');

  const rows = list.rows();
  const rowTexts = await rows.allInnerTexts();
  const index = rowTexts.findIndex((txt) => CLOSED_CALL_CSOS.some((o) => txt.includes(o.name)));
  assert(index >= 0, `no application of a seeded organisation in the list: ${JSON.stringify(rowTexts)}`);
  const org = CLOSED_CALL_CSOS.find((o) => rowTexts[index].includes(o.name));
  const row = rows.nth(index);
  j.step(`the officer opens the admissibility check of ${org.name}'s application`);
  await list.checkLink(row).click();
  const adm = new AdmissibilityPage(officer, en);
  await adm.expectLoaded();
  await j.visit(officer, 'officer-admissibility');

  j.step('every item passed but the licence, failed with a reason; decide');
  const reason = `The social-services licence on file expired before the deadline (e2e ${runId}).`;
  const n = await adm.items.count();
  assert(n > 1, `the checklist should have several items, has ${n}`);
  for (let i = 0; i < n; i += 1) await adm.choose(adm.items.nth(i), true);
  await adm.choose(adm.item('valid_licence'), false);
  await adm.reasonBox().fill(reason);
  await j.shot(officer, 'officer-admissibility-filled');
  await adm.decideButton.click();
  await expectVisible(adm.dialog, 'the confirmation dialog');
  await adm.confirmButton.click();
  await expectVisible(officer.getByText(en('admissibility.decided'), { exact: true }), 'the "decision recorded" message');
  await expectVisible(
    officer.getByRole('main').getByText(en('admissibility.outcome.rejected'), { exact: true }),
    `the outcome "${en('admissibility.outcome.rejected')}"`,
  );
  await j.visit(officer, 'officer-admissibility-decided');

  // ── 4. that application's CSO reads the reason
  const applicant = await j.newPage();
  j.step(`${org.email} logs in and reads the notification`);
  await logIn(j, applicant, en, { email: org.email, password: CSO.password }, 'applicant-login');
  await applicant.goto('/notifications');
  await poll(
    async () => {
      const found = await applicant.getByRole('main').getByText(reason).count();
      if (!found) await applicant.reload();
      return found;
    },
    (c) => c > 0,
    { timeout: 30_000, interval: 2000, message: 'expected the notification with the reason' },
  );
  await j.visit(applicant, 'applicant-notifications');
}
