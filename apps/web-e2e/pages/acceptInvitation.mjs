/* global URL */
import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { chooseOption } from '../lib/mantine.mjs';
import { completeSecondFactor } from './secondFactor.mjs';

const NATIVE = { en: 'English', sq: 'Shqip', sr: 'Srpski' };

/** "/accept-invitation?token=…": the invitee chooses name, password and language. */
export class AcceptInvitationPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { name: t('invitation.title') });
    this.details = page.getByRole('table');
    this.fullName = page.getByRole('textbox', { name: exactly(t('auth.fullName')) });
    this.password = page.getByRole('textbox', { name: exactly(t('auth.password')) });
    this.language = page.getByRole('textbox', { name: exactly(t('common.language')) });
    this.acceptButton = page.getByRole('button', { name: exactly(t('invitation.accept')) });
  }

  async open(link) {
    await this.page.goto(link);
    await expectVisible(this.heading, 'the accept-invitation page');
    await expectVisible(this.acceptButton, 'the activate button (the invitation was found)');
  }

  detail(text) {
    return this.details.getByRole('cell', { name: text, exact: true });
  }

  async accept({ fullName, password, language }) {
    await this.fullName.fill(fullName);
    await this.password.fill(password);
    if (language) await chooseOption(this.page, this.language, NATIVE[language]);
    const answer = this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/accept-invitation' && r.request().method() === 'POST', { timeout: 20_000 });
    await this.acceptButton.click();
    // staff invited to a role that requires a second factor set it up first (issue 14; pages/secondFactor.mjs)
    const res = await answer.catch(() => null);
    if (!res?.ok()) return;
    const body = await res.json().catch(() => null);
    await completeSecondFactor(this.page, body?.user?.email, body?.user?.secondFactor?.state ?? null);
  }
}
