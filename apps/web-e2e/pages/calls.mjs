import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/calls": one card (article) per call. */
export class CallsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('calls.title') });
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the calls page');
  }

  card(reference) {
    return this.page.getByRole('article').filter({ hasText: reference });
  }

  async openCall(reference) {
    await this.card(reference).getByRole('heading').getByRole('link').click();
  }
}

/** "/calls/:id": the call as applicants read it, its Q&A, and the Secretariat's way to its applications. */
export class CallPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.deadlineLabel = this.main.getByText(`${t('calls.fields.submissionDeadline')}:`, { exact: true }).first();
    this.qa = page.getByRole('region', { name: t('calls.qa.title') });
    this.askBox = this.qa.getByRole('textbox', { name: exactly(t('calls.qa.ask')) });
    this.sendButton = this.qa.getByRole('button', { name: exactly(t('calls.qa.send')) });
    this.myPendingHeading = this.qa.getByRole('heading', { name: t('calls.qa.myPending') });
    this.openMyApplicationLink = this.main.getByRole('link', { name: exactly(t('calls.openMyApplication')) });
    this.applicationsLink = this.main.getByRole('link', { name: exactly(t('calls.applications')) });
  }

  async expectLoaded(reference) {
    await expectVisible(this.main.getByText(reference, { exact: true }), `the call page of ${reference}`);
    await expectVisible(this.deadlineLabel, 'the submission deadline');
  }

  /** The line "Submission deadline: <date> (Kosovo time) <countdown>". */
  deadlineLine() {
    return this.deadlineLabel.locator('xpath=..');
  }

  async ask(question) {
    await this.askBox.fill(question);
    await this.sendButton.click();
  }

  /** A pending question card of mine with this text. */
  pendingQuestion(text) {
    return this.qa.getByText(text, { exact: true });
  }
}
