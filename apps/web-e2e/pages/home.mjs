import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/": what the scheme is, with the calls to register and to log in. */
export class PublicHomePage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('home.public.title') });
    this.registerLink = page
      .getByRole('main')
      .getByRole('link', { name: exactly(t('home.public.ctaRegister')) })
      .first();
    this.loginLink = page.getByRole('banner').getByRole('link', { name: exactly(t('auth.login')) });
  }

  async goto() {
    await this.page.goto('/');
    await expectVisible(this.heading, 'the public home page heading');
  }

  async openRegister() {
    await this.registerLink.click();
  }

  async openLogin() {
    await this.loginLink.click();
  }
}

/** "/home": each role's own start page. */
export class UserHomePage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.emptyStateHeading = page.getByRole('heading', { name: t('home.empty.title') });
  }

  welcomeHeading(fullName) {
    return this.page.getByRole('heading', { level: 1, name: this.t('home.welcome', { name: fullName }) });
  }

  roleText(role) {
    return this.page.getByText(this.t(`home.empty.${role}`), { exact: true });
  }

  /** The to-do list (GET /api/home/todo) and what it says when nothing waits. */
  get todoHeading() {
    return this.page.getByRole('heading', { level: 2, name: this.t('home.todo.title') });
  }

  get nothingToDo() {
    return this.page.getByText(this.t('home.todo.nothingToDo'), { exact: true });
  }

  async expectWelcome(fullName) {
    await expectVisible(this.welcomeHeading(fullName), `the home page welcoming ${fullName}`);
  }
}
