/* global navigator, caches, document, URL */
// The installable portal works without a network (issue 11, the ground of the offline visit report): the API
// serves the service worker and the manifest; after one visit online the monitor's pages open offline, from the
// app shell the worker keeps and the JSON reads it kept (the signed-in user, the grants); logging out removes
// those kept answers.
import { assert, expectUrl, expectVisible, poll } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'offline-shell';

const MONITOR = { email: 'monitor@demo.grants.test', password: 'demo-monitor-2026' };
const API_CACHE = 'grants-api-reads';

export async function run(j) {
  const en = texts('en');
  const page = await j.newPage();

  j.step('the API serves the service worker (never kept stale) and the web app manifest');
  const sw = await page.request.get('/sw.js');
  assert(sw.ok(), `/sw.js answers ${sw.status()}`);
  assert(/javascript/.test(sw.headers()['content-type'] ?? ''), `/sw.js is JavaScript, not ${sw.headers()['content-type']}`);
  assert(sw.headers()['cache-control'] === 'no-cache', `/sw.js has Cache-Control no-cache, not ${sw.headers()['cache-control']}`);
  const manifest = await page.request.get('/manifest.webmanifest');
  assert(/application\/manifest\+json/.test(manifest.headers()['content-type'] ?? ''), `the manifest's type is ${manifest.headers()['content-type']}`);
  const m = await manifest.json();
  assert(m.name === 'Grant scheme portal' && m.icons.some((i) => i.sizes === '512x512'), `the manifest names the portal and a 512 px icon: ${JSON.stringify(m).slice(0, 200)}`);

  j.step('the monitor signs in; the service worker takes the page');
  const login = new LoginPage(page, en);
  await login.goto();
  await login.login(MONITOR.email, MONITOR.password);
  await expectUrl(page, '/home', 'the monitor’s home page');
  await poll(() => page.evaluate(() => !!navigator.serviceWorker?.controller), Boolean, { timeout: 30_000, message: 'the service worker controls the page' });
  const shell = new AppShell(page, en);
  await shell.chooseLanguage('en');

  j.step('the monitor opens the grants list online (the answers are kept for the road)');
  await page.goto('/grants');
  await expectVisible(page.getByRole('heading', { level: 1 }), 'the grants list');
  await page.waitForLoadState('networkidle').catch(() => {});
  const heading = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  const kept = await page.evaluate(async (c) => (await (await caches.open(c)).keys()).map((r) => new URL(r.url).pathname), API_CACHE);
  assert(kept.includes('/api/auth/me') && kept.some((p) => p === '/api/grants'), `the signed-in user and the grants list are kept: ${kept.join(', ')}`);
  assert(!kept.some((p) => /\/(photos|documents|files)\//.test(p)), `no file is kept: ${kept.join(', ')}`);

  j.step('no network: the page reloads from the phone, signed in, with the grants list');
  await page.context().setOffline(true);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expectVisible(page.getByRole('heading', { level: 1, name: exactly(heading) }), `the grants list "${heading}" offline`);
  await expectVisible(shell.navLink('nav.home'), 'the navigation of a signed-in user, offline');
  await j.visit(page, 'grants-offline', { axe: false });

  j.step('the network is back; logging out removes the kept answers');
  await page.context().setOffline(false);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expectVisible(shell.navLink('nav.home'), 'the navigation online again');
  await shell.logout();
  await poll(() => page.evaluate(async (c) => (await (await caches.open(c)).keys()).length, API_CACHE), (n) => n === 0, { timeout: 10_000, message: 'no API answer kept after logout' });
  assert(await page.evaluate(() => document.querySelector('link[rel="manifest"]') !== null), 'the page links the manifest (installable)');
}
