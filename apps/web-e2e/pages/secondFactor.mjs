/* global setTimeout, URL */
// The login's second step (issue 14), done the way a person would: on the first login of a user whose role requires
// a second factor, enrol an authenticator app with the key shown on the enrolment page (otplib computes its codes, as
// the app on a phone would), confirm, keep the recovery codes; on later logins, type the app's current code. What
// each user enrolled is remembered for the run (`FACTORS`), so every journey signs in as before.
import { generate } from 'otplib';
import { expectVisible, poll } from '../lib/expect.mjs';
import { texts } from '../lib/i18n.mjs';

const LANGS = ['en', 'sq', 'sr'];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text of `key` in any of the three languages, exactly (the page is in the user's stored language). */
export function anyLanguage(key) {
  return new RegExp(`^\\s*(${[...new Set(LANGS.map((l) => escape(texts(l)(key))))].join('|')})\\s*\\*?\\s*$`);
}

/** email → { secret, lastStep, recoveryCodes }: what this run enrolled. */
export const FACTORS = new Map();

const PERIOD = 30;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The authenticator app's code for `email`, never for a time step already used (the API accepts a step once): the
 * current step, else the next one (the API allows one step either side), else wait for time to catch up.
 */
export async function totpCode(email) {
  const f = FACTORS.get(email);
  if (!f?.secret) throw new Error(`no authenticator app enrolled for ${email} in this run`);
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / PERIOD);
    const step = Math.max(now, (f.lastStep ?? -1) + 1);
    if (step <= now + 1) {
      f.lastStep = step;
      return generate({ secret: f.secret, epoch: step * PERIOD + 1 });
    }
    await sleep(1000);
  }
}

function codeBox(page) {
  return page.getByRole('textbox', { name: anyLanguage('security.code') });
}

async function leave(page, path, what) {
  await poll(() => new URL(page.url()).pathname, (p) => p !== path, { timeout: 20_000, message: `leaving ${what}` });
}

/** The forced enrolment (/account/security/enrol): an authenticator app, then the recovery codes saved. */
export async function enrolAuthenticatorApp(page, email) {
  await page.getByRole('button', { name: anyLanguage('security.chooseApp') }).click();
  const secretBox = page.getByTestId('totp-secret');
  await expectVisible(secretBox, 'the key of the authenticator app');
  const secret = (await secretBox.innerText()).replace(/\s/g, '');
  FACTORS.set(email, { secret, lastStep: -1, recoveryCodes: [] });
  await codeBox(page).fill(await totpCode(email));
  await page.getByRole('button', { name: anyLanguage('security.confirmApp') }).click();
  await saveRecoveryCodes(page, email);
  await leave(page, '/account/security/enrol', 'the enrolment page');
}

/** The recovery codes shown once: kept for the run, "I have saved them", continue. */
export async function saveRecoveryCodes(page, email) {
  const codes = page.getByTestId('recovery-code');
  await expectVisible(codes, 'the recovery codes');
  const list = (await codes.allInnerTexts()).map((c) => c.trim());
  const f = FACTORS.get(email) ?? { secret: null, lastStep: -1, recoveryCodes: [] };
  f.recoveryCodes = list;
  FACTORS.set(email, f);
  await page.getByRole('checkbox', { name: anyLanguage('security.codesSaved') }).check();
  await page.getByRole('button', { name: anyLanguage('security.continue') }).click();
  return list;
}

/** /login/second-factor (or the step-up dialog): the app's current code; a refused one is tried once more a step later. */
export async function answerWithCode(page, email, { within = page } = {}) {
  const box = within.getByRole('textbox', { name: anyLanguage('security.code') });
  await expectVisible(box, 'the box for the 6-digit code');
  for (let attempt = 0; attempt < 2; attempt++) {
    await box.fill(await totpCode(email));
    await within.getByRole('button', { name: anyLanguage('security.verify') }).click();
    const wrong = within.getByText(anyLanguage('security.wrongCode'));
    const outcome = await Promise.race([
      box.waitFor({ state: 'detached', timeout: 20_000 }).then(() => 'done', () => 'timeout'),
      wrong.waitFor({ state: 'visible', timeout: 20_000 }).then(() => 'wrong', () => 'timeout'),
    ]);
    if (outcome === 'done') return;
    if (outcome === 'timeout') throw new Error(`the second-factor code of ${email} was neither taken nor refused`);
    // clock skew at a step's edge: the next step
    const f = FACTORS.get(email);
    f.lastStep = Math.max(f.lastStep, Math.floor(Date.now() / 1000 / PERIOD));
  }
  throw new Error(`the second-factor code of ${email} was refused twice`);
}

/**
 * After a password login, whatever the session's state asks: nothing, the code, or the enrolment. `state` is
 * `user.secondFactor.state` of the login (or accept-invitation) answer.
 */
export async function completeSecondFactor(page, email, state) {
  if (state === 'challenge') {
    await poll(() => new URL(page.url()).pathname, (p) => p === '/login/second-factor', { timeout: 20_000, message: 'the login\'s second step' });
    if (!FACTORS.get(email)?.secret) throw new Error(`${email} has a second factor this run did not enrol (no authenticator key known)`);
    await answerWithCode(page, email);
    await leave(page, '/login/second-factor', 'the login\'s second step');
  } else if (state === 'enrol') {
    await poll(() => new URL(page.url()).pathname, (p) => p === '/account/security/enrol', { timeout: 20_000, message: 'the enrolment of a second factor' });
    await enrolAuthenticatorApp(page, email);
  }
}
