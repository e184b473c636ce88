import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { chooseOption } from '../lib/mantine.mjs';

/** "/register": account + organisation in one form. */
export class RegisterPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { name: t('register.title') });
    this.fullName = page.getByRole('textbox', { name: exactly(t('auth.fullName')) });
    this.email = page.getByRole('textbox', { name: exactly(t('auth.email')) });
    this.password = page.getByRole('textbox', { name: exactly(t('auth.password')) });
    this.legalName = page.getByRole('textbox', { name: exactly(t('organization.fields.legalName')) });
    this.acronym = page.getByRole('textbox', { name: exactly(t('organization.fields.acronym')) });
    this.registrationNumber = page.getByRole('textbox', { name: exactly(t('organization.fields.registrationNumber')) });
    this.municipality = page.getByRole('textbox', { name: exactly(t('organization.fields.municipality')) });
    this.submitButton = page.getByRole('button', { name: t('register.submit') });
  }

  async goto() {
    await this.page.goto('/register');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the registration page');
  }

  /** @param {{fullName, email, password, legalName, acronym?, registrationNumber, municipality}} data municipality: its name in the UI language */
  async fill(data) {
    await this.fullName.fill(data.fullName);
    await this.email.fill(data.email);
    await this.password.fill(data.password);
    await this.legalName.fill(data.legalName);
    if (data.acronym) await this.acronym.fill(data.acronym);
    await this.registrationNumber.fill(data.registrationNumber);
    await chooseOption(this.page, this.municipality, data.municipality, { search: data.municipality.slice(0, 4) });
  }

  async submit() {
    await this.submitButton.click();
  }
}

/** "/register/success": check your e-mail. */
export class RegisterSuccessPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { name: t('register.successTitle') });
  }

  async expectLoaded(email) {
    await expectVisible(this.heading, `"${this.t('register.successTitle')}"`);
    await expectVisible(
      this.page.getByText(this.t('register.successWithEmail', { email }), { exact: true }),
      'the message naming the address',
    );
  }
}

/** "/verify-email?token=…" */
export class VerifyEmailPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.successTitle = page.getByRole('status').filter({ hasText: t('verify.successTitle') });
    this.loginLink = page.getByRole('main').getByRole('link', { name: exactly(t('auth.goToLogin')) });
  }

  async expectConfirmed() {
    await expectVisible(this.successTitle, `"${this.t('verify.successTitle')}"`);
  }

  async openLogin() {
    await this.loginLink.click();
  }
}
