/* global URL */
// o. A grant closed, on the demo reports (apps/api/src/seed/demo-reports.ts): Centar (centar@, in Serbian) ended
//    its 12-month grant of MF-C3-2023-01 a month ago; its interim reports and its final expenditure report are
//    accepted and its final report is written but for the lessons. It writes them and submits the final report; the
//    officer (in English) accepts it, opens the grant's final balance and closure, draws the final balance up (a
//    final payment, each cap explained); the organisation requests the balance tranche, the officer approves it
//    (every condition met) and records the payment; the closure checklist is all met and the officer closes the
//    grant with a note. The grant then shows closed and read-only, to the officer and to the organisation.
import { expectHidden, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { GrantPage } from '../pages/grants.mjs';
import { logInToHome as logIn, visitFromTop as visit } from '../pages/homeSession.mjs';
import { ReportPage } from '../pages/reports.mjs';

export const name = 'final-report-closure';

const ORG = { email: 'centar@demo.grants.test', password: 'demo-applicant-2026' };
const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const CALL = 'MF-C3-2023-01';
const DESKTOP = { width: 1366, height: 900 };
const LESSONS = 'Zapošljavanje najbolje uspeva kada poslodavac upozna vodiču slučaja pre prvog radnog dana; kratki, praktični kursevi drže prisustvo visokim.';
const NOTE = 'All activities completed and the targets met; the final report and the final expenditure report accepted, the final payment made. Closed (e2e).';

/** The page does not scroll sideways. */
export async function run(j) {
  const en = texts('en');
  const sr = texts('sr');

  // ── 1. the organisation finishes and submits its final report
  const org = await j.newPage();
  await org.setViewportSize(DESKTOP);
  j.step('Centar opens its final report of MF-C3-2023-01 from its reports, writes the lessons and submits it');
  await logIn(j, org, ORG, 'sr', 'org-home');
  await org.goto('/reports');
  const card = org.getByRole('main').getByRole('link').filter({ hasText: sr('reports.kind.final') }).filter({ hasText: `${CALL}-G-` });
  await expectVisible(card.first(), 'the final report in the list');
  await visit(j, org, 'org-reports');
  await card.first().click();
  await expectUrl(org, /^\/reports\/[^/]+$/, 'the final report');
  const reportPath = new URL(org.url()).pathname;
  const report = new ReportPage(org, sr);
  await report.expectLoaded('final');
  await report.fillTexts({ lessons: LESSONS });
  await expectVisible(org.getByText(sr('reports.completeness.complete')), 'nothing missing any more');
  await visit(j, org, 'org-final-report-filled');
  await report.submitClean();
  await report.expectStatus('submitted');

  // ── 2. the officer accepts it and draws up the final balance
  const officer = await j.newPage();
  await officer.setViewportSize(DESKTOP);
  j.step('the officer accepts the final report');
  await logIn(j, officer, OFFICER, 'en', 'officer-home');
  await officer.goto(reportPath);
  const review = new ReportPage(officer, en);
  await review.expectLoaded('final');
  await visit(j, officer, 'officer-final-report');
  await review.accept();
  await review.expectStatus('accepted');

  j.step('from the grant page, the officer opens the final balance: a final payment, drawn up');
  await officer.getByRole('main').getByRole('link', { name: new RegExp(`^${CALL}-G-|Centar`) }).first().click();
  await expectUrl(officer, /^\/grants\/[^/]+$/, 'the grant page');
  const grantPath = new URL(officer.url()).pathname;
  const grant = new GrantPage(officer, en);
  await grant.expectLoaded();
  await officer.getByRole('link', { name: exactly(en('closure.section.open')) }).click();
  await expectUrl(officer, `${grantPath}/closure`, 'the final balance and closure');
  const outcome = officer.getByTestId('balance-outcome');
  await expectText(outcome, en('closure.balance.toPay', { amount: '' }).trim().split(' ')[0], 'a final payment');
  await expectVisible(officer.locator('[data-testid="closure-item-final_report_accepted"][data-met="true"]'), 'the final report accepted, on the checklist');
  await visit(j, officer, 'officer-final-balance-provisional');
  await j.fits(officer, 'the final balance at 1366 px');
  await officer.getByRole('button', { name: exactly(en('closure.balance.drawUp')) }).click();
  const confirm = officer.getByRole('dialog', { name: en('closure.balance.confirmTitle') });
  await confirm.getByRole('button', { name: exactly(en('closure.balance.drawUp')) }).click();
  await expectVisible(officer.getByTestId('balance-drawn-up'), 'the final balance drawn up, with its SHA-256');
  await expectText(officer.getByTestId('balance-tranche'), en('grants.trancheStatus.planned'), 'the balance tranche planned at the amount');
  await visit(j, officer, 'officer-final-balance-drawn-up');

  // ── 3. the final payment through the tranche flow
  j.step('the organisation requests the balance tranche');
  await org.goto(grantPath);
  const orgGrant = new GrantPage(org, sr);
  await orgGrant.expectLoaded();
  const orgBalance = orgGrant.tranche(2, 'balance');
  await orgGrant.trancheButton(orgBalance, 'grants.request.open').click();
  await visit(j, org, 'org-request-balance');
  await orgGrant.trancheButton(orgBalance, 'grants.request.submit').click();
  await expectText(orgBalance, sr('grants.trancheStatus.requested'), 'the balance tranche requested');

  j.step('the officer approves it (every condition met) and records the payment');
  await officer.goto(grantPath);
  await grant.expectLoaded();
  const balance = grant.tranche(2, 'balance');
  await grant.trancheButton(balance, 'grants.approve.button').click();
  await expectText(balance, en('grants.trancheStatus.approved'), 'the balance tranche approved');
  await grant.trancheButton(balance, 'grants.pay.open').click();
  await balance.getByRole('textbox', { name: exactly(en('grants.pay.bankReference')) }).fill('E2E-FINAL-PAYMENT');
  await grant.trancheButton(balance, 'grants.pay.submit').click();
  await expectText(balance.getByTestId('tranche-paid-2'), 'E2E-FINAL-PAYMENT', 'the final payment with its bank reference');
  await visit(j, officer, 'officer-balance-paid');

  // ── 4. the checklist met, closed with a note
  j.step('the closure checklist is all met; the officer closes the grant with a note');
  await officer.goto(`${grantPath}/closure`);
  for (const code of ['final_report_accepted', 'final_balance_settled', 'action_points_closed', 'documents_in_place']) {
    await expectVisible(officer.locator(`[data-testid="closure-item-${code}"][data-met="true"]`), `checklist: ${code} met`);
  }
  await officer.getByRole('textbox', { name: exactly(en('closure.checklist.note')) }).fill(NOTE);
  await visit(j, officer, 'officer-closure-ready');
  await officer.getByRole('button', { name: exactly(en('closure.checklist.close')) }).click();
  await expectVisible(officer.getByTestId('closure-closed'), 'the grant closed, with its note');
  await expectText(officer.getByTestId('closure-closed'), NOTE, 'the closing note');
  await visit(j, officer, 'officer-grant-closed');

  j.step('the grant shows closed and read-only, to the officer and to the organisation');
  await officer.goto(grantPath);
  await expectVisible(officer.getByTestId('closed-grant-banner'), 'the closed-grant banner on the grant page');
  await grant.expectStatus('closed');
  await visit(j, officer, 'officer-grant-page-closed');
  await org.goto(reportPath);
  await expectVisible(org.getByTestId('read-only'), 'the final report read-only');
  await expectHidden(report.submitButton, 'no submit on a closed grant');
  await org.goto(grantPath);
  await expectVisible(org.getByTestId('closed-grant-banner'), 'the banner for the organisation');
  await expectHidden(org.getByRole('main').getByRole('button', { name: exactly(sr('grants.request.open')) }), 'no tranche to request');
  await visit(j, org, 'org-grant-closed');
}
