import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { chooseFile, chooseOption } from '../lib/mantine.mjs';

/** "/organization/documents": upload form and the list of documents on file. */
export class DocumentsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('documents.title') });
    this.kind = page.getByRole('textbox', { name: exactly(t('documents.kind')) });
    this.file = page.getByLabel(exactly(t('documents.file')));
    this.uploadButton = page.getByRole('button', { name: exactly(t('documents.upload')) });
    this.table = page.getByRole('table');
  }

  async goto() {
    await this.page.goto('/organization/documents');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the documents page');
  }

  /** @param kind one of statute, licence, … (the API's code) */
  async upload(kind, path, fileName) {
    await chooseOption(this.page, this.kind, this.t(`documentKinds.${kind}`));
    await chooseFile(this.page, this.file, path);
    await this.uploadButton.click();
    await expectVisible(
      this.page.getByText(this.t('documents.uploadedOk', { name: fileName }), { exact: true }),
      'the upload confirmation',
    );
  }

  row(fileName) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: fileName, exact: true }) });
  }
}
