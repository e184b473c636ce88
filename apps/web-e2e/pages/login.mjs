/* global URL */
import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { completeSecondFactor } from './secondFactor.mjs';

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

  /**
   * Logs in and, by default, completes the second step the answer asks for (issue 14: the code of the
   * authenticator app this run enrolled, or the enrolment on a first login; pages/secondFactor.mjs).
   * `{ secondFactor: false }` stops after the password, on whatever page the app shows.
   */
  async login(email, password, { secondFactor = true } = {}) {
    await this.email.fill(email);
    await this.password.fill(password);
    const answer = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login' && r.request().method() === 'POST', { timeout: 20_000 });
    await this.submitButton.click();
    const res = await answer.catch(() => null);
    if (!secondFactor || !res?.ok()) return null;
    const state = (await res.json().catch(() => null))?.user?.secondFactor?.state ?? null;
    await completeSecondFactor(this.page, email, state);
    return state;
  }
}
