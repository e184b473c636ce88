/* global window */
// Signing in to one's home page in a chosen language, and looking at a page from its top: shared by the journeys
// that walk several roles through their to-do lists (grants, action-points).
import { expectUrl, expectVisible } from '../lib/expect.mjs';
import { texts } from '../lib/i18n.mjs';
import { AppShell } from './appShell.mjs';
import { LoginPage } from './login.mjs';

/**
 * Screenshot and axe, from the top of the page: a full-page shot of a page scrolled down (after a click low on it)
 * draws the fixed header across the middle.
 */
export async function visitFromTop(j, page, shot, opts) {
  await page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
  return j.visit(page, shot, opts);
}

/**
 * After a login the app takes the language stored with the user (an earlier journey may have changed it) from
 * /api/auth/me; a language chosen before that answer lands is overturned by it. Asks the API which language it is
 * and waits for the navigation to show it, rather than for a quiet network (the page polls, and the service worker
 * installs beside it, so on a loaded machine a quiet network may never come in time).
 */
export async function settleInStoredLanguage(page) {
  const res = await page.request.get('/api/auth/me');
  const stored = res.ok() ? (await res.json()).language : undefined;
  const langs = ['en', 'sq', 'sr'].includes(stored) ? [stored] : ['en', 'sq', 'sr'];
  const home = new RegExp(`^(${langs.map((l) => texts(l)('nav.home')).join('|')})$`);
  await expectVisible(page.getByRole('navigation').getByRole('link', { name: home }), `the navigation in the language the user last chose (${stored ?? 'unknown'})`);
}

/**
 * Logs `user` in and lands on its home page in `lang`: the app first settles in the user's stored language (an
 * earlier journey may have changed it), then the language is chosen; the to-do list is waited for and looked at.
 */
export async function logInToHome(j, page, user, lang, shot) {
  const t = texts(lang);
  const login = new LoginPage(page, texts('en'));
  await login.goto();
  await login.login(user.email, user.password);
  await expectUrl(page, '/home', `the home page of ${user.email}`);
  await settleInStoredLanguage(page);
  const shell = new AppShell(page, t);
  await shell.chooseLanguage(lang);
  await expectVisible(shell.navLink('nav.home'), `the navigation in ${lang}`);
  await expectVisible(page.getByRole('heading', { level: 2, name: t('home.todo.title') }), 'the to-do list');
  await page.getByTestId('todo-total').waitFor({ timeout: 15_000 }).catch(() => {});
  await visitFromTop(j, page, shot);
  return shell;
}
