import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';
import { chooseOption } from '../lib/mantine.mjs';

const NATIVE = { en: 'English', sq: 'Shqip', sr: 'Srpski' };

/** "/admin/invitations": invite staff, evaluators, monitors and observers. */
export class InvitationsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('invitations.title') });
    const main = page.getByRole('main');
    this.email = main.getByRole('textbox', { name: exactly(t('auth.email')) });
    this.fullName = main.getByRole('textbox', { name: exactly(t('invitations.fullNameOptional')) });
    this.role = main.getByRole('textbox', { name: exactly(t('common.role')) });
    this.language = main.getByRole('textbox', { name: exactly(t('common.language')) });
    this.sendButton = main.getByRole('button', { name: exactly(t('invitations.send')) });
    this.table = main.getByRole('table');
  }

  async goto() {
    await this.page.goto('/admin/invitations');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the staff invitations page');
  }

  /** @param {{email, role, language, fullName?}} inv */
  async invite(inv) {
    await this.email.fill(inv.email);
    if (inv.fullName) await this.fullName.fill(inv.fullName);
    await chooseOption(this.page, this.role, this.t(`roles.${inv.role}`));
    await chooseOption(this.page, this.language, NATIVE[inv.language]);
    await this.sendButton.click();
    await expectVisible(
      this.page.getByText(this.t('invitations.sentOk', { email: inv.email }), { exact: true }),
      'the "invitation sent" confirmation',
    );
  }

  row(email) {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: email, exact: true }) });
  }
}
