/* global window, URL */
// m. An action point of a shared visit report, answered and verified, on the demo monitoring data
//    (apps/api/src/seed/demo-monitoring.ts): Shpresa dhe Shtëpi (shpresa@, in Albanian, on a 360 px phone) finds
//    the open high-priority point of its shared report on its home to-do, reads it, and answers it with a text and
//    a small PDF as evidence; the demo monitor (in English, 1366 px) finds the answer to verify on its home to-do,
//    opens it from its list, reads the evidence and closes it; the organisation then sees it closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { writeTinyPdf } from '../lib/files.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { chooseFile } from '../lib/mantine.mjs';
import { logInToHome as logIn, visitFromTop as visit } from '../pages/homeSession.mjs';

export const name = 'action-points';

const ORG = { email: 'shpresa@demo.grants.test', password: 'demo-applicant-2026' };
const MONITOR = { email: 'monitor@demo.grants.test', password: 'demo-monitor-2026' };
/** The open high-priority point of Shpresa's shared report (rated 3). */
const WHAT = 'Submit a revised work plan for the vocational courses and a spending forecast to the Secretariat.';
const ANSWER = 'The revised work plan and the spending forecast were sent on paper and are attached here; the courses start next month.';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 740 };

/** A monitoring to-do section of the home page (home.monitoring.<kind>.title). */
function todo(page, t, kind) {
  return page.getByRole('main').getByRole('region', { name: t(`home.monitoring.${kind}.title`) });
}

/** The page does not scroll sideways. */
export async function run(j) {
  const en = texts('en');
  const sq = texts('sq');
  const dir = mkdtempSync(join(tmpdir(), 'e2e-action-points-'));
  const pdf = join(dir, 'plani-i-rishikuar.pdf');
  writeTinyPdf(pdf, 'Revised work plan (e2e test evidence)');
  try {
    // ── 1. the organisation answers the point
    const org = await j.newPage();
    await org.setViewportSize(DESKTOP);
    j.step('Shpresa dhe Shtëpi opens its home to-do: action points to answer');
    await logIn(j, org, ORG, 'sq', 'org-home-to-answer');
    const toAnswer = todo(org, sq, 'action_point.to_answer');
    await expectVisible(toAnswer, 'the to-do "action points to answer"');
    await expectVisible(toAnswer.getByText(WHAT), 'the open point of the shared report on the to-do');

    j.step('on a 360 px phone, it opens its action points, what waits on it first, and the point');
    await org.setViewportSize(PHONE);
    await org.goto('/action-points');
    await expectVisible(org.getByRole('heading', { level: 1, name: sq('monitoring.actionPoints.titleOrganisation') }), 'the organisation’s action points');
    const row = org.getByRole('main').getByRole('link', { name: WHAT });
    await expectVisible(row, 'the point in the list');
    await visit(j, org, 'org-action-points-360');
    await j.fits(org, 'the organisation’s action points at 360 px');
    await row.click();
    await expectUrl(org, /^\/action-points\/[^/]+$/, 'the action point page');
    const pointUrl = new URL(org.url()).pathname;
    await expectText(org.getByTestId('action-point-what'), WHAT, 'what is to be done');
    await expectText(org.getByTestId('action-point-status').first(), exactly(sq('monitoring.actionPointStatus.open')), 'the point open');
    const form = org.getByRole('region', { name: sq('monitoring.answer.title') });
    await expectVisible(form, 'the answer form');
    await visit(j, org, 'org-action-point-360');
    await j.fits(org, 'the action point page at 360 px');

    j.step('it sends nothing empty, then answers with a text and a PDF as evidence');
    await form.getByRole('button', { name: exactly(sq('monitoring.answer.send')) }).click();
    await expectVisible(form.getByText(sq('monitoring.answer.empty')), 'a text or a file is needed');
    await form.getByRole('textbox', { name: sq('monitoring.answer.text') }).fill(ANSWER);
    await chooseFile(org, form.getByRole('button', { name: new RegExp(sq('monitoring.answer.files')) }), pdf);
    await expectVisible(form.getByText('plani-i-rishikuar.pdf'), 'the chosen file');
    await form.getByRole('button', { name: exactly(sq('monitoring.answer.send')) }).click();
    await expectText(org.getByTestId('action-point-status').first(), exactly(sq('monitoring.actionPointStatus.answered')), 'the point answered');
    const answer = org.getByTestId('action-point-answer');
    await expectVisible(answer.getByText(ANSWER), 'the answer on the page');
    await expectVisible(answer.getByRole('link', { name: 'plani-i-rishikuar.pdf' }), 'the evidence, downloadable');
    await expectVisible(org.getByText(sq('monitoring.actionPoint.waitsOn.monitor')), 'now waiting on the monitor');
    await visit(j, org, 'org-action-point-answered-360');

    // ── 2. the monitor verifies and closes it
    const monitor = await j.newPage();
    await monitor.setViewportSize(DESKTOP);
    j.step('the demo monitor sees the answer to verify on its home to-do');
    const shell = await logIn(j, monitor, MONITOR, 'en', 'monitor-home-to-verify');
    const toVerify = todo(monitor, en, 'action_point.to_verify');
    await expectVisible(toVerify, 'the to-do "answered action points to verify"');
    await toVerify.getByRole('link', { name: exactly(en('home.todo.openAll')) }).click();
    await expectUrl(monitor, /^\/action-points\?status=answered$/, 'its action points to verify');
    await expectVisible(monitor.getByTestId('to-verify'), 'the "to verify" filter');
    const toOpen = monitor.getByRole('main').getByRole('link', { name: WHAT });
    await expectVisible(toOpen, 'the answered point in the list');
    await visit(j, monitor, 'monitor-action-points-to-verify');
    await j.fits(monitor, 'the monitor’s action points at 1366 px');
    await toOpen.click();
    await expectUrl(monitor, pointUrl, 'the same action point');
    await expectVisible(monitor.getByTestId('action-point-answer').getByText(ANSWER), 'the organisation’s answer');
    await expectVisible(monitor.getByTestId('action-point-history').getByText(en('monitoring.actionPoint.event.answer', { name: '' }).trim(), { exact: false }), 'the answer in the history');
    await visit(j, monitor, 'monitor-action-point-answered');
    await monitor.getByRole('button', { name: exactly(en('monitoring.verify.close')) }).click();
    await expectText(monitor.getByTestId('action-point-status').first(), exactly(en('monitoring.actionPointStatus.closed')), 'the point closed');
    await visit(j, monitor, 'monitor-action-point-closed');
    j.step('the monitor opens the visit: the shared report, frozen with its hash, and its action points');
    await monitor.getByRole('link', { name: new RegExp(en('monitoring.actionPoint.visitOn', { date: '.+' })) }).click();
    await expectUrl(monitor, /^\/visits\/[^/]+$/, 'the visit page');
    await expectVisible(monitor.getByTestId('report-frozen'), 'the report frozen, with its SHA-256');
    await expectVisible(monitor.getByTestId('report-action-points').getByRole('link', { name: new RegExp(WHAT.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }), 'the point among the report’s action points');
    await visit(j, monitor, 'monitor-visit-shared');
    await j.fits(monitor, 'the visit page at 1366 px');
    j.step('the grant page lists its visits, the latest shared rating, and offers the monitor to plan one');
    await monitor.getByRole('main').getByRole('link', { name: /^MF-/ }).first().click();
    await expectUrl(monitor, /^\/grants\/[^/]+$/, 'the grant page');
    const visits = monitor.getByTestId('grant-visits');
    await expectVisible(visits.getByTestId('grant-latest-rating'), 'the latest shared report’s rating');
    await expectVisible(visits.getByRole('link', { name: exactly(en('monitoring.planVisit')) }), 'a link to plan a visit');
    await monitor.evaluate(() => window.scrollTo(0, 0));
    await j.shot(monitor, 'monitor-grant-visits');
    await shell.navLink('monitoring.nav.priority').click();
    await expectVisible(monitor.getByTestId('priority-rule'), 'the priority list with its rule');
    await visit(j, monitor, 'monitor-priority');
    await j.fits(monitor, 'the monitoring priority at 1366 px');

    // ── 3. the organisation sees it closed
    j.step('the organisation sees the point closed');
    await org.goto(pointUrl);
    await expectText(org.getByTestId('action-point-status').first(), exactly(sq('monitoring.actionPointStatus.closed')), 'the point closed, for the organisation');
    assert(!(await org.getByRole('region', { name: sq('monitoring.answer.title') }).count()), 'no answer form on a closed point');
    await visit(j, org, 'org-action-point-closed-360');
    j.step('the organisation reads the shared report of the visit on its phone');
    await org.getByRole('link', { name: new RegExp(sq('monitoring.actionPoint.visitOn', { date: '.+' })) }).click();
    await expectUrl(org, /^\/visits\/[^/]+$/, 'the visit page');
    await expectVisible(org.getByTestId('report-frozen'), 'the shared report, frozen');
    await expectVisible(org.getByRole('region', { name: sq('monitoring.comments.title') }), 'the comments, where the organisation may add one');
    await visit(j, org, 'org-visit-shared-360');
    await j.fits(org, 'the visit page at 360 px');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
