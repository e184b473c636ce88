import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/login" */
export class LoginPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { name: t('auth.loginTitle') });
    this.email = page.getByRole('textbox', { name: exactly(t('auth.email')) });
    this.password = page.getByRole('textbox', { name: exactly(t('auth.password')) });
    this.submitButton = page.getByRole('main').getByRole('button', { name: exactly(t('auth.login')) });
    this.errorAlert = page.getByRole('alert');
  }

  async goto() {
    await this.page.goto('/login');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the login page');
  }

  async login(email, password) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submitButton.click();
  }
}
