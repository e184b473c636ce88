import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/calls": one card (article) per call. */
export class CallsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('calls.title') });
    this.newCallButton = page.getByRole('main').getByRole('button', { name: exactly(t('calls.new.button')) });
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
    this.infoSessions = page.getByRole('region', { name: t('calls.infoSessions.title') });
    this.grid = page.getByRole('region', { name: t('calls.sections.grid') });
  }

  /** The page's heading: the call's title in the reader's language. */
  title(text) {
    return this.page.getByRole('heading', { level: 1, name: text, exact: true });
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
  /** The Secretariat's answer form under a question waiting for an answer; publishing shows it to everyone. */
  async answer(question, text) {
    const card = this.qa.getByRole('article').filter({ hasText: question });
    await card.getByRole('textbox', { name: this.t('calls.qa.answer') }).fill(text);
    await card.getByRole('button', { name: exactly(this.t('calls.qa.publishAnswer')) }).click();
  }

  /** A published answer, as "Answer: …". */
  publishedAnswer(text) {
    return this.qa.getByText(`${this.t('calls.qa.a')}: ${text}`, { exact: true });
  }

  /** The Secretariat plans an info session: a date (YYYY-MM-DD) and time in Kosovo time, a place, a capacity. */
  async planInfoSession({ date, time, place, capacity }) {
    const s = this.infoSessions;
    await s.getByLabel(exactly(`${this.t('calls.infoSessions.date')} ${this.t('calls.kosovoTime')}`)).fill(date);
    await s.getByLabel(exactly(this.t('calls.infoSessions.time'))).fill(time);
    await s.getByRole('textbox', { name: exactly(this.t('calls.infoSessions.capacity')) }).fill(String(capacity));
    await s.getByRole('textbox', { name: exactly(this.t('calls.infoSessions.place')) }).fill(place);
    await s.getByRole('button', { name: exactly(this.t('calls.infoSessions.plan')) }).click();
  }

  attendeesBox() {
    return this.infoSessions.getByRole('textbox', { name: exactly(this.t('calls.infoSessions.attendees')) });
  }

  /** An organisation registers for the (only) info session of the call. */
  async registerForInfoSession(attendees) {
    await this.attendeesBox().fill(String(attendees));
    await this.infoSessions.getByRole('button', { name: exactly(this.t('calls.infoSessions.register')) }).click();
  }

  /** A registered organisation changes how many people come. */
  async changeAttendees(attendees) {
    await this.infoSessions.getByRole('button', { name: exactly(this.t('calls.infoSessions.change')) }).click();
    await this.attendeesBox().fill(String(attendees));
    await this.infoSessions.getByRole('button', { name: exactly(this.t('calls.infoSessions.update')) }).click();
  }

  /** "You registered N people" on the session. */
  myRegistration(count) {
    return this.infoSessions.getByText(this.t('calls.infoSessions.registeredCount', { count }), { exact: true });
  }
}
