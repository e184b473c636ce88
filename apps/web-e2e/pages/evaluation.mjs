import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "/evaluations" and "/evaluations/:callId": the evaluator's calls, the declaration, the assignments. */
export class EvaluationCallPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.acceptBox = page.getByRole('checkbox', { name: t('evaluation.declaration.accept') });
    this.signButton = this.main.getByRole('button', { name: exactly(t('evaluation.declaration.sign')) });
    this.assignmentsTable = this.main.getByRole('table');
  }

  async openFromList(reference) {
    await expectVisible(this.main.getByRole('heading', { level: 1, name: this.t('evaluation.list.title') }), 'the list of evaluations');
    await this.main.getByRole('link', { name: reference, exact: true }).click();
    await expectVisible(this.main.getByRole('heading', { level: 1, name: this.t('evaluation.call.title', { reference }) }), `the evaluation of ${reference}`);
  }

  async sign() {
    await expectVisible(this.main.getByRole('heading', { name: this.t('evaluation.declaration.title') }), 'the declaration');
    await this.acceptBox.check();
    await this.signButton.click();
    await expectVisible(this.main.getByRole('heading', { name: this.t('evaluation.call.assignments') }), 'the applications assigned, once signed');
  }

  assignmentLinks() {
    return this.assignmentsTable.locator('tbody').getByRole('link');
  }
}

/** "/evaluations/assignments/:id": the conflict-of-interest step, then the scoring sheet. */
export class AssignmentPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.noConflictButton = this.main.getByRole('button', { name: exactly(t('evaluation.conflict.noConflict')) });
    this.submitButton = this.main.getByRole('button', { name: exactly(t('evaluation.sheet.submit')) });
    this.confirmDialog = page.getByRole('dialog', { name: t('evaluation.sheet.confirmTitle') });
    this.confirmButton = this.confirmDialog.getByRole('button', { name: exactly(t('evaluation.sheet.confirmSubmit')) });
    this.lockedTitle = this.main.getByText(t('evaluation.assignment.lockedTitle'), { exact: true });
  }

  async confirmNoConflict() {
    await expectVisible(this.main.getByText(this.t('evaluation.conflict.question'), { exact: true }), 'the conflict-of-interest question');
    await this.noConflictButton.click();
    await expectVisible(this.main.getByRole('heading', { name: this.t('evaluation.assignment.sheet') }), 'the scoring sheet');
  }

  section(title) {
    return this.main.getByRole('region', { name: title });
  }

  criterion(id) {
    return this.main.getByRole('textbox', { name: new RegExp(`^${escape(id)}\\s`) });
  }

  comment(sectionTitle) {
    return this.section(sectionTitle).getByRole('textbox', { name: new RegExp(`^${escape(this.t('evaluation.sheet.comment'))}`) });
  }

  async submit() {
    await this.submitButton.click();
    await expectVisible(this.confirmDialog, 'the confirmation that the sheet will be locked');
    await this.confirmButton.click();
    await expectVisible(this.lockedTitle, 'the sheet locked after submitting');
  }
}
