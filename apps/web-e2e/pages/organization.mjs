import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/organization": the organisation profile form. */
export class OrganizationPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('organization.title') });
    const field = (name) => page.getByLabel(exactly(t(`organization.fields.${name}`)));
    this.legalName = field('legalName');
    this.registrationNumber = field('registrationNumber');
    // a Mantine Select: the input is a textbox; its (hidden) listbox carries the same label
    this.municipality = page.getByRole('textbox', { name: exactly(t('organization.fields.municipality')) });
    this.address = field('address');
    this.contactPerson = field('contactPerson');
    this.phone = field('phone');
    this.email = field('email');
    this.website = field('website');
    this.iban = field('iban');
    this.licenceNumber = field('licenceNumber');
    this.licenceExpiry = field('licenceExpiry');
    this.description = field('description');
    this.saveButton = page.getByRole('button', { name: exactly(t('common.save')) });
    this.savedToast = page.getByText(t('organization.saved'), { exact: true });
  }

  async goto() {
    await this.page.goto('/organization');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the organisation profile page');
    await expectVisible(this.legalName, 'the legal name field');
  }

  /** @param {{licenceNumber, licenceExpiry: 'YYYY-MM-DD', iban, phone, address, description}} d */
  async fillLegalDetails(d) {
    await this.licenceNumber.fill(d.licenceNumber);
    await this.licenceExpiry.fill(d.licenceExpiry);
    await this.iban.fill(d.iban);
    await this.phone.fill(d.phone);
    await this.address.fill(d.address);
    await this.description.fill(d.description);
  }

  async save() {
    await this.saveButton.click();
    await expectVisible(this.savedToast, `the confirmation "${this.t('organization.saved')}"`);
  }

  /** The IBAN check under the field, e.g. "Valid IBAN: XK05 1212 …". */
  ibanValidText(printed) {
    return this.page.getByText(this.t('iban.valid', { iban: printed }), { exact: true });
  }
}
