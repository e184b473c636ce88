// The grant screens (issue 10): the budget revision of a lowered award, the awards waiting for a grant, the
// draw-up form, a grant's page (agreement, signature, Secretariat actions, tranches) and the payment orders.
// Locators by role and label, words from the app's own i18n files (`t`), money as the app writes it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expectText, expectVisible } from '../lib/expect.mjs';
import { exactly, REPO_ROOT } from '../lib/i18n.mjs';
import { chooseOption } from '../lib/mantine.mjs';

const require = createRequire(import.meta.url);
const { formatEuroCents } = require(join(REPO_ROOT, 'libs', 'domain'));

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for a translated text with {{vars}} left open (any text in their place). */
export function pattern(t, key, vars = {}, flags = '') {
  const MARK = '\u0000';
  const open = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v === null ? MARK : v]));
  const text = t(key, open);
  const parts = text.split(MARK).map((p) => esc(p).replace(/\\\{\\\{\s*\w+\s*\\\}\\\}/g, '.+').replace(/\{\{\s*\w+\s*\}\}/g, '.+'));
  return new RegExp(parts.join('.+'), flags);
}

/** Integer cents as the page shows them in the language of `t` (libs/domain formatEuroCents). */
export const money = (t, cents) => formatEuroCents(cents, t.lang === 'sr-Cyrl' ? 'sr' : t.lang);

/** /awards/:id/budget-revision: the organisation revises and sends; the Secretariat compares and accepts. */
export class BudgetRevisionPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.status = page.getByTestId('revision-status');
    this.gap = page.getByTestId('revision-gap');
    this.form = this.main.getByRole('region', { name: t('grants.revision.formTitle') });
    this.comparison = this.main.getByRole('region', { name: t('grants.revision.compareTitle') });
    this.sendButton = this.main.getByRole('button', { name: exactly(t('grants.revision.submit')) });
    this.acceptButton = this.main.getByRole('button', { name: exactly(t('grants.revision.accept')) });
    this.drawUpLink = this.main.getByRole('link', { name: exactly(t('grants.drawUp.open')) });
  }

  async expectLoaded(reference) {
    await expectVisible(
      this.page.getByRole('heading', { level: 1, name: reference ? this.t('grants.revision.title', { reference }) : pattern(this.t, 'grants.revision.title', { reference: null }) }),
      'the budget revision page',
    );
  }

  /** A field of a budget line ("Unit cost (€) – Line 1: Case manager (part time)"). */
  lineField(fieldKey, n, description) {
    const line = this.t('applications.budget.lineNamed', { n, description });
    return this.form.getByRole('textbox', { name: exactly(this.t('applications.budget.inputName', { field: this.t(fieldKey), line })) });
  }

  get coFinancing() {
    return this.form.getByRole('textbox', { name: exactly(this.t('applications.budget.coFinancing')) });
  }

  /** The server's requested amount in the totals table. */
  get requested() {
    return this.form.getByTestId('requested');
  }

  async expectExact() {
    await expectText(this.gap, this.t('grants.revision.exact'), 'the revised budget at exactly the award', 20_000);
  }
}

/** /grants/pending-awards: awards in force with no grant yet. */
export class PendingAwardsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('grants.pendingAwards.title') });
    this.table = page.getByRole('main').getByRole('table', { name: t('grants.pendingAwards.title') });
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the awards waiting for a grant');
  }

  row(organization) {
    return this.table.getByRole('row').filter({ hasText: organization });
  }
}

/** /awards/:id/draw-up */
export class DrawUpPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.form = page.getByRole('main').getByRole('form', { name: t('grants.drawUp.formTitle') });
    this.startDate = this.form.getByRole('textbox', { name: exactly(t('grants.drawUp.startDate')) });
    this.duration = this.form.getByRole('textbox', { name: exactly(t('grants.drawUp.duration')) });
    this.endDate = this.form.getByRole('textbox', { name: exactly(t('grants.drawUp.endDate')) });
    this.monitor = this.form.getByRole('textbox', { name: exactly(t('grants.drawUp.monitor')) });
    this.submit = this.form.getByRole('button', { name: exactly(t('grants.drawUp.submit')) });
  }

  async expectLoaded() {
    await expectVisible(this.form, 'the draw-up form');
  }

  async chooseMonitor(name) {
    await chooseOption(this.page, this.monitor, name);
  }
}

/** /grants/:id: the agreement, the owner's signature, the Secretariat's actions, the tranches. */
export class GrantPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: pattern(t, 'grants.page.title', { number: null }) });
    this.agreement = this.main.getByRole('region', { name: t('grants.agreement.title') });
    this.number = page.getByTestId('agreement-number');
    this.signed = page.getByTestId('agreement-signed');
    this.downloadLink = this.agreement.getByRole('link', { name: exactly(t('grants.agreement.download')) });
    this.sendButton = this.main.getByRole('button', { name: exactly(t('grants.review.send')) });
    this.countersignButton = this.main.getByRole('button', { name: exactly(t('grants.review.countersign')) });
    this.paidTotal = page.getByTestId('paid-total');
    this.ordersLink = this.main.getByRole('link', { name: exactly(t('grants.orders.title')) });
    // the owner's signature form
    this.signForm = this.main.getByRole('region', { name: t('grants.sign.title') });
    this.signName = this.signForm.getByRole('textbox', { name: exactly(t('grants.sign.name')) });
    this.signFunction = this.signForm.getByRole('textbox', { name: exactly(t('grants.sign.function')) });
    this.signPassword = this.signForm.getByLabel(exactly(t('grants.sign.password')));
    this.signConfirm = this.signForm.getByRole('checkbox');
    this.signButton = this.signForm.getByRole('button', { name: exactly(t('grants.sign.submit')) });
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the grant page');
    await expectVisible(this.agreement, 'the agreement section');
  }

  async expectStatus(status) {
    await expectText(this.agreement, this.t(`grants.status.${status}`), `the grant ${status}`);
  }

  /** A tranche's card by its number ("Tranche 1 (Pre-financing)"). */
  tranche(seq, kind) {
    return this.main.getByRole('article', { name: this.t('grants.tranches.name', { seq, kind: this.t(`grants.trancheKind.${kind}`) }) });
  }

  trancheButton(card, key) {
    return card.getByRole('button', { name: exactly(this.t(key)) });
  }

  conditions(card) {
    return card.getByRole('list', { name: this.t('grants.tranches.conditions') });
  }
}

/** /payment-orders: the day's approved tranches as an order, and the orders recorded. */
export class PaymentOrdersPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('grants.orders.title') });
    this.lines = page.getByRole('main').getByRole('table', { name: t('grants.orders.lines') });
    this.controlSum = page.getByTestId('control-sum');
    this.recorded = page.getByRole('main').getByRole('region', { name: t('grants.orders.recorded') });
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the payment orders');
  }

  /** "Record the order of N payment(s)", whatever N is (other grants' tranches approved today are on it too). */
  get createButton() {
    const forms = ['one', 'few', 'other'].flatMap((f) => { try { return [pattern(this.t, `grants.orders.create_${f}`, { count: null }).source]; } catch { return []; } });
    return this.page.getByRole('main').getByRole('button', { name: new RegExp(`^(${forms.join('|')})$`) });
  }

  download(format, messageId) {
    return this.recorded.getByRole('link', { name: messageId ? this.t('grants.orders.download', { format, id: messageId }) : pattern(this.t, 'grants.orders.download', { format, id: null }) });
  }
}

/** /expenditure-reports/:id: the organisation's form, the Secretariat's review, or the lines as reported. */
export class ExpenditureReportPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: pattern(t, 'grants.expenditure.pageTitle', { seq: null, number: null }) });
    this.status = page.getByTestId('expenditure-status');
    this.form = page.getByTestId('expenditure-form');
    this.review = page.getByTestId('expenditure-review');
    this.documents = this.main.getByLabel(exactly(t('grants.expenditure.addDocuments')));
    this.submitButton = this.main.getByRole('button', { name: exactly(t('grants.expenditure.submit')) });
    this.acceptButton = this.main.getByRole('button', { name: exactly(t('grants.expenditure.accept')) });
    this.backToGrant = this.main.getByRole('link', { name: exactly(t('grants.expenditure.backToGrant')) });
  }

  async expectLoaded(seq) {
    await expectVisible(
      seq ? this.page.getByRole('heading', { level: 1, name: pattern(this.t, 'grants.expenditure.pageTitle', { seq, number: null }) }) : this.heading,
      `expenditure report ${seq ?? ''}`,
    );
  }

  /** A supporting document's download link in the Secretariat's review. */
  reviewDocument(fileName) {
    return this.review.getByTestId('expenditure-documents').getByRole('link', { name: exactly(fileName) });
  }

  spentOn(description) {
    return this.form.getByRole('textbox', { name: exactly(this.t('grants.expenditure.spentOn', { line: description })) });
  }

  async expectStatus(status) {
    await expectText(this.status, this.t(`grants.expenditure.status.${status}`), `the expenditure report ${status}`);
  }
}

/** The grant page's "Budget vs spent": the button for the next period and the reports. */
export class ExpenditureSection {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.section = page.getByTestId('expenditure-section');
    this.startButton = this.section.getByRole('button', { name: pattern(t, 'grants.expenditure.start', { period: null }) });
    this.reports = this.section.getByRole('table', { name: t('grants.expenditure.reports') });
  }

  reportLink(seq) {
    return this.reports.getByRole('link', { name: exactly(this.t('grants.expenditure.reportNo', { seq })) });
  }
}
