import { exactly } from '../lib/i18n.mjs';
import { expectVisible } from '../lib/expect.mjs';

/** "/admin/audit": the hash-chained audit log. */
export class AuditPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
    this.heading = page.getByRole('heading', { level: 1, name: t('audit.title') });
    this.verifyButton = page.getByRole('button', { name: exactly(t('audit.verify')) });
    this.table = page.getByRole('table');
    this.intact = page.getByRole('status').filter({ hasText: t('audit.intactTitle') });
    this.broken = page.getByRole('alert').filter({ hasText: t('audit.brokenTitle') });
  }

  async goto() {
    await this.page.goto('/admin/audit');
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expectVisible(this.heading, 'the audit log page');
  }

  async verify() {
    await this.verifyButton.click();
  }
}
