// c. The admin opens the audit log and verifies the hash chain, then sees how long records are kept and what
//    the retention sweep would remove now (a dry run: nothing is removed).
import { assert, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { exactly } from '../lib/i18n.mjs';
import { texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { AuditPage } from '../pages/audit.mjs';
import { UserHomePage } from '../pages/home.mjs';
import { LoginPage } from '../pages/login.mjs';
import { ADMIN } from './adminInvitesEvaluator.mjs';

export const name = 'admin-audit';

export async function run(j) {
  const en = texts('en');
  const page = await j.newPage();

  j.step('log in as the seeded admin');
  const login = new LoginPage(page, en);
  await login.goto();
  await j.visit(page, 'login', { axe: false });
  await login.login(ADMIN.email, ADMIN.password);
  await expectUrl(page, '/home', 'the admin home page');
  await new UserHomePage(page, en).expectWelcome(ADMIN.fullName);
  await j.visit(page, 'admin-home', { axe: false });

  j.step('open the audit log');
  await new AppShell(page, en).openNav('nav.audit');
  const audit = new AuditPage(page, en);
  await audit.expectLoaded();
  await expectVisible(audit.table.getByRole('row').nth(1), 'at least one audit entry');
  await j.visit(page, 'audit');

  j.step('verify the chain');
  await audit.verify();
  await expectVisible(audit.intact, `"${en('audit.intactTitle')}"`, 20_000);
  const text = await expectText(audit.intact, /\d+/, 'the number of entries checked');
  const checked = Number(text.match(/(\d+)/)[1]);
  assert(checked > 0, `the chain check should cover at least one entry, says ${checked}`);
  assert((await audit.broken.count()) === 0, 'no "chain is broken" alert should be shown');
  await j.visit(page, 'audit-verified');

  j.step('see the retention periods and what the sweep would remove now, without removing anything');
  await new AppShell(page, en).openNav('nav.retention');
  await expectVisible(page.getByRole('heading', { name: en('retention.title') }), 'the retention page');
  await expectVisible(page.getByText(en('retention.sources')), 'the defaults and their source (the EU 5-year rule)');
  await page.getByRole('button', { name: exactly(en('retention.dryRun')) }).click();
  const nothing = page.getByText(en('retention.nothingExpired'));
  const caption = page.getByText(en('retention.dryCaption', { at: '' }).split('(')[0].trim());
  await expectVisible(nothing.or(caption).first(), 'the dry run answer (nothing expired, or what would go)');
  await j.visit(page, 'retention-dry-run');
}
