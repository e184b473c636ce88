/* global document, URL */
// p. The portfolio, on the demo data: the observer (the EU Office, in English) opens the dashboard from its home page
//    and finds figures from every stage of the cycle (money awarded to recovered, monitoring ratings, what is overdue,
//    results by National Strategy objective, beneficiaries on the map of the 38 municipalities, with "<5" where a
//    count is small). The officer (in Albanian) filters the dashboard by a Strategy objective (kept in the URL), drafts
//    the 6-month report of this half-year, writes its introduction, issues it (frozen with its SHA-256) and exports it
//    as DOCX and as PDF in Serbian Cyrillic. The observer then finds the issued report in its list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { chooseOption } from '../lib/mantine.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { logInToHome as logIn, settleInStoredLanguage, visitFromTop as visit } from '../pages/homeSession.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'portfolio';

const OBSERVER = { email: 'observer@demo.grants.test', password: 'demo-observer-2026' };
const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const DESKTOP = { width: 1366, height: 900 };
const INTRO = 'Gjysmëvjetori i dytë: organizatat vazhduan shërbimet direkte dhe riintegrimin; dy vizita treguan vështirësi që po adresohen (e2e).';

/** The page does not scroll sideways. */
async function fits(j, page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await j.soft(`${what} fits its width`, () => assert(overflow <= 1, `${what} scrolls sideways by ${overflow} px`), page);
}

/** A money card's figure, as shown ("41.619,00 €"): not a zero amount. */
async function expectMoney(page, key, t, what) {
  const card = page.getByTestId(`money-${key}`);
  await expectVisible(card, what);
  await expectText(card, /[1-9]/, `${what} is not zero`);
}

export async function run(j) {
  const en = texts('en');
  const sq = texts('sq');

  // ── 1. the observer: the dashboard from its home page, every stage of the cycle in it
  const observer = await j.newPage();
  await observer.setViewportSize(DESKTOP);
  j.step('the observer opens the portfolio from its home page');
  const login = new LoginPage(observer, en);
  await login.goto();
  await login.login(OBSERVER.email, OBSERVER.password);
  await expectUrl(observer, '/home', 'the observer\'s home page');
  await settleInStoredLanguage(observer);
  await new AppShell(observer, en).chooseLanguage('en');
  await expectVisible(observer.getByRole('heading', { level: 2, name: en('home.todo.observerTitle') }), 'what the observer can look at');
  await expectVisible(observer.getByText(en('home.todo.kinds.portfolio.dashboard.title')), 'the portfolio dashboard among it');
  await visit(j, observer, 'observer-home');
  await observer.getByRole('navigation').getByRole('link', { name: exactly(en('nav.portfolio')) }).click();
  await expectUrl(observer, /^\/portfolio/, 'the portfolio dashboard');
  await expectVisible(observer.getByTestId('portfolio-as-of'), 'how old the figures are');
  await expectVisible(observer.getByTestId('money-cards'), 'the money cards');
  for (const key of ['awardedCents', 'contractedCents', 'paidCents', 'acceptedCents', 'recoveredCents']) await expectMoney(observer, key, en, `money ${key}`);
  await expectVisible(observer.getByRole('table', { name: en('portfolio.money.byCall') }), 'money by call, as a table beside its chart');
  await expectVisible(observer.getByRole('heading', { name: en('portfolio.sections.results') }), 'results by Strategy objective');
  await expectVisible(observer.getByRole('heading', { name: en('portfolio.sections.beneficiaries') }), 'beneficiaries');
  const mapTable = observer.getByRole('table', { name: new RegExp(en('portfolio.map.municipality'), 'i') });
  if (await mapTable.count()) await j.soft('the map has its table of municipalities', () => expectVisible(mapTable.first(), 'the map table'), observer);
  await fits(j, observer, 'the dashboard at 1366 px');
  await visit(j, observer, 'observer-portfolio');

  // ── 2. the officer filters by a Strategy objective: the filter is in the URL and the figures follow it
  const officer = await j.newPage({ acceptDownloads: true });
  await officer.setViewportSize(DESKTOP);
  j.step('the officer filters the portfolio by Strategy objective III.4 (reintegration)');
  await logIn(j, officer, OFFICER, 'sq', 'officer-home');
  await officer.goto('/portfolio');
  await expectVisible(officer.getByTestId('money-cards'), 'the money cards');
  const filters = officer.getByTestId('portfolio-filters');
  await filters.getByLabel(sq('portfolio.filter.objective'), { exact: true }).click();
  await officer.getByRole('option', { name: /^III\.4\b/ }).first().click();
  await expectUrl(officer, /objective=III\.4/, 'the objective kept in the URL');
  await expectVisible(officer.getByTestId('money-cards'), 'the money cards, filtered');
  await visit(j, officer, 'officer-portfolio-iii4');
  await fits(j, officer, 'the filtered dashboard at 1366 px');

  // ── 3. the officer drafts this half-year's 6-month report, writes the introduction, issues it and exports it
  j.step('the officer drafts the 6-month report, writes its introduction and issues it');
  await officer.goto('/portfolio/reports');
  await officer.getByRole('button', { name: exactly(sq('strategyReports.draft.submit')) }).click();
  await expectUrl(officer, /^\/portfolio\/reports\/[^/]+$/, 'the report builder');
  const reportPath = new URL(officer.url()).pathname;
  await expectVisible(officer.getByTestId('sr-status'), 'the report status');
  await expectText(officer.getByTestId('sr-status'), new RegExp(sq('strategyReports.status.draft'), 'i'), 'a draft');
  await officer.getByRole('textbox', { name: sq('strategyReports.builder.introductionLabel'), exact: true }).fill(INTRO);
  await officer.getByTestId('sr-save').click();
  await expectVisible(officer.getByTestId('sr-saved'), 'the introduction saved');
  await visit(j, officer, 'officer-report-draft');
  await fits(j, officer, 'the report builder at 1366 px');
  await officer.getByRole('button', { name: exactly(sq('strategyReports.builder.issue')) }).click();
  await officer.getByRole('dialog').getByRole('button', { name: exactly(sq('strategyReports.builder.issueConfirm')) }).click();
  await expectText(officer.getByTestId('sr-status'), new RegExp(sq('strategyReports.status.issued'), 'i'), 'issued');

  j.step('exports it as DOCX, and as PDF in Serbian Cyrillic');
  const [docx] = await Promise.all([officer.waitForEvent('download', { timeout: 30_000 }), officer.getByTestId('sr-export-docx').click()]);
  const docxBytes = readFileSync(await docx.path());
  assert(docxBytes.subarray(0, 2).toString('latin1') === 'PK', 'the DOCX is a ZIP (Office Open XML)');
  await chooseOption(officer, officer.getByRole('textbox', { name: sq('strategyReports.export.language'), exact: true }), sq('strategyReports.export.srCyrillic'));
  const [pdf] = await Promise.all([officer.waitForEvent('download', { timeout: 30_000 }), officer.getByTestId('sr-export-pdf').click()]);
  const pdfBytes = readFileSync(await pdf.path());
  assert(pdfBytes.subarray(0, 5).toString('latin1') === '%PDF-', 'the export is a PDF');
  assert(pdfBytes.length > 5_000, `the PDF holds the report (${pdfBytes.length} bytes)`);
  // kept beside the screenshots, to be read as a person would
  await docx.saveAs(join(j.dir, 'strategy-report-sq.docx'));
  await pdf.saveAs(join(j.dir, 'strategy-report-sr-Cyrl.pdf'));

  // ── 4. the observer finds the issued report
  j.step('the observer finds the issued report and opens it read-only');
  await observer.goto('/portfolio/reports');
  const link = observer.getByRole('main').locator(`a[href="${reportPath}"]`);
  await expectVisible(link.first(), 'the issued report in the observer\'s list');
  await link.first().click();
  await expectUrl(observer, reportPath, 'the issued report');
  await expectVisible(observer.getByText(INTRO), 'the introduction the officer wrote');
  await j.soft('the observer cannot edit it', async () => assert((await observer.getByTestId('sr-save').count()) === 0, 'no save button for the observer'), observer);
  await visit(j, observer, 'observer-report-issued');
}
