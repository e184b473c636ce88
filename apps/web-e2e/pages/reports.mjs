// The narrative report screens (issue 12): /reports/:id as the organisation writes it, the Secretariat reviews it
// and anyone else reads it. Locators by role and label, texts from the app's own resource files.
import { expectText, expectVisible } from '../lib/expect.mjs';
import { exactly } from '../lib/i18n.mjs';
import { chooseOption } from '../lib/mantine.mjs';

const I1 = 'so.1.result.1.indicator.1';
const I2 = 'so.1.result.1.indicator.2';
export const INDICATORS = { completed: I1, employed: I2 };

/** The demo logframe's indicators by name (apps/api/src/seed/demo-application.ts). */
export const INDICATOR_NAMES = { [I1]: 'Survivors who complete a vocational course', [I2]: 'Survivors employed 6 months after the course' };

export class ReportPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.submitButton = this.main.getByRole('button', { name: exactly(t('reports.submit.button')) });
    this.privacy = page.getByTestId('privacy-dialog');
    this.versions = page.getByTestId('versions');
  }

  async expectLoaded(kind, seq) {
    const title = kind === 'final' ? this.t('reports.kind.final') : this.t('reports.kind.interim', { seq });
    await expectVisible(this.page.getByRole('heading', { level: 1, name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }), `the page of ${title}`);
  }

  textbox(label, scope = this.main) {
    return scope.getByRole('textbox', { name: exactly(label) });
  }

  async expectStatus(status) {
    await expectText(this.main.getByText(exactly(this.t(`reports.status.${status}`))).first(), this.t(`reports.status.${status}`), `the report ${status}`);
  }

  // ── the organisation's form

  async fillGeneral(text) {
    await this.textbox(this.t('reports.form.generalSummary')).fill(text);
  }

  async fillResult(text) {
    await this.textbox(this.t('reports.form.resultSummary')).fill(text);
  }

  async fillActivity(code, status, done) {
    const card = this.main.getByTestId(`activity-activity.${code}`);
    const scale = ['not_started', 'ongoing', 'started', 'completed'];
    await chooseOption(this.page, card.getByRole('textbox', { name: exactly(this.t('reports.form.activityStatus')) }), `${status} — ${this.t(`monitoring.activityStatus.${scale[status - 1]}`)}`);
    await this.textbox(this.t('reports.form.activityDone'), card).fill(done);
  }

  async fillIndicator(key, period, cumulative, comment) {
    const card = this.main.getByTestId(`indicator-${key}`);
    await this.textbox(this.t('reports.form.periodValue'), card).fill(period);
    await this.textbox(this.t('reports.form.cumulativeValue'), card).fill(cumulative);
    if (comment) await this.textbox(this.t('reports.form.indicatorComment'), card).fill(comment);
  }

  /** The beneficiary counts: `table` as the API keeps it ({total, bySex: {female: 8}, …}); municipalities by their name in the page's language. */
  async fillBeneficiaries(table, municipalityNames) {
    const form = this.main.getByTestId('beneficiary-form');
    await form.getByRole('textbox', { name: exactly(this.t('reports.form.total')) }).fill(String(table.total));
    const label = {
      bySex: (k) => this.t(`reports.form.sex.${k}`),
      byAge: (k) => k.replace('-', '–'),
      byIntake: (k) => this.t(`reports.form.intake.${k}`),
      byService: (k) => this.t(`reports.form.service.${k}`),
      byMunicipality: (k) => municipalityNames[k],
    };
    for (const b of ['bySex', 'byAge', 'byIntake', 'byService', 'byMunicipality']) {
      const box = form.getByTestId(`breakdown-${b}`);
      if (b === 'byMunicipality') await box.getByRole('button', { name: exactly(this.t('reports.form.allMunicipalities')) }).click();
      for (const [k, n] of Object.entries(table[b])) await box.getByRole('textbox', { name: exactly(label[b](k)) }).fill(String(n));
    }
  }

  async fillTexts({ challenges, lessons, nextPlan }) {
    if (challenges !== undefined) await this.textbox(this.t('reports.form.challenges')).fill(challenges);
    if (lessons !== undefined) await this.textbox(this.t('reports.form.lessons')).fill(lessons);
    if (nextPlan !== undefined) await this.textbox(this.t('reports.form.nextPlan')).fill(nextPlan);
  }

  /** Submit with no personal data left: the final confirmation, then the report read-only. */
  async submitClean() {
    await this.submitButton.click();
    const confirm = this.page.getByRole('dialog', { name: this.t('reports.submit.confirmTitle') });
    await expectVisible(confirm, 'the confirmation before submitting');
    await confirm.getByRole('button', { name: exactly(this.t('reports.submit.confirm')) }).click();
    await expectVisible(this.page.getByText(this.t('reports.submit.done')).first(), 'the report submitted');
  }

  // ── the Secretariat's review

  reviewBox(section, indicatorKey) {
    const name = indicatorKey
      ? this.t('reports.review.commentOnIndicator', { indicator: INDICATOR_NAMES[indicatorKey] })
      : this.t('reports.review.commentOn', { section: this.t(`reports.sections.${section}`) });
    return this.textbox(name);
  }

  async returnWithComments() {
    await this.main.getByRole('button', { name: exactly(this.t('reports.review.return')) }).click();
    const dialog = this.page.getByRole('dialog', { name: this.t('reports.review.returnTitle') });
    await expectVisible(dialog, 'the confirmation before returning');
    await dialog.getByRole('button', { name: exactly(this.t('reports.review.return')) }).click();
    await expectVisible(this.page.getByText(this.t('reports.review.returned')).first(), 'the report returned');
  }

  async accept() {
    await this.main.getByRole('button', { name: exactly(this.t('reports.review.accept')) }).click();
    const dialog = this.page.getByRole('dialog', { name: this.t('reports.review.acceptTitle') });
    await expectVisible(dialog, 'the confirmation before accepting');
    await dialog.getByRole('button', { name: exactly(this.t('reports.review.accept')) }).click();
    await expectVisible(this.page.getByText(this.t('reports.review.accepted')).first(), 'the report accepted');
  }
}
