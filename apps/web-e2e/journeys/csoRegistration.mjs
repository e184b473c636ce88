/* global document */
// a. A CSO registers, confirms its e-mail, logs in, switches to Albanian, completes the
//    organisation profile and uploads its statute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, expectText, expectUrl, expectValue, expectVisible } from '../lib/expect.mjs';
import { sha256, shortHash, writeTinyPdf } from '../lib/files.mjs';
import { texts } from '../lib/i18n.mjs';
import { SmtpSink } from '../lib/smtp-sink.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { DocumentsPage } from '../pages/documents.mjs';
import { PublicHomePage, UserHomePage } from '../pages/home.mjs';
import { LoginPage } from '../pages/login.mjs';
import { OrganizationPage } from '../pages/organization.mjs';
import { RegisterPage, RegisterSuccessPage, VerifyEmailPage } from '../pages/register.mjs';

export const name = 'cso-registration';

function isoDateInDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export async function run(j, { sink, runId }) {
  const en = texts('en');
  const sq = texts('sq');
  const user = {
    fullName: 'Teuta Berisha',
    email: `cso-${runId}@e2e.grants.test`,
    password: 'Shelter and hope for 2026!',
    legalName: `Qendra Shpresa ${runId}`,
    acronym: 'QSH',
    registrationNumber: `5114${String(Date.now()).slice(-6)}`,
    municipality: { en: 'Gjakova', sq: 'Gjakovë' },
  };
  const page = await j.newPage();

  j.step('open the public home page');
  const home = new PublicHomePage(page, en);
  await home.goto();
  await j.visit(page, 'home');

  j.step('go to the registration page');
  await home.openRegister();
  const register = new RegisterPage(page, en);
  await expectUrl(page, '/register', 'the registration page');
  await register.expectLoaded();
  await j.visit(page, 'register');

  j.step('fill in the registration form and submit');
  await register.fill({ ...user, municipality: user.municipality.en });
  await j.shot(page, 'register-filled');
  await register.submit();

  j.step('see "check your e-mail"');
  await expectUrl(page, '/register/success', 'the registration success page');
  await new RegisterSuccessPage(page, en).expectLoaded(user.email);
  await j.visit(page, 'register-success');

  j.step('open the verification link from the e-mail');
  const mail = await sink.waitFor(user.email, /\/verify-email\?token=/);
  const link = SmtpSink.link(mail, /\/verify-email\?token=/);
  assert(
    link.startsWith(`${j.baseUrl}/verify-email?token=`),
    `the verification link should point to ${j.baseUrl}, got ${link}`,
  );
  await page.goto(link);
  const verify = new VerifyEmailPage(page, en);
  await verify.expectConfirmed();
  await j.visit(page, 'verify-email');

  j.step('log in');
  await verify.openLogin();
  const login = new LoginPage(page, en);
  await login.expectLoaded();
  await j.visit(page, 'login');
  await login.login(user.email, user.password);
  await expectUrl(page, '/home', 'the home page after login');
  await new UserHomePage(page, en).expectWelcome(user.fullName);
  await j.visit(page, 'home-applicant');

  j.step('switch the language to Shqip');
  await new AppShell(page, en).chooseLanguage('sq');
  const shell = new AppShell(page, sq);
  await expectVisible(shell.navLink('nav.organization'), `the navigation link "${sq('nav.organization')}"`);
  await expectVisible(
    new UserHomePage(page, sq).welcomeHeading(user.fullName),
    `"${sq('home.welcome', { name: user.fullName })}"`,
  );
  const lang = await page.evaluate(() => document.documentElement.lang);
  assert(lang === 'sq', `<html lang> should be "sq" after switching, is "${lang}"`);
  await j.visit(page, 'home-sq');

  j.step('open the organisation profile (in Albanian)');
  await shell.openNav('nav.organization');
  const org = new OrganizationPage(page, sq);
  await org.expectLoaded();
  await expectValue(org.legalName, user.legalName, 'the legal name');
  await expectValue(org.municipality, user.municipality.sq, 'the municipality (in Albanian)');
  await j.visit(page, 'organization');

  j.step('fill in the legal details and save');
  const details = {
    licenceNumber: `MPMS-LIC-${runId}`,
    licenceExpiry: isoDateInDays(400),
    iban: 'XK051212012345678906',
    phone: '+383 44 123 456',
    address: 'Rruga Nëna Terezë 12, Gjakovë',
    description: 'Strehim, këshillim psikologjik dhe riintegrim për të mbijetuarit e trafikimit.',
  };
  await org.fillLegalDetails(details);
  await expectVisible(org.ibanValidText('XK05 1212 0123 4567 8906'), 'the live IBAN check saying the IBAN is valid');
  await j.shot(page, 'organization-filled');
  await org.save();

  j.step('reload and see the saved profile');
  await page.reload();
  await org.expectLoaded();
  await expectValue(org.licenceNumber, details.licenceNumber, 'the licence number after reload');
  // the date field shows the date as an Albanian reader writes it (DD.MM.YYYY), whatever notation was typed
  const [y, m, d] = details.licenceExpiry.split('-');
  await expectValue(org.licenceExpiry, `${d}.${m}.${y}`, 'the licence expiry after reload, in the Albanian notation');
  await expectValue(org.iban, details.iban, 'the IBAN after reload');
  await expectValue(org.phone, details.phone, 'the phone after reload');
  await expectValue(org.address, details.address, 'the address after reload');
  await expectValue(org.description, details.description, 'the description after reload');
  await j.visit(page, 'organization-saved');

  j.step('open the documents page and upload the statute (PDF)');
  await shell.openNav('nav.documents');
  const docs = new DocumentsPage(page, sq);
  await docs.expectLoaded();
  await j.visit(page, 'documents');
  const dir = mkdtempSync(join(tmpdir(), 'grants-e2e-upload-'));
  try {
    const fileName = `statuti-${runId}.pdf`;
    const bytes = writeTinyPdf(join(dir, fileName));
    const hash = shortHash(sha256(bytes));
    await docs.upload('statute', join(dir, fileName), fileName);

    j.step('see the document in the list with its shortened SHA-256');
    const row = docs.row(fileName);
    await expectVisible(row, `the row of ${fileName}`);
    await expectText(row, sq('documentKinds.statute'), `the row's kind "${sq('documentKinds.statute')}"`);
    await expectText(row, hash, `the shortened SHA-256 ${hash}`);
    await j.visit(page, 'documents-uploaded');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
