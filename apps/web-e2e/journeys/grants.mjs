/* global URL */
// g. From a lowered award to a grant in force and its money, on the demo grants (apps/api/src/seed/demo-grants.ts):
//    QMV Shpresa (cso@, in Albanian) revises its budget to the €35,000 the committee awarded and sends it; the
//    officer (in English) accepts it, draws the agreement up for 18 months (so that there is an instalment) from
//    the first of the month 9 months ago (spending is reported only for periods that have begun) with a monitor
//    and sends it for signature; the owner signs (password again, name and function) and downloads the PDF; the
//    officer countersigns (in force); the organisation requests the pre-financing, the officer approves it
//    (every condition met), records the day's payment order and the payment (date, bank reference); the
//    organisation reports spending below 70 % of the pre-financing, which the officer accepts; it requests the
//    instalment on it and the officer sees the 70 % rule block the approval, with the figure; the organisation
//    reports the next period, it is accepted, and the instalment is approved.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, expectHidden, expectText, expectUrl, expectVisible, poll } from '../lib/expect.mjs';
import { writeTinyPdf } from '../lib/files.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { chooseFile } from '../lib/mantine.mjs';
import { BudgetRevisionPage, DrawUpPage, ExpenditureReportPage, ExpenditureSection, GrantPage, money, pattern, PaymentOrdersPage, PendingAwardsPage } from '../pages/grants.mjs';
import { logInToHome as logIn, visitFromTop as visit } from '../pages/homeSession.mjs';

export const name = 'grants';

const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const CSO = { email: 'cso@demo.grants.test', password: 'demo-applicant-2026', fullName: 'Drita Morina' };
const ORG = 'Qendra për Mbrojtjen e Viktimave';
const MONITOR = 'Luan Hoxha';
const AWARDED_CENTS = 3_500_000;
const DURATION_MONTHS = 18;
/**
 * The grant starts on the first of the month 9 months ago: spending is reported only for a period that has begun,
 * and both six-monthly periods the journey reports on (months 1–6 and 7–12) have then begun.
 */
function pastStart(monthsAgo = 9) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
  return d.toISOString().slice(0, 10);
}
/** The budget lines the spending is reported on (the revised budget's first three, each above a third of 80 % of the grant). */
const SPENT_LINES = ['Case manager (part time)', 'Psychologist (part time)', 'Vocational courses'];

/** A to-do section of the home page, by its kind (home.grants.<kind>.title). */
function todo(page, t, kind) {
  return page.getByRole('main').getByRole('region', { name: t(`home.grants.${kind}.title`) });
}

export async function run(j) {
  const en = texts('en');
  const sq = texts('sq');
  const awarded = (t) => money(t, AWARDED_CENTS);

  // ── 1. the organisation revises its budget to the award and sends it
  const cso = await j.newPage({ acceptDownloads: true });
  j.step('QMV Shpresa opens its home to-do: a budget to revise to the awarded amount');
  await logIn(j, cso, CSO, 'sq', 'cso-home-revision-to-make');
  const toRevise = todo(cso, sq, 'grant.budget_revision_to_make');
  await expectVisible(toRevise, 'the to-do "budget to revise"');
  await toRevise.getByRole('link').first().click();
  await expectUrl(cso, /^\/applications\/[^/]+\/outcome$/, 'the outcome letter');
  await cso.getByRole('main').getByRole('link', { name: exactly(sq('grants.revision.open')) }).click();
  const revision = new BudgetRevisionPage(cso, sq);
  await revision.expectLoaded();
  await expectText(revision.status, sq('grants.revision.status.toMake'), 'the revision still to make');
  await expectText(revision.gap, pattern(sq, 'grants.revision.above', { amount: null }), 'the submitted budget above the award');
  assert(await revision.sendButton.isDisabled(), 'the revision cannot be sent before it is at the award');
  await visit(j, cso, 'cso-revision-above-award');

  j.step('QMV Shpresa lowers the case manager’s monthly cost and raises its co-financing: exactly the award');
  // €1,200 → €800 a month for 12 months: direct costs €36,900, indirect 7 % €2,583, total €39,483;
  // co-financing €4,483 leaves €35,000 requested
  await revision.lineField('applications.budget.unitCost', 1, 'Case manager (part time)').fill('800');
  await revision.coFinancing.fill('4483');
  await revision.coFinancing.blur();
  await revision.expectExact();
  await expectText(revision.requested, awarded(sq), 'the requested amount computed by the server');
  await poll(() => revision.sendButton.isEnabled(), Boolean, { message: 'the send button enabled at the award' });
  await visit(j, cso, 'cso-revision-at-award');
  await revision.sendButton.click();
  await expectText(revision.status, pattern(sq, 'grants.revision.status.submitted', { date: null }), 'the revision sent, waiting for the Secretariat');
  await visit(j, cso, 'cso-revision-sent');

  // ── 2. the Secretariat accepts the revision, draws the grant up and sends it for signature
  const officer = await j.newPage();
  j.step('the officer sees the revised budget to accept on the home to-do');
  const officerShell = await logIn(j, officer, OFFICER, 'en', 'officer-home-revision-to-accept');
  await expectVisible(todo(officer, en, 'grant.budget_revision_to_accept'), 'the to-do "revised budgets to accept"');

  j.step('the officer opens the awards waiting for a grant and reviews the revision');
  await officerShell.openNav('grants.nav.all');
  await officer.getByRole('main').getByRole('link', { name: exactly(en('grants.pendingAwards.title')) }).click();
  const pending = new PendingAwardsPage(officer, en);
  await pending.expectLoaded();
  await visit(j, officer, 'officer-pending-awards');
  await pending.row(ORG).getByRole('link', { name: exactly(en('grants.pendingAwards.review')) }).click();
  const review = new BudgetRevisionPage(officer, en);
  await review.expectLoaded();
  await expectVisible(review.comparison, 'the revised budget against the submitted one');
  await expectText(review.comparison.getByTestId('compare-requested'), awarded(en), 'the revised amount requested at the award');
  await visit(j, officer, 'officer-revision-compare');
  await review.acceptButton.click();
  await expectText(review.status, pattern(en, 'grants.revision.status.accepted', { date: null }), 'the revision accepted');

  j.step(`the officer draws the agreement up for ${DURATION_MONTHS} months from ${pastStart()} with a monitor`);
  await review.drawUpLink.click();
  const drawUp = new DrawUpPage(officer, en);
  await drawUp.expectLoaded();
  await drawUp.startDate.fill(pastStart());
  await drawUp.startDate.blur();
  await drawUp.duration.fill(String(DURATION_MONTHS));
  await drawUp.chooseMonitor(MONITOR);
  const start = await drawUp.startDate.inputValue();
  const end = await drawUp.endDate.inputValue();
  assert(start && end, `the start (${start}) and end (${end}) dates filled in`);
  await visit(j, officer, 'officer-draw-up');
  await drawUp.submit.click();
  await expectUrl(officer, /^\/grants\/[0-9a-f-]{36}$/, 'the new grant\'s page');
  const grantUrl = new URL(officer.url()).pathname;
  const grant = new GrantPage(officer, en);
  await grant.expectLoaded();
  await expectText(grant.agreement, en('grants.agreement.months', { count: DURATION_MONTHS }), `an agreement of ${DURATION_MONTHS} months`);
  await expectText(grant.agreement, awarded(en), 'the grant of the awarded amount');
  await expectVisible(grant.tranche(2, 'instalment'), 'a further instalment (the grant is longer than 12 months)');

  j.step('the officer sends the agreement for signature');
  await grant.sendButton.click();
  await grant.expectStatus('sent_for_signature');
  await expectVisible(grant.downloadLink, 'the agreement PDF');
  const agreementNumber = (await grant.number.innerText()).trim().split('\n').pop().trim();
  assert(/\S/.test(agreementNumber) && agreementNumber !== '—', `an agreement number (got "${agreementNumber}")`);
  j.log(`agreement ${agreementNumber} at ${grantUrl}`);
  await visit(j, officer, 'officer-sent-for-signature');

  // ── 3. the owner signs and downloads the agreement
  j.step('the owner sees the agreement to sign, signs it with her password, name and function');
  await cso.goto('/home');
  const toSign = todo(cso, sq, 'grant.agreement_to_sign');
  await expectVisible(toSign, 'the to-do "agreement to sign"');
  await visit(j, cso, 'cso-home-agreement-to-sign');
  await toSign.getByRole('link', { name: exactly(agreementNumber) }).first().click();
  const csoGrant = new GrantPage(cso, sq);
  await csoGrant.expectLoaded();
  await expectVisible(csoGrant.signForm, 'the signature form');
  await expectVisible(cso.getByText(pattern(sq, 'grants.sign.hash', { hash: null })), 'the SHA-256 of the agreement signed');
  await csoGrant.signName.fill(CSO.fullName);
  await csoGrant.signFunction.fill('Drejtoreshë ekzekutive');
  await csoGrant.signPassword.fill(CSO.password);
  await csoGrant.signConfirm.check();
  await visit(j, cso, 'cso-sign-form');
  await csoGrant.signButton.click();
  await csoGrant.expectStatus('signed_by_organization');
  await expectText(csoGrant.signed, CSO.fullName, 'who signed');
  await expectText(csoGrant.signed, 'Drejtoreshë ekzekutive', 'in which function');

  j.step('the owner downloads the agreement (PDF)');
  const [download] = await Promise.all([cso.waitForEvent('download', { timeout: 20_000 }), csoGrant.downloadLink.click()]);
  const pdf = readFileSync(await download.path());
  assert(pdf.subarray(0, 5).toString('latin1') === '%PDF-', 'the agreement is a PDF');
  assert(/\.pdf$/i.test(download.suggestedFilename()), `the agreement's file name ends in .pdf: ${download.suggestedFilename()}`);
  await visit(j, cso, 'cso-signed');

  // ── 4. the Secretariat countersigns: in force
  j.step('the officer countersigns: the grant is in force');
  await officer.goto('/home');
  const toCountersign = todo(officer, en, 'grant.agreement_to_countersign');
  await expectVisible(toCountersign, 'the to-do "agreement to countersign"');
  await toCountersign.getByRole('link', { name: exactly(agreementNumber) }).first().click();
  await grant.expectLoaded();
  await grant.countersignButton.click();
  await grant.expectStatus('in_force');
  await expectText(grant.signed, pattern(en, 'grants.agreement.countersigned', { date: null }), 'the countersignature');
  await visit(j, officer, 'officer-in-force');

  // ── 5. the pre-financing requested, approved (every condition met), put on the day's payment order and paid
  j.step('the organisation requests the pre-financing');
  await cso.goto('/home');
  const toRequest = todo(cso, sq, 'tranche.to_request');
  await expectVisible(toRequest, 'the to-do "tranche you may request"');
  await toRequest.getByRole('link', { name: exactly(agreementNumber) }).first().click();
  await csoGrant.expectLoaded();
  const csoFirst = csoGrant.tranche(1, 'pre_financing');
  await csoGrant.trancheButton(csoFirst, 'grants.request.open').click();
  await csoFirst.getByRole('textbox', { name: exactly(sq('grants.request.note')) }).fill('Parafinancimi sipas marrëveshjes së nënshkruar.');
  await visit(j, cso, 'cso-request-pre-financing');
  await csoGrant.trancheButton(csoFirst, 'grants.request.submit').click();
  await expectText(csoFirst, sq('grants.trancheStatus.requested'), 'the pre-financing requested');

  j.step('the officer approves the pre-financing: every condition met');
  await officer.goto('/home');
  const toApprove = todo(officer, en, 'tranche.to_approve');
  await expectVisible(toApprove, 'the to-do "tranches to approve"');
  await visit(j, officer, 'officer-home-tranche-to-approve');
  await toApprove.getByRole('link', { name: exactly(agreementNumber) }).first().click();
  await grant.expectLoaded();
  const first = grant.tranche(1, 'pre_financing');
  const conditions = grant.conditions(first);
  await expectVisible(conditions, 'the pre-financing\'s conditions');
  const states = await conditions.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-met')));
  assert(states.length > 0 && states.every((m) => m === 'true'), `every condition of the pre-financing met (got ${states.join(', ')})`);
  await expectText(conditions, en('grants.condition.bank_account.label'), 'the bank account among the conditions');
  await visit(j, officer, 'officer-approve-pre-financing');
  await grant.trancheButton(first, 'grants.approve.button').click();
  await expectText(first, en('grants.trancheStatus.approved'), 'the pre-financing approved');
  const amount = (await first.getByTestId('tranche-amount-1').innerText()).trim();

  j.step('the officer records the day\'s payment order with the pre-financing on it');
  await grant.ordersLink.click();
  const orders = new PaymentOrdersPage(officer, en);
  await orders.expectLoaded();
  const line = orders.lines.getByRole('row').filter({ hasText: `${agreementNumber} / 1` });
  await expectVisible(line, 'the pre-financing on the day\'s order');
  await expectText(line, amount, 'the pre-financing\'s amount on the order');
  await visit(j, officer, 'officer-payment-order-preview');
  await orders.createButton.click();
  await expectVisible(orders.download('pain.001'), 'the recorded order with its pain.001 file');
  await expectVisible(orders.download('CSV'), 'the recorded order as CSV');
  const xml = await officer.request.get(await orders.download('pain.001').first().getAttribute('href'));
  assert(xml.ok(), `the pain.001 file downloads (HTTP ${xml.status()})`);
  assert((await xml.text()).includes('pain.001'), 'the order file is an ISO 20022 pain.001 credit transfer');
  await visit(j, officer, 'officer-payment-order-recorded');

  j.step('the officer records the payment: value date and bank reference');
  await officer.goto(grantUrl);
  await grant.expectLoaded();
  await grant.trancheButton(first, 'grants.pay.open').click();
  const bankReference = `E2E-${agreementNumber}-1`;
  await first.getByRole('textbox', { name: exactly(en('grants.pay.bankReference')) }).fill(bankReference);
  await visit(j, officer, 'officer-pay-form');
  await grant.trancheButton(first, 'grants.pay.submit').click();
  await expectText(first.getByTestId('tranche-paid-1'), bankReference, 'the payment with its bank reference');
  await expectText(grant.paidTotal, amount, 'the paid total');
  await visit(j, officer, 'officer-pre-financing-paid');

  j.step('the organisation sees its pre-financing paid');
  await cso.goto(grantUrl);
  await csoGrant.expectLoaded();
  await expectText(csoGrant.tranche(1, 'pre_financing'), sq('grants.trancheStatus.paid'), 'the pre-financing paid, for the organisation');
  await visit(j, cso, 'cso-pre-financing-paid');

  // ── 6. expenditure below 70 % of the pre-financing, the instalment blocked by the 70 % rule, then more, approved
  const preFinancingCents = parseMoneyCents(amount);
  const firstShare = Math.floor((preFinancingCents * 0.4) / 300) * 300; // 40 %, whole euros on three lines
  const secondShare = Math.floor((preFinancingCents * 0.4) / 300) * 300; // another 40 %: 80 % in all
  const dir = mkdtempSync(join(tmpdir(), 'grants-e2e-expenditure-'));
  try {
    await reportExpenditure(j, cso, sq, dir, grantUrl, 1, firstShare, 'cso-expenditure-1');
    await acceptExpenditure(j, officer, en, grantUrl, agreementNumber, 1, 'officer-expenditure-1-review');

    j.step('the organisation requests the instalment on its first expenditure report');
    await cso.goto(grantUrl);
    await csoGrant.expectLoaded();
    const csoSecond = csoGrant.tranche(2, 'instalment');
    await csoGrant.trancheButton(csoSecond, 'grants.request.open').click();
    const onReport = csoSecond.getByRole('textbox', { name: exactly(sq('grants.expenditure.requestOn')) });
    await j.soft('the request proposes the expenditure report it rests on', () => poll(() => onReport.inputValue(), (v) => v.startsWith(sq('grants.expenditure.reportNo', { seq: 1 })), { message: 'expenditure report 1 proposed' }), cso);
    await visit(j, cso, 'cso-request-instalment');
    await csoGrant.trancheButton(csoSecond, 'grants.request.submit').click();
    await expectText(csoSecond, sq('grants.trancheStatus.requested'), 'the instalment requested');

    j.step('the officer sees the 70 % rule block the instalment, with the figure');
    await officer.goto(grantUrl);
    await grant.expectLoaded();
    const second = grant.tranche(2, 'instalment');
    const blocked = second.getByTestId('blocked-2');
    await expectVisible(blocked, 'the approval blocked');
    await expectText(blocked, en('grants.condition.previous_spent.label'), 'the 70 % rule named');
    await expectText(blocked, money(en, firstShare), 'the spending accepted so far');
    await expectText(blocked, money(en, preFinancingCents), 'the pre-financing it is measured against');
    await expectText(blocked, /70(\.0)?\s?%/, 'the 70 % threshold');
    assert(await grant.trancheButton(second, 'grants.approve.button').isDisabled(), 'the approval button disabled while the rule blocks it');
    await visit(j, officer, 'officer-instalment-blocked');

    await reportExpenditure(j, cso, sq, dir, grantUrl, 2, secondShare, 'cso-expenditure-2');
    await acceptExpenditure(j, officer, en, grantUrl, agreementNumber, 2, 'officer-expenditure-2-review');

    j.step('the officer approves the instalment: the 70 % rule met');
    await officer.goto(grantUrl);
    await grant.expectLoaded();
    await expectHidden(second.getByTestId('blocked-2'), 'the block lifted');
    const states = await grant.conditions(second).getByRole('listitem').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-testid')}=${i.getAttribute('data-met')}`));
    assert(states.length > 0 && states.every((s) => s.endsWith('=true')), `every condition of the instalment met (got ${states.join(', ')})`);
    await visit(j, officer, 'officer-instalment-conditions-met');
    await grant.trancheButton(second, 'grants.approve.button').click();
    await expectText(second, en('grants.trancheStatus.approved'), 'the instalment approved');
    await visit(j, officer, 'officer-instalment-approved');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "35.000,00 €" / "€35,000.00" back to cents. */
function parseMoneyCents(text) {
  const digits = text.replace(/[^\d]/g, '');
  assert(/^\d+$/.test(digits), `an amount (got "${text}")`);
  return Number(digits);
}

/** The organisation reports `cents` spent in the next period, a third on each of three lines, with an invoice. */
async function reportExpenditure(j, cso, t, dir, grantUrl, seq, cents, shot) {
  j.step(`the organisation reports expenditure for period ${seq}: ${money(t, cents)}`);
  const grantPage = new GrantPage(cso, t);
  await cso.goto(grantUrl);
  await grantPage.expectLoaded();
  const section = new ExpenditureSection(cso, t);
  await section.startButton.click();
  const report = new ExpenditureReportPage(cso, t);
  await report.expectLoaded(seq);
  const each = cents / SPENT_LINES.length / 100;
  for (const line of SPENT_LINES) await report.spentOn(line).fill(String(each));
  const pdf = join(dir, `fatura-${seq}.pdf`);
  writeTinyPdf(pdf, `Invoice ${seq} (e2e test document)`);
  await chooseFile(cso, report.documents, pdf);
  await expectText(report.form, money(t, cents), 'the period\'s total as typed');
  await visit(j, cso, `${shot}-form`);
  await report.submitButton.click();
  await report.expectStatus('submitted');
  await visit(j, cso, `${shot}-submitted`);
  await report.backToGrant.click();
  await grantPage.expectLoaded();
}

/** The officer opens the report from the home to-do (through the grant's page) and accepts it. */
async function acceptExpenditure(j, officer, t, grantUrl, agreementNumber, seq, shot) {
  j.step(`the officer reviews and accepts expenditure report ${seq}`);
  await officer.goto('/home');
  const toReview = todo(officer, t, 'expenditure.report_to_review');
  await expectVisible(toReview, 'the to-do "expenditure reports to review"');
  await toReview.getByRole('link', { name: exactly(agreementNumber) }).first().click();
  // the entry opens the report itself (or, before the API's 539e5c2, the grant with its reports)
  const to = await poll(() => new URL(officer.url()).pathname, (p) => p === grantUrl || p.startsWith('/expenditure-reports/'), { message: 'the report or its grant opened from the to-do' });
  if (to === grantUrl) await new ExpenditureSection(officer, t).reportLink(seq).click();
  const report = new ExpenditureReportPage(officer, t);
  await report.expectLoaded(seq);
  await expectVisible(report.review, 'the Secretariat\'s review');
  await expectVisible(report.reviewDocument(`fatura-${seq}.pdf`), `the supporting document fatura-${seq}.pdf to download in the review`);
  await visit(j, officer, shot);
  await report.acceptButton.click();
  await report.expectStatus('accepted');
}
