/* global document, process */
// p. The auditor's dossier (issue 13), on the demo grants: the officer (in English) opens a grant, requests its dossier
//    on the grant page, sees the worker's progress until it is ready, downloads the ZIP, unzips it and runs the
//    included verify.mjs with Node alone: it says VERIFIED and prints the very SHA-256 of the manifest the page shows.
//    Flipping one byte of one file makes it fail, naming that file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { assert, expectHidden, expectVisible } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { GrantPage } from '../pages/grants.mjs';
import { logInToHome as logIn, visitFromTop as visit } from '../pages/homeSession.mjs';

export const name = 'auditor-dossier';

const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const DESKTOP = { width: 1366, height: 900 };
const exec = promisify(execFile);

/** `node verify.mjs` in the folder; its output and exit code. */
async function verify(dir) {
  try {
    const { stdout } = await exec(process.execPath, ['verify.mjs'], { cwd: dir });
    return { code: 0, out: stdout };
  } catch (e) {
    return { code: e.code, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const filesUnder = (root, dir = root) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(root, join(dir, n)) : [relative(root, join(dir, n))]));

export async function run(j) {
  const en = texts('en');
  const officer = await j.newPage({ acceptDownloads: true });
  await officer.setViewportSize(DESKTOP);

  j.step('the officer opens a demo grant');
  await logIn(j, officer, OFFICER, 'en', 'officer-home');
  await officer.goto('/grants');
  const first = officer.getByRole('main').getByRole('table').locator('a[href^="/grants/"]').filter({ hasText: /G-\d+/ }).first();
  await expectVisible(first, 'a grant in the list');
  await first.click();
  const grant = new GrantPage(officer, en);
  await grant.expectLoaded();

  j.step('requests the auditor’s dossier and follows its progress until it is ready');
  const card = officer.getByRole('region', { name: exactly(en('dossier.title')) });
  await card.scrollIntoViewIfNeeded();
  await expectVisible(card, 'the dossier card');
  await expectVisible(card.getByText(en('dossier.paymentOrders')), 'what the auditor gets of a payment order (an extract of this grant only)');
  const request = card.getByRole('button', { name: new RegExp(`^(${en('dossier.request')}|${en('dossier.requestNew')})$`) });
  await request.click();
  const ready = card.getByTestId('dossier-ready');
  await expectVisible(ready, 'the dossier ready (built by the worker)', 60_000);
  await expectHidden(card.getByRole('progressbar'), 'no progress bar once ready');
  const shown = (await card.getByTestId('dossier-manifest-sha256').innerText()).trim();
  assert(/^[0-9a-f]{64}$/.test(shown), `the manifest's SHA-256 shown: ${shown}`);
  await expectVisible(card.getByText('node verify.mjs'), 'how to verify');
  const overflow = await officer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await j.soft('the grant page with the dossier fits 1366 px', () => assert(overflow <= 1, `scrolls sideways by ${overflow} px`), officer);
  await visit(j, officer, 'officer-grant-dossier-ready');

  j.step('downloads it, unzips it and runs node verify.mjs: VERIFIED, with the SHA-256 the page shows');
  const [download] = await Promise.all([officer.waitForEvent('download', { timeout: 30_000 }), ready.getByRole('link', { name: exactly(en('dossier.download')) }).click()]);
  assert(/\.zip$/.test(download.suggestedFilename()), `the dossier's file name ends in .zip: ${download.suggestedFilename()}`);
  const dir = mkdtempSync(join(tmpdir(), 'e2e-dossier-'));
  try {
    await exec('unzip', ['-q', await download.path(), '-d', dir]);
    const files = filesUnder(dir);
    for (const f of ['manifest.json', 'verify.mjs', 'README.txt', 'audit/extract.json', 'index.json']) assert(files.includes(f), `the dossier holds ${f}`);
    const orders = files.filter((f) => f.startsWith('05-tranches/payment-orders/'));
    assert(orders.every((f) => /-extract\.(xml|json)$/.test(f)), `payment orders only as extracts of this grant: ${orders.join(', ')}`);
    assert(readFileSync(join(dir, 'README.txt'), 'utf8').includes('-extract.xml'), 'the README says what the auditor gets of a payment order');
    const ok = await verify(dir);
    assert(ok.code === 0 && ok.out.includes('VERIFIED: nothing was changed'), `verify.mjs passes the dossier: ${ok.out.slice(-400)}`);
    assert(ok.out.includes(`SHA-256 of manifest.json: ${shown}`), 'verify.mjs prints the SHA-256 the page shows');

    j.step('one byte of one file flipped: verify.mjs fails and names it');
    const victim = files.find((f) => f.startsWith('03-agreement/') || f.startsWith('01-application/')) ?? 'index.json';
    const bytes = readFileSync(join(dir, victim));
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(join(dir, victim), bytes);
    const bad = await verify(dir);
    assert(bad.code === 1 && bad.out.includes(`CHANGED  ${victim}`), `verify.mjs names ${victim}: ${bad.out.slice(-400)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
