// b. The Secretariat admin invites an evaluator; the evaluator accepts in a fresh browser,
//    logs out and in again, and sees the evaluator home page.
import { assert, expectCount, expectHidden, expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { texts } from '../lib/i18n.mjs';
import { SmtpSink } from '../lib/smtp-sink.mjs';
import { AcceptInvitationPage } from '../pages/acceptInvitation.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { PublicHomePage, UserHomePage } from '../pages/home.mjs';
import { InvitationsPage } from '../pages/invitations.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'admin-invites-evaluator';

export const ADMIN = { email: 'admin@demo.grants.test', password: 'demo-admin-2026', fullName: 'Arta Krasniqi' };

export async function run(j, { sink, runId }) {
  const en = texts('en');
  const invitee = {
    email: `evaluator-${runId}@e2e.grants.test`,
    fullName: 'Vjosa Hasani',
    password: 'Impartial scoring, always 2026',
  };

  j.step('log in as the seeded admin');
  const admin = await j.newPage();
  const login = new LoginPage(admin, en);
  await login.goto();
  await j.visit(admin, 'login', { axe: false });
  await login.login(ADMIN.email, ADMIN.password);
  await expectUrl(admin, '/home', 'the admin home page');
  await new UserHomePage(admin, en).expectWelcome(ADMIN.fullName);
  await j.visit(admin, 'admin-home');

  j.step('open the staff invitations page');
  const shell = new AppShell(admin, en);
  await shell.openNav('nav.invitations');
  const invitations = new InvitationsPage(admin, en);
  await invitations.expectLoaded();
  await j.visit(admin, 'invitations');

  j.step('invite an evaluator (language English)');
  await invitations.invite({ email: invitee.email, role: 'evaluator', language: 'en' });
  const row = invitations.row(invitee.email);
  await expectVisible(row, `the invitation row for ${invitee.email}`);
  await expectText(row, en('roles.evaluator'), 'the role in the invitation row');
  await expectText(row, en('invitations.status.pending'), 'the status "Pending"');
  await j.visit(admin, 'invitations-sent');

  j.step('read the invitation e-mail');
  const mail = await sink.waitFor(invitee.email, /\/accept-invitation\?token=/);
  const link = SmtpSink.link(mail, /\/accept-invitation\?token=/);
  assert(
    link.startsWith(`${j.baseUrl}/accept-invitation?token=`),
    `the invitation link should point to ${j.baseUrl}, got ${link}`,
  );

  j.step('open the link in a fresh browser context');
  const guest = await j.newPage();
  const accept = new AcceptInvitationPage(guest, en);
  await accept.open(link);
  await expectVisible(accept.detail(invitee.email), 'the invited address in the invitation details');
  await expectVisible(accept.detail(en('roles.evaluator')), 'the role in the invitation details');
  await j.visit(guest, 'accept-invitation');

  j.step('set name and password, activate');
  await accept.accept({ fullName: invitee.fullName, password: invitee.password, language: 'en' });
  await expectUrl(guest, '/home', 'the home page after activating');
  const guestShell = new AppShell(guest, en);
  await guestShell.expectSignedIn();
  await new UserHomePage(guest, en).expectWelcome(invitee.fullName);
  await j.visit(guest, 'evaluator-first-home');

  j.step('log out');
  await guestShell.logout();
  await expectHidden(guestShell.userMenuButton, 'the account menu after logging out');
  await expectVisible(new PublicHomePage(guest, en).loginLink, 'the "Log in" link in the header');
  // UserMenu means to send the user to the start page ("/") after logging out
  await j.soft(
    'after logging out the user lands on the start page "/"',
    () => expectUrl(guest, '/', 'the public home page', 3000),
    guest,
  );
  await j.visit(guest, 'logged-out', { axe: false });

  j.step('log in again with the new password');
  const login2 = new LoginPage(guest, en);
  await login2.goto();
  await j.visit(guest, 'login-again', { axe: false });
  await login2.login(invitee.email, invitee.password);
  await expectUrl(guest, '/home', 'the home page after logging in again');

  j.step('see the evaluator home page');
  const home = new UserHomePage(guest, en);
  await home.expectWelcome(invitee.fullName);
  // a new evaluator's home page is its to-do list, empty until assignments arrive
  await expectVisible(home.todoHeading, `the to-do list "${en('home.todo.title')}"`);
  await expectVisible(home.nothingToDo, `"${en('home.todo.nothingToDo')}"`);
  await expectCount(guestShell.navLink('nav.invitations'), 0, 'admin links in an evaluator navigation', 3000);
  await j.visit(guest, 'evaluator-home');

  j.step('the admin sees the invitation accepted');
  await admin.reload();
  await invitations.expectLoaded();
  await expectText(invitations.row(invitee.email), en('invitations.status.accepted'), 'the status "Accepted"');
  await j.shot(admin, 'invitations-accepted');
}
