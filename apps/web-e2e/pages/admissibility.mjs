import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/calls/:id/applications": the Secretariat's list of a call's applications. */
export class CallApplicationsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.table = page.getByRole('main').getByRole('table');
  }

  async expectLoaded(reference) {
    await expectVisible(
      this.page.getByRole('heading', { level: 1, name: this.t('applications.secretariat.title', { reference }) }),
      `the applications of ${reference}`,
    );
    await expectVisible(this.table.getByRole('row').nth(1), 'at least one application');
  }

  rows() {
    return this.table.locator('tbody').getByRole('row');
  }

  checkLink(row) {
    return row.getByRole('link', { name: exactly(this.t('admissibility.open')) });
  }
}

/** "/applications/:id/admissibility": the checklist, each item Pass/Fail, and the decision. */
export class AdmissibilityPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.checklistHeading = page.getByRole('heading', { name: t('admissibility.checklist'), exact: true });
    this.items = page.getByRole('main').getByRole('radiogroup');
    this.decideButton = page.getByRole('main').getByRole('button', { name: exactly(t('admissibility.decide')) });
    this.dialog = page.getByRole('dialog', { name: t('admissibility.decideTitle') });
    this.confirmButton = this.dialog.getByRole('button', { name: exactly(t('admissibility.decide')) });
  }

  async expectLoaded() {
    await expectVisible(this.checklistHeading, 'the admissibility checklist');
    await expectVisible(this.items, 'the checklist items');
  }

  item(key) {
    return this.page.getByRole('radiogroup', { name: exactly(this.t(`admissibility.items.${key}`)) });
  }

  /** A SegmentedControl's option: its radio input is visually hidden, a user clicks the label. */
  async choose(group, passed) {
    await group.getByText(this.t(passed ? 'admissibility.pass' : 'admissibility.fail'), { exact: true }).click();
  }

  reasonBox() {
    return this.page.getByRole('textbox', { name: exactly(this.t('admissibility.reason')) });
  }
}
