/* global document */
// d. A visitor switches to Srpski, then to the Cyrillic script; the header follows.
import { assert, expectText, expectVisible, poll } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { PublicHomePage } from '../pages/home.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'serbian-cyrillic';

const CYRILLIC = /[\u0400-\u04FF]/;

/** Words with Latin and Cyrillic letters in one piece ("Wорд"); "IBAN-у" (acronym + case ending) is fine. */
export function mixedScriptWords(text) {
  const pieces = text.split(/[^\p{L}]+/u).filter(Boolean);
  return [...new Set(pieces.filter((w) => /[A-Za-z]/.test(w) && CYRILLIC.test(w)))];
}

export async function run(j) {
  const en = texts('en');
  const sr = texts('sr');
  const cyr = texts('sr-Cyrl');
  const page = await j.newPage();

  j.step('open the public home page');
  const home = new PublicHomePage(page, en);
  await home.goto();
  await j.visit(page, 'home-en', { axe: false });

  j.step('switch to Srpski');
  await new AppShell(page, en).chooseLanguage('sr');
  await expectVisible(
    new PublicHomePage(page, sr).heading,
    `the heading in Serbian Latin "${sr('home.public.title')}"`,
  );
  await expectVisible(
    page.getByRole('banner').getByRole('link', { name: exactly(sr('auth.login')) }),
    `"${sr('auth.login')}" in the header`,
  );
  const shell = new AppShell(page, sr);
  await expectVisible(shell.cyrillicButton, 'the Latin/Cyrillic switch');
  await j.visit(page, 'home-sr-latin');

  j.step('switch to Cyrillic');
  await shell.chooseCyrillic();
  const cyrHome = new PublicHomePage(page, cyr);
  await expectVisible(cyrHome.loginLink, `"${cyr('auth.login')}" in the header`);
  await expectVisible(cyrHome.heading, `the heading in Cyrillic "${cyr('home.public.title')}"`);
  const header = await expectText(page.getByRole('banner'), CYRILLIC, 'Cyrillic letters in the header');
  assert(
    header.includes(cyr('app.name')),
    `the header should show the portal name "${cyr('app.name')}", shows: ${header.replace(/\s+/g, ' ')}`,
  );
  await poll(
    () => page.evaluate(() => document.documentElement.lang),
    (l) => l === 'sr-Cyrl',
    { timeout: 3000, message: '<html lang> should be "sr-Cyrl"' },
  );
  await j.visit(page, 'home-sr-cyrillic');

  j.step('no word on the page mixes Latin and Cyrillic letters');
  await j.soft(
    'the Cyrillic page has no half-transliterated (mixed-script) words',
    async () => {
      const mixed = mixedScriptWords(await page.locator('body').innerText());
      assert(mixed.length === 0, `mixed-script words: ${mixed.join(', ')}`);
    },
    page,
  );

  j.step('the choice survives a reload and carries to the login page');
  await page.reload();
  await expectVisible(new PublicHomePage(page, cyr).heading, 'the Cyrillic heading after reload');
  await cyrHome.openLogin();
  await new LoginPage(page, cyr).expectLoaded();
  await expectText(page.getByRole('main'), CYRILLIC, 'Cyrillic on the login page');
  await j.visit(page, 'login-sr-cyrillic');
}
