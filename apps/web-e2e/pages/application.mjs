import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { chooseFile } from '../lib/mantine.mjs';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "/applications/:id": the editor (tabs per section), the submission panel and the completeness panel. */
export class ApplicationEditorPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.saveState = page.getByRole('status').filter({
      hasText: new RegExp(
        `^(${[t('applications.autosave.idle'), t('applications.autosave.pending'), t('applications.autosave.saving'), t('applications.autosave.error'), t('applications.autosave.conflict'), t('applications.autosave.savedAt', { time: 'XXX' })].map((s) => escape(s).replace('XXX', '.*')).join('|')})`,
      ),
    });
    this.completeness = page.getByRole('region', { name: t('applications.completeness.title') });
    this.submission = page.getByRole('region', { name: t('applications.submit.title') });
    this.submitButton = this.submission.getByRole('button', { name: exactly(t('applications.submit.submit')) });
    this.receiptLink = this.submission.getByRole('link', { name: t('applications.submit.receipt') });
    this.withdrawButton = this.submission.getByRole('button', { name: exactly(t('applications.submit.withdraw')) });
    this.withdrawDialog = page.getByRole('dialog', { name: t('applications.submit.withdrawTitle') });
    this.submitDialog = page.getByRole('dialog', { name: t('applications.submit.submitTitle') });
    this.withdrawnText = page.getByText(t('applications.submit.withdrawn'), { exact: true });
  }

  /** Submit the application, confirming in the dialog that says what happens. */
  async submit() {
    await this.submitButton.click();
    await expectVisible(this.submitDialog, 'the "submit the application?" dialog');
    await this.submitDialog.getByRole('button', { name: exactly(this.t('applications.submit.submit')) }).click();
  }

  /** Withdraw the submitted application, confirming in the dialog. */
  async withdraw() {
    await this.withdrawButton.click();
    await expectVisible(this.withdrawDialog, 'the "withdraw the application?" dialog');
    await this.withdrawDialog.getByRole('button', { name: exactly(this.t('applications.submit.withdraw')) }).click();
  }

  /** The application's status badge in the page header. */
  status(status) {
    return this.main.getByText(this.t(`applications.status.${status}`), { exact: true });
  }

  async expectLoaded() {
    await expectVisible(this.completeness, 'the completeness panel');
    await expectVisible(this.page.getByRole('tablist'), 'the section tabs');
  }

  tab(section) {
    return this.page.getByRole('tab', { name: new RegExp(`^${escape(this.t(`applications.sections.${section}`))}`) });
  }

  async openTab(section) {
    await this.tab(section).click();
  }

  workplanCell(activity, month) {
    return this.page.getByRole('checkbox', { name: exactly(this.t('applications.workplan.cell', { activity, month })) });
  }

  field(key) {
    return this.page.getByRole('textbox', { name: exactly(this.t(key)) });
  }

  declaration(key) {
    return this.page.getByRole('checkbox', { name: exactly(this.t(`applications.declarations.${key}`)) });
  }

  /** A required attachment's entry in the attachments section (one list item per attachment the call asks for). */
  attachmentRow(title) {
    return this.page.getByRole('listitem').filter({ hasText: title });
  }

  async uploadAttachment(title, path) {
    const row = this.attachmentRow(title);
    await chooseFile(this.page, row.getByRole('button', { name: exactly(this.t('applications.attachments.choose')) }), path);
    await row.getByRole('button', { name: exactly(this.t('applications.attachments.upload')) }).click();
  }

  savedText() {
    return new RegExp(`^${escape(this.t('applications.autosave.savedAt', { time: 'XXX' })).replace('XXX', '.+')}$`);
  }
}
