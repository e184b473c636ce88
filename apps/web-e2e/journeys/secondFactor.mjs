/* global document, window */
// Second factors (issue 14): the demo officer (its authenticator app enrolled on its first login of the run,
// pages/secondFactor.mjs) adds a passkey of a CDP virtual authenticator (ctap2, internal, resident key, user
// verified) on the security page, logs out, logs in again with the passkey; Zëri's pre-financing is requested and,
// the session's last check made older than 15 minutes, the officer's approval of it meets the step-up dialog,
// answered with a recovery code, and goes through; the admin resets the officer's factors with a reason: the
// officer's session ends and the next login asks for a new enrolment. An organisation's security page fits 360 px.
import pg from 'pg';
import { assert, expectText, expectUrl, expectVisible, poll } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { logInToHome } from '../pages/homeSession.mjs';
import { GrantPage } from '../pages/grants.mjs';
import { LoginPage } from '../pages/login.mjs';
import { anyLanguage, enrolAuthenticatorApp, FACTORS } from '../pages/secondFactor.mjs';
import { ADMIN } from './adminInvitesEvaluator.mjs';

export const name = 'second-factor';

const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const ORG = { email: 'zeri@demo.grants.test', password: 'demo-applicant-2026' };
const GRANTS_CALL = 'MF-C3-2024-01';

/** A change through the API as the signed-in page (its cookie), with the session's CSRF token. */
async function apiPost(page, path, data) {
  const { csrfToken } = await (await page.request.get('/api/auth/csrf')).json();
  const res = await page.request.post(path, { data, headers: { 'x-csrf-token': csrfToken } });
  assert(res.ok(), `POST ${path} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** The session's last second-factor check 16 minutes ago, as if the officer had been reading for a while. */
async function ageSecondFactorCheck(databaseUrl, email) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{secondFactorAt}', to_jsonb((extract(epoch FROM now()) * 1000)::bigint - 16 * 60000))::json
        WHERE sess->'passport'->>'user' = (SELECT id::text FROM users WHERE email = $1)`,
      [email],
    );
    assert(rowCount > 0, `a session of ${email} to age (found ${rowCount})`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function run(j, { databaseUrl }) {
  const en = texts('en');
  assert(databaseUrl, 'the journey needs the database URL (run.mjs passes it)');

  j.step('the organisation requests the pre-financing of its signed grant (through the API)');
  const org = await j.newPage();
  const orgLogin = new LoginPage(org, en);
  await orgLogin.goto();
  await orgLogin.login(ORG.email, ORG.password);
  await expectUrl(org, '/home', 'the organisation home page');
  const list = await (await org.request.get('/api/grants?pageSize=50')).json();
  const own = (list.items ?? []).find((g) => g.callReference === GRANTS_CALL && g.status === 'in_force');
  assert(own, `Zëri's grant of ${GRANTS_CALL} in force (grants: ${JSON.stringify((list.items ?? []).map((g) => [g.callReference, g.status]))})`);
  const grant = await (await org.request.get(`/api/grants/${own.id}`)).json();
  const first = grant.tranches.find((t) => t.seq === 1);
  assert(first?.status === 'planned', `its pre-financing planned (got ${first?.status})`);
  await apiPost(org, `/api/tranches/${first.id}/request`, { note: 'Pre-financing on the signed agreement' });

  j.step('an organisation\'s security page at 360 px: a second factor is optional, nothing pushed sideways');
  await org.setViewportSize({ width: 360, height: 740 });
  await org.goto('/account/security');
  await expectVisible(org.getByRole('heading', { level: 1, name: anyLanguage('security.title') }), 'the security page');
  await expectVisible(org.getByText(anyLanguage('security.optionalNote')), 'the note that a second factor is optional');
  await j.visit(org, 'org-security-360');
  const fit = await org.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  await j.soft(`the security page fits 360 px (${fit.scrollWidth}/${fit.innerWidth})`, async () => assert(fit.scrollWidth <= fit.innerWidth, 'no sideways scrolling'), org);

  j.step('the officer signs in (the authenticator app of this run) with a virtual authenticator on the device');
  const officer = await j.newPage();
  const cdp = await officer.context().newCDPSession(officer);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  const shell = await logInToHome(j, officer, OFFICER, 'en', 'officer-home');
  const login = new LoginPage(officer, en);

  j.step('add a passkey on the security page');
  await shell.userMenuButton.click();
  await officer.getByRole('menuitem', { name: exactly(en('nav.security')) }).click();
  await expectUrl(officer, '/account/security', 'the security page');
  await expectVisible(officer.getByText(en('security.requiredNote')), 'the note that the role requires a second factor');
  await j.visit(officer, 'security-page');
  await officer.getByRole('button', { name: exactly(en('security.addPasskey')) }).click();
  await officer.getByRole('textbox', { name: exactly(en('security.passkeyName')) }).fill('E2E virtual authenticator');
  await j.visit(officer, 'passkey-name');
  await officer.getByRole('button', { name: exactly(en('security.createPasskey')) }).click();
  await expectVisible(officer.getByRole('cell', { name: 'E2E virtual authenticator' }), 'the new passkey in the list');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert(credentials.length === 1, `one credential on the virtual authenticator (got ${credentials.length})`);
  await j.visit(officer, 'passkey-added');

  j.step('log out, log in again with the passkey');
  await shell.logout();
  await expectVisible(officer.getByRole('link', { name: exactly(en('auth.login')) }).or(officer.getByRole('button', { name: exactly(en('auth.login')) })), 'logged out');
  await login.goto();
  await login.login(OFFICER.email, OFFICER.password, { secondFactor: false });
  await expectUrl(officer, '/login/second-factor', 'the login\'s second step');
  await expectVisible(officer.getByRole('heading', { name: en('security.challengeTitle') }), 'the second step');
  await j.visit(officer, 'second-factor-challenge');
  await officer.getByRole('button', { name: exactly(en('security.usePasskey')) }).click();
  await expectUrl(officer, '/home', 'the officer home page after the passkey');
  await shell.expectSignedIn();

  j.step('the last check made 16 minutes old; approving the pre-financing asks for the factor again');
  await officer.goto(`/grants/${own.id}`);
  const grantPage = new GrantPage(officer, en);
  await grantPage.expectLoaded();
  const card = grantPage.tranche(1, 'pre_financing');
  await expectText(card, en('grants.trancheStatus.requested'), 'the pre-financing requested');
  await ageSecondFactorCheck(databaseUrl, OFFICER.email);
  await grantPage.trancheButton(card, 'grants.approve.button').click();
  const dialog = officer.getByRole('dialog', { name: en('security.stepUpTitle') });
  await expectVisible(dialog, 'the step-up dialog');
  await j.visit(officer, 'step-up-dialog');

  j.step('answer it with a recovery code: the approval goes through, once');
  const codes = FACTORS.get(OFFICER.email)?.recoveryCodes ?? [];
  assert(codes.length > 0, 'recovery codes of the officer kept from its enrolment in this run');
  const code = codes.shift();
  await dialog.getByRole('button', { name: exactly(en('security.useRecovery')) }).click();
  await dialog.getByRole('textbox', { name: exactly(en('security.recoveryCode')) }).fill(code);
  await dialog.getByRole('button', { name: exactly(en('security.verify')) }).click();
  await expectText(card, en('grants.trancheStatus.approved'), 'the pre-financing approved after the step-up');
  await poll(() => dialog.count(), (n) => n === 0, { message: 'the step-up dialog closed' });
  const after = await (await officer.request.get(`/api/grants/${own.id}`)).json();
  assert(after.tranches.find((t) => t.seq === 1)?.status === 'approved', 'the API has the pre-financing approved');
  const status = await (await officer.request.get('/api/auth/second-factor')).json();
  assert(status.recoveryCodesLeft === codes.length, `the recovery code used up (${status.recoveryCodesLeft} left, expected ${codes.length})`);
  await j.visit(officer, 'tranche-approved-after-step-up');

  j.step('the admin resets the officer\'s second factors, with a reason');
  const admin = await j.newPage();
  await logInToHome(j, admin, ADMIN, 'en', 'admin-home');
  await admin.goto('/admin/users');
  await admin.getByRole('searchbox').or(admin.getByRole('textbox', { name: exactly(en('common.search')) })).first().fill(OFFICER.email);
  const reset = admin.getByRole('button', { name: new RegExp(`^${en('adminUsers.resetSecondFactorNamed', { name: '.+' })}$`) });
  await expectVisible(reset, 'the reset button of the officer');
  await j.visit(admin, 'admin-users-second-factor');
  await reset.first().click();
  const confirm = admin.getByRole('dialog', { name: en('adminUsers.resetSecondFactorTitle') });
  await confirm.getByRole('textbox', { name: exactly(en('adminUsers.resetReason')) }).fill('E2E: lost phone, identity checked by a call');
  await j.visit(admin, 'admin-reset-dialog');
  await confirm.getByRole('button', { name: exactly(en('adminUsers.resetSecondFactor')) }).click();
  await poll(() => confirm.count(), (n) => n === 0, { message: 'the reset dialog closed' });
  await expectVisible(admin.getByRole('row').filter({ hasText: OFFICER.email }).getByText(exactly(en('adminUsers.secondFactorNo'))), 'the officer without a second factor');

  j.step('the officer\'s session has ended; the next login asks for a new enrolment');
  const me = await officer.request.get('/api/auth/me');
  assert(me.status() === 401, `the officer's session ended (GET /api/auth/me answered ${me.status()})`);
  await login.goto();
  await login.login(OFFICER.email, OFFICER.password, { secondFactor: false });
  await expectUrl(officer, '/account/security/enrol', 'the enrolment of a second factor');
  await expectVisible(officer.getByText(en('security.enrolRequired')), 'why a second factor is required');
  await j.visit(officer, 'enrol-again');
  await enrolAuthenticatorApp(officer, OFFICER.email);
  await expectUrl(officer, '/home', 'the officer home page after enrolling again');
  await j.visit(officer, 'officer-home-enrolled-again', { axe: false });
}
