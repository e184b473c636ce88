/* global URL */
// n. An interim report written, checked for personal data, returned, revised and accepted, on the demo reports
//    (apps/api/src/seed/demo-reports.ts): Shpresa dhe Shtëpi (shpresa@, in Albanian) opens its report 2 of
//    MF-C3-2023-01, due in about nine days, from its home to-do; fills every section against the logframe (activity
//    statuses, indicator values, beneficiary counts that add up, a few of them below 5); types a phone number in the
//    challenges, the privacy check flags it, it removes it and submits (version 1). The officer (in English) opens
//    it from the to-do "to review", returns it with a comment on the general section and one on an indicator; the
//    organisation sees both beside their places, revises and submits again (version 2); the officer compares
//    version 1 with version 2 and accepts it; the observer reads it with the small count shown as "<5".
import { expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { logInToHome as logIn, settleInStoredLanguage, visitFromTop as visit } from '../pages/homeSession.mjs';
import { LoginPage } from '../pages/login.mjs';
import { INDICATORS, ReportPage } from '../pages/reports.mjs';

export const name = 'interim-report';

const ORG = { email: 'shpresa@demo.grants.test', password: 'demo-applicant-2026' };
const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const OBSERVER = { email: 'observer@demo.grants.test', password: 'demo-observer-2026' };
const CALL = 'MF-C3-2023-01';
const DESKTOP = { width: 1366, height: 900 };
const PHONE_NUMBER = '+383 44 123 456';
const CHALLENGES = 'Transporti nga fshatrat deri te qendra e aftësimit zgjat shumë; dy pjesëmarrëse humbën javën e parë të kursit.';
const COMMENT_GENERAL = 'Say how many participants left the courses this quarter and why.';
const COMMENT_INDICATOR = 'Attach the anonymised employment contracts as evidence for the three employed.';
const REVISED = ' Dy pjesëmarrëse e lanë kursin këtë tremujor: njëra u shpërngul me familjen, tjetra filloi punë para fundit të kursit.';
/** Counts that add up in every breakdown; 2 men and 3 girls under 18 are shown "<5" to everyone but the organisation. */
const TABLE = {
  total: 11,
  bySex: { female: 9, male: 2 },
  byAge: { '0-17': 3, '18-24': 4, '25-59': 4 },
  byIntake: { new: 7, continuing: 4 },
  byService: { psychological_support: 5, vocational_training: 6 },
  byMunicipality: { prizren: 9, prishtina: 2 },
};

/** A to-do section of the home page (home.reports.<kind>.title). */
function todo(page, t, kind) {
  return page.getByRole('main').getByRole('region', { name: t(`home.reports.${kind}.title`) });
}

/** The page does not scroll sideways. */
export async function run(j) {
  const en = texts('en');
  const sq = texts('sq');

  // ── 1. the organisation writes and submits its report
  const org = await j.newPage();
  await org.setViewportSize(DESKTOP);
  j.step('Shpresa dhe Shtëpi opens its home to-do: a narrative report due soon');
  await logIn(j, org, ORG, 'sq', 'org-home-report-due');
  const due = todo(org, sq, 'narrative_report.due_soon');
  await expectVisible(due, 'the to-do "narrative reports due in the next 30 days"');
  await due.getByRole('link', { name: new RegExp(`^${CALL}-G-`) }).first().click();
  await expectUrl(org, /^\/reports\/[^/]+$/, 'the report page');
  const reportPath = new URL(org.url()).pathname;
  const report = new ReportPage(org, sq);
  await report.expectLoaded('interim', 2);
  await visit(j, org, 'org-report-blank');

  j.step('it fills every section against the logframe, and types a phone number in the challenges');
  await report.fillGeneral('Në tremujorin e dytë menaxheret e rasteve mbajtën një plan riintegrimi për çdo pjesëmarrëse; tetë të mbijetuara përfunduan kursin e floktarisë dhe tri filluan punë.');
  await report.fillResult('Deri tani 14 të mbijetuara kanë përfunduar një kurs (caku 40) dhe 3 janë të punësuara (caku 20).');
  await report.fillActivity('A1.1', 4, 'Vlerësimet e nevojave u bënë për të gjitha pjesëmarrëset e reja; planet u rishikuan çdo muaj.');
  await report.fillActivity('A1.2', 2, 'Kursi i floktarisë përfundoi; kursi i gatimit filloi me dhjetë pjesëmarrëse.');
  await report.fillIndicator(INDICATORS.completed, '8', '14', 'Numëruar nga certifikatat e qendrës së aftësimit.');
  await report.fillIndicator(INDICATORS.employed, '3', '3', 'Kontratat e punës pa të dhëna personale.');
  await report.fillBeneficiaries(TABLE, { prizren: 'Prizren', prishtina: 'Prishtinë' });
  await report.fillTexts({
    challenges: `${CHALLENGES} Për transportin na thirrni në ${PHONE_NUMBER}.`,
    lessons: 'Kurset e shkurtra e praktike e mbajnë pjesëmarrjen të lartë.',
    nextPlan: 'Grupi i dytë i kursit të gatimit dhe ndjekja mujore e çdo punësimi.',
  });
  await expectVisible(org.getByText(sq('reports.completeness.complete')), 'nothing missing before submitting');
  await visit(j, org, 'org-report-filled');
  await j.fits(org, 'the report form at 1366 px');

  j.step('the privacy check flags the phone number; it removes it');
  await report.submitButton.click();
  await expectVisible(report.privacy, 'the privacy check');
  const finding = report.privacy.getByTestId('privacy-finding');
  await expectText(finding.first(), sq('reports.privacy.kind.phone'), 'the phone number found');
  await visit(j, org, 'org-privacy-check', { axe: true });
  await finding.first().getByRole('button', { name: exactly(sq('reports.privacy.remove')) }).click();
  await report.fillTexts({ challenges: CHALLENGES });
  await report.submitClean();
  await expectVisible(report.versions.getByTestId('version-1'), 'version 1, frozen');
  await report.expectStatus('submitted');
  await visit(j, org, 'org-report-submitted');

  // ── 2. the officer returns it with comments
  const officer = await j.newPage();
  await officer.setViewportSize(DESKTOP);
  j.step('the officer opens it from the to-do "to review" and returns it with a comment on a section and one on an indicator');
  await logIn(j, officer, OFFICER, 'en', 'officer-home-to-review');
  const toReview = todo(officer, en, 'narrative_report.to_review');
  await expectVisible(toReview, 'the to-do "narrative reports to review"');
  await toReview.locator(`a[href="${reportPath}"]`).first().click();
  await expectUrl(officer, reportPath, 'the same report');
  const review = new ReportPage(officer, en);
  await review.expectLoaded('interim', 2);
  await review.main.getByRole('button', { name: exactly(en('reports.review.return')) }).click();
  await expectVisible(officer.getByTestId('need-comment'), 'a returned report needs a comment');
  await review.reviewBox('general').fill(COMMENT_GENERAL);
  await review.reviewBox('indicators', INDICATORS.employed).fill(COMMENT_INDICATOR);
  await visit(j, officer, 'officer-review-comments');
  await j.fits(officer, 'the review at 1366 px');
  await review.returnWithComments();
  await review.expectStatus('returned');

  // ── 3. the organisation revises and resubmits
  j.step('the organisation sees the comments beside their places, revises and submits version 2');
  await org.goto(reportPath);
  await expectVisible(org.getByTestId('returned-alert'), 'the report returned');
  await expectText(org.getByTestId('review-comments-general'), COMMENT_GENERAL, 'the comment on the general section');
  await expectText(org.getByTestId(`review-comments-${INDICATORS.employed}`), COMMENT_INDICATOR, 'the comment on the indicator');
  await visit(j, org, 'org-report-returned');
  const summary = report.textbox(sq('reports.form.generalSummary'));
  await summary.fill(`${await summary.inputValue()}${REVISED}`);
  await report.submitClean();
  await expectVisible(report.versions.getByTestId('version-2'), 'version 2');

  // ── 4. the officer compares and accepts
  j.step('the officer compares version 1 with version 2 and accepts it');
  await officer.goto(reportPath);
  await review.expectLoaded('interim', 2);
  await review.versions.getByRole('button', { name: exactly(en('reports.versions.compare')) }).click();
  const change = officer.getByTestId('version-change').filter({ hasText: REVISED.trim().slice(0, 40) });
  await expectVisible(change, 'the revised summary among the changes');
  await visit(j, officer, 'officer-compare-versions');
  await review.accept();
  await review.expectStatus('accepted');

  // ── 5. the observer reads it, the small counts hidden
  j.step('the observer reads the accepted report: 2 men shown as "<5"');
  const observer = await j.newPage();
  await observer.setViewportSize(DESKTOP);
  const login = new LoginPage(observer, en);
  await login.goto();
  await login.login(OBSERVER.email, OBSERVER.password);
  await expectUrl(observer, '/home', 'the observer\'s home page');
  await settleInStoredLanguage(observer);
  await new AppShell(observer, en).chooseLanguage('en');
  await observer.goto('/reports');
  await expectVisible(observer.getByRole('heading', { level: 1, name: en('reports.list.titleObserver') }), 'every grant\'s reports, read-only');
  await observer.getByRole('main').locator(`a[href="${reportPath}"]`).click();
  await new ReportPage(observer, en).expectLoaded('interim', 2);
  await expectText(observer.getByTestId('cell-bySex-male'), '<5', 'the count of men hidden');
  await expectText(observer.getByTestId('cell-byAge-0-17'), '<5', 'the count of girls under 18 hidden');
  await visit(j, observer, 'observer-report');
}
