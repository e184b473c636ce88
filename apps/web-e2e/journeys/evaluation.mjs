// f. Evaluation to the decision, on the demo call MF-C3-2026-02 (Driton Berisha has already submitted his sheets):
//    Elena Papadopoulou (English) and Milica Jovanović (Serbian) sign the call's declaration, confirm they have no
//    conflict of interest, score and submit their sheets; the officer reads the ranking, tries another envelope,
//    lowers one amount (an offer) and records the committee's decision; a CSO (in Albanian) reads its outcome letter:
//    an offer for less than it asked, which it accepts (asked to confirm first), and then it is awarded.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assert, expectCount, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { REPO_ROOT, texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { AssignmentPage, EvaluationCallPage } from '../pages/evaluation.mjs';
import { LoginPage } from '../pages/login.mjs';
import { RankingPage } from '../pages/ranking.mjs';
import { CallPage, CallsPage } from '../pages/calls.mjs';
import { settleInStoredLanguage } from '../pages/homeSession.mjs';

export const name = 'evaluation';

const CALL = 'MF-C3-2026-02';
const PASSWORD = 'demo-evaluator-2026';
const EVALUATORS = [
  { email: 'evaluator1@demo.grants.test', lang: 'en', name: 'Elena Papadopoulou' },
  { email: 'evaluator2@demo.grants.test', lang: 'sr', name: 'Milica Jovanović' },
];
const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const CSO = { email: 'zeri@demo.grants.test', password: 'demo-applicant-2026' };

const require = createRequire(import.meta.url);
const { demoEuGrid } = require(join(REPO_ROOT, 'libs', 'domain'));

async function logIn(j, page, user, password, lang, shot) {
  const t = texts(lang);
  const login = new LoginPage(page, texts('en'));
  await login.goto();
  await login.login(user, password);
  await expectUrl(page, '/home', `the home page of ${user}`);
  await settleInStoredLanguage(page);
  await new AppShell(page, t).chooseLanguage(lang);
  await expectVisible(new AppShell(page, t).navLink('nav.home'), `the navigation in ${lang}`);
  await j.visit(page, shot);
  return new AppShell(page, t);
}

export async function run(j) {
  const grid = demoEuGrid();

  // ── 1. two evaluators, each in their own language, sign, confirm no conflict, score and submit
  for (const ev of EVALUATORS) {
    const t = texts(ev.lang);
    const page = await j.newPage();
    j.step(`${ev.name} logs in (${ev.lang}) and opens the evaluations of ${CALL}`);
    const shell = await logIn(j, page, ev.email, PASSWORD, ev.lang, `evaluator-${ev.lang}-home`);
    await shell.navLink('evaluation.nav').click();
    const callPage = new EvaluationCallPage(page, t);
    await callPage.openFromList(CALL);
    await j.visit(page, `evaluator-${ev.lang}-declaration`);

    j.step(`${ev.name} signs the declaration of impartiality and confidentiality`);
    await callPage.sign();
    await expectCount(callPage.assignmentLinks(), 2, `the 2 applications assigned to ${ev.name}`);
    const count = 2;
    await j.visit(page, `evaluator-${ev.lang}-assignments`);

    for (let i = 0; i < count; i++) {
      j.step(`${ev.name} scores application ${i + 1} of ${count}`);
      await callPage.assignmentLinks().nth(i).click();
      const sheet = new AssignmentPage(page, t);
      await sheet.confirmNoConflict();
      for (const section of grid.sections) {
        for (const c of section.criteria) await sheet.criterion(c.id).fill(String(Math.round(c.maxPoints * 0.75)));
        await sheet.comment(section.title[ev.lang]).fill(`${section.title[ev.lang]}: ${ev.lang === 'sr' ? 'dobro obrazloženo, uz nekoliko slabosti.' : 'well argued, with a few weaknesses.'}`);
      }
      await expectText(sheet.main, new RegExp(t('evaluation.sheet.savedAt', { time: 'XXX' }).replace('XXX', '.+')), 'the sheet saved as it is typed', 20_000);
      if (i === 0) await j.visit(page, `evaluator-${ev.lang}-sheet`);
      await sheet.submit();
      if (i === 0) await j.visit(page, `evaluator-${ev.lang}-submitted`);
      await page.getByRole('main').getByRole('link', { name: t('evaluation.assignment.back') }).click();
      await expectVisible(page.getByRole('main').getByRole('heading', { name: t('evaluation.call.assignments') }), 'the applications assigned');
    }
    await page.context().close();
  }

  // ── 2. the officer reads the ranking, tries another envelope and records the decision
  const en = texts('en');
  const officer = await j.newPage();
  j.step('the officer opens the ranking of the call');
  const shell = await logIn(j, officer, OFFICER.email, OFFICER.password, 'en', 'officer-home');
  await shell.openNav('nav.calls');
  const calls = new CallsPage(officer, en);
  await calls.expectLoaded();
  await calls.openCall(CALL);
  const callPage = new CallPage(officer, en);
  await callPage.expectLoaded(CALL);
  const ranking = new RankingPage(officer, en);
  await ranking.openFrom(callPage, CALL);
  await j.visit(officer, 'ranking');
  await ranking.expectOutcomes({ awarded: 2, reserve: 1 });

  j.step('the officer sees what a larger envelope would change');
  await ranking.tryEnvelope('130000');
  await ranking.expectChanges(1);
  await j.visit(officer, 'ranking-what-if');
  await ranking.resetEnvelope();

  j.step('the officer lowers the amount of the first-ranked application: it will be an offer, not an award');
  const zeri = ranking.table.getByRole('row').filter({ hasText: 'Zëri i Grave' });
  await zeri.getByRole('button', { name: new RegExp(`^${en('ranking.adjust.label', { reference: 'XXX' }).split('XXX')[0]}`) }).click();
  const adjust = officer.getByRole('dialog');
  await adjust.getByLabel(new RegExp(`^${en('ranking.adjust.amount').replace(/[()]/g, '\\$&')}`)).fill('38000');
  await adjust.getByLabel(new RegExp(`^${en('ranking.adjust.reason')}`)).fill('Equipment line already funded by the municipality.');
  await adjust.getByRole('button', { name: en('ranking.adjust.save'), exact: true }).click();
  await expectVisible(officer.getByText(en('ranking.adjust.adjusted', { reason: 'Equipment line already funded by the municipality.' })), 'the adjustment beside the amount');

  j.step('the officer records the committee\'s decision');
  await ranking.recordDecision(['Besnik Gashi (chair)', 'Elena Papadopoulou (KMOP)', 'Arta Krasniqi (PVPT)']);
  await j.visit(officer, 'decision-recorded');

  // ── 3. a CSO reads its letter in Albanian
  const sq = texts('sq');
  const cso = await j.newPage();
  j.step('the CSO reads its outcome letter');
  const csoShell = await logIn(j, cso, CSO.email, CSO.password, 'sq', 'cso-home');
  await csoShell.openNav('nav.myApplications');
  const row = cso.getByRole('main').getByRole('row').filter({ hasText: CALL });
  await row.getByRole('link', { name: sq('outcome.link'), exact: true }).click();
  await expectVisible(cso.getByRole('heading', { level: 1, name: new RegExp(sq('outcome.title', { reference: 'XXX' }).replace('XXX', `${CALL}-\\d{3}`)) }), 'the outcome letter');
  await expectVisible(cso.getByText(sq('outcome.comments'), { exact: true }), 'the evaluators\' comments');
  await expectVisible(cso.getByText(sq('outcome.evaluatorN', { n: 1 }), { exact: true }).first(), 'the comments signed "Vlerësuesi 1", without a name');
  assert(!(await cso.getByText('Papadopoulou').count()), 'the letter must not name the evaluators');
  await expectVisible(cso.getByRole('link', { name: sq('outcome.download') }), 'the PDF of the letter');
  const verdict = cso.getByTestId('outcome-verdict');
  await expectText(verdict, sq('outcome.offered.title', { amount: '38.000,00 €', requested: '41.619,00 €' }), 'an offer for less than requested, not an award');
  await j.visit(cso, 'outcome-offer');

  j.step('the CSO accepts the offer, confirming first');
  await verdict.getByRole('button', { name: sq('outcome.offered.accept'), exact: true }).click();
  const confirm = cso.getByRole('dialog', { name: sq('outcome.offered.acceptTitle') });
  await expectVisible(confirm, 'the confirmation that an answer cannot be undone');
  await confirm.getByRole('button', { name: sq('outcome.offered.acceptConfirm'), exact: true }).click();
  await expectText(verdict, sq('outcome.awarded.title', { amount: '38.000,00 €' }), 'the grant awarded once accepted');
  await j.visit(cso, 'outcome-letter');
}
