import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

const LANGS = ['en', 'sq', 'sr'];
const TITLE_KEY = { en: 'calls.new.titleEn', sq: 'calls.new.titleSq', sr: 'calls.new.titleSr' };

/** The "New call for proposals" dialog of "/calls": a reference and a title in three languages. */
export class NewCallDialog {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.dialog = page.getByRole('dialog', { name: t('calls.new.title') });
    this.reference = this.dialog.getByRole('textbox', { name: exactly(t('calls.fields.reference')) });
    this.createButton = this.dialog.getByRole('button', { name: exactly(t('calls.new.create')) });
  }

  title(lang) {
    return this.dialog.getByRole('textbox', { name: exactly(this.t(TITLE_KEY[lang])) });
  }

  async create(reference, titles) {
    await expectVisible(this.dialog, 'the new-call dialog');
    await this.reference.fill(reference);
    for (const l of LANGS) await this.title(l).fill(titles[l]);
    await this.createButton.click();
  }
}

/** "/calls/:id/edit": the Secretariat's call editor; every field found by its label in the UI language. */
export class CallEditorPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.main = page.getByRole('main');
    this.saveButton = this.main.getByRole('button', { name: exactly(t('common.save')) });
    this.publishButton = this.main.getByRole('button', { name: exactly(t('calls.editor.publish')) });
    this.publishDialog = page.getByRole('dialog', { name: t('calls.editor.publishTitle') });
    this.confirmPublishButton = this.publishDialog.getByRole('button', { name: exactly(t('calls.editor.publish')) });
    this.readyText = this.main.getByText(t('calls.editor.ready'), { exact: true });
    this.savedText = page.getByText(t('calls.editor.saved'), { exact: true });
    this.publishedText = page.getByText(t('calls.editor.publishedOk'), { exact: true });
    this.addPriorityButton = this.main.getByRole('button', { name: exactly(t('calls.editor.addPriority')) });
    this.viewLink = this.main.getByRole('link', { name: exactly(t('calls.editor.view')) });
  }

  async expectLoaded(reference) {
    await expectVisible(
      this.page.getByRole('heading', { level: 1, name: this.t('calls.editor.title', { reference }) }),
      `the editor of ${reference}`,
    );
  }

  /** A text box of a text given in three languages: "<label> (English)". */
  localized(label, lang) {
    return this.main.getByLabel(exactly(`${label} (${this.t(`calls.editor.lang.${lang}`)})`));
  }

  async fillLocalized(label, texts) {
    for (const l of LANGS) await this.localized(label, l).fill(texts[l]);
  }

  /** One of the call's texts (title, objectives, …), each on its own tab. */
  async fillText(key, texts) {
    await this.main.getByRole('tab', { name: exactly(this.t(`calls.texts.${key}`)) }).click();
    await this.fillLocalized(this.t(`calls.texts.${key}`), texts);
  }

  async addPriority({ nsObjective, title }) {
    await this.addPriorityButton.click();
    await this.main
      .getByRole('textbox', { name: exactly(this.t('calls.fields.nsObjective')) })
      .last()
      .fill(nsObjective);
    await this.fillLocalized(this.t('calls.fields.priority'), title);
  }

  /** An amount in euros (budget envelope, minimum and maximum grant). */
  money(field) {
    return this.main.getByRole('textbox', { name: exactly(this.t(`calls.fields.${field}`)) });
  }

  /** The date (YYYY-MM-DD, Kosovo time) of one of the call's dates; the time stays at its default. */
  date(key) {
    return this.main.getByLabel(exactly(`${this.t(`calls.dates.${key}`)} ${this.t('calls.kosovoTime')}`));
  }

  criterionTitle(id, lang) {
    return this.localized(this.t('calls.editor.criterionTitle', { id }), lang);
  }

  async save() {
    await this.saveButton.click();
  }

  async publish() {
    await this.publishButton.click();
    await expectVisible(this.publishDialog, 'the "publish this call?" dialog');
    await this.confirmPublishButton.click();
  }
}
