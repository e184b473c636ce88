#!/usr/bin/env node
/* global process, console, setTimeout, clearTimeout */
// Browser journeys against the built portal.
//
//   node apps/web-e2e/run.mjs            (from the repo root, after `npx nx run-many -t build`)
//
// Sets up a throw-away database (TEST_DATABASE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres),
// migrates and seeds it, starts an SMTP sink, the API (serving a snapshot of apps/web/dist) and the worker,
// drives Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through the journeys, checks the main
// pages with axe (serious/critical violations fail the journey), and tears everything down even on failure.
//
// Output: screenshots in apps/web-e2e/artifacts/<journey>/<nn>-<name>.png, api/worker logs in
// apps/web-e2e/artifacts/, test-artifacts/e2e.json {passed, failed, tests: [...]}, and a last line
// "e2e: N passed, M failed". Exit code 1 when anything failed.
//
// E2E_JOURNEYS=cso-registration,admin-audit runs only those journeys.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import * as actionPoints from './journeys/actionPoints.mjs';
import * as adminAudit from './journeys/adminAudit.mjs';
import * as adminInvitesEvaluator from './journeys/adminInvitesEvaluator.mjs';
import * as auditorDossier from './journeys/auditorDossier.mjs';
import * as callApplication from './journeys/call-application.mjs';
import * as callEditor from './journeys/call-editor.mjs';
import * as csoRegistration from './journeys/csoRegistration.mjs';
import * as evaluation from './journeys/evaluation.mjs';
import * as finalReportClosure from './journeys/finalReportClosure.mjs';
import * as grants from './journeys/grants.mjs';
import * as interimReport from './journeys/interimReport.mjs';
import * as monitoringOffline from './journeys/monitoringOffline.mjs';
import * as offlineShell from './journeys/offlineShell.mjs';
import * as portfolio from './journeys/portfolio.mjs';
import * as screensFit from './journeys/screensFit.mjs';
import * as secondFactor from './journeys/secondFactor.mjs';
import * as serbianCyrillic from './journeys/serbianCyrillic.mjs';
import { poll } from './lib/expect.mjs';
import { runJourney } from './lib/journey.mjs';
import { SmtpSink } from './lib/smtp-sink.mjs';
import { missingBuilds, Stack } from './lib/stack.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const ARTIFACTS = join(HERE, 'artifacts');
const RESULT_FILE = join(ROOT, 'test-artifacts', 'e2e.json');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TOTAL_BUDGET_MS = 40 * 60_000; // the whole run, set-up and tear-down included, stays under 40 minutes (17 journeys: about 10 on a quiet 2-core machine, 23 on a loaded one; a CI machine once ran 2.3 times slower than a quiet one)
const JOURNEY_TIMEOUT_MS = 330_000; // generous: on a busy 2-core machine the CSO journey takes up to 2 minutes and evaluation (four scoring sheets) up to 3

const ALL_JOURNEYS = [csoRegistration, adminInvitesEvaluator, adminAudit, serbianCyrillic, screensFit, callApplication, callEditor, evaluation, grants, monitoringOffline, actionPoints, interimReport, finalReportClosure, auditorDossier, portfolio, offlineShell, secondFactor];
const wanted = (process.env.E2E_JOURNEYS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const JOURNEYS = wanted.length ? ALL_JOURNEYS.filter((j) => wanted.includes(j.name)) : ALL_JOURNEYS;

const started = Date.now();
const log = (msg) => console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const run = promisify(execFile);

let stack = null;
let sink = null;
let browser = null;
let webDist = null;
let finished = false;
const results = [];

function writeResults(extra = {}) {
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  mkdirSync(dirname(RESULT_FILE), { recursive: true });
  writeFileSync(
    RESULT_FILE,
    `${JSON.stringify({ passed, failed, durationMs: Date.now() - started, tests: results, ...extra }, null, 2)}\n`,
  );
  return { passed, failed };
}

function failRemaining(reason) {
  for (const j of JOURNEYS) {
    if (!results.some((r) => r.name === j.name)) {
      results.push({ name: j.name, status: 'failed', durationMs: 0, error: reason, axe: [], axeChecked: [] });
    }
  }
}

async function teardown() {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  if (stack) await stack.stop();
  if (sink) await sink.stop().catch(() => {});
  if (webDist) rmSync(webDist, { recursive: true, force: true });
  webDist = null;
}

function report() {
  const { passed, failed } = writeResults();
  console.log('\n──────── browser journeys ────────');
  for (const r of results) {
    console.log(`${r.status === 'passed' ? 'PASS' : 'FAIL'}  ${r.name}  (${(r.durationMs / 1000).toFixed(1)} s)`);
    if (r.error) console.log(`      ${r.error}`);
    for (const d of r.defects ?? []) {
      console.log(
        `      defect at "${d.step}": ${d.description} — ${d.error}${d.screenshot ? ` (${d.screenshot.replace(`${ROOT}/`, '')})` : ''}`,
      );
    }
    if (r.screenshot) console.log(`      screenshot: ${r.screenshot.replace(`${ROOT}/`, '')}`);
    if (r.recent?.length) console.log(`      the last page events before it failed:\n${r.recent.map((e) => `        ${e}`).join('\n')}`);
  }
  const findings = results.flatMap((r) => (r.axe ?? []).map((f) => ({ ...f, journey: r.name })));
  const blocking = findings.filter((f) => f.blocking);
  const checked = results.flatMap((r) => (r.axeChecked ?? []).map((p) => `${r.name}/${p}`));
  console.log(
    `\naxe: ${checked.length} page state(s) checked, ${blocking.length} serious/critical violation(s), ${findings.length - blocking.length} minor/moderate`,
  );
  for (const f of findings) {
    console.log(
      `  ${f.blocking ? '✗' : '·'} [${f.impact}] ${f.id} on ${f.journey}/${f.page} (${f.url ?? ''}): ${f.help}`,
    );
    for (const n of f.nodes ?? [])
      console.log(`      ${n.target}${n.html ? `  ${n.html}` : ''}${n.summary ? `\n        ${n.summary}` : ''}`);
  }
  console.log(`\nartifacts: ${ARTIFACTS.replace(`${ROOT}/`, '')}/, results: ${RESULT_FILE.replace(`${ROOT}/`, '')}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed;
}

async function finish(code) {
  if (finished) return;
  finished = true;
  clearTimeout(watchdog);
  await teardown();
  const failed = report();
  process.exit(code ?? (failed > 0 ? 1 : 0));
}

// Never run past the budget: whatever is still going is failed and torn down.
const watchdog = setTimeout(() => {
  log(`the run exceeded ${TOTAL_BUDGET_MS / 1000} s: stopping`);
  failRemaining(`not finished: the whole run exceeded ${TOTAL_BUDGET_MS / 1000} s`);
  void finish(1);
}, TOTAL_BUDGET_MS);

// A Ctrl-C (or `timeout`) may deliver the signal more than once: tear down on the first, and only
// give up on the tear-down at the third.
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals += 1;
    if (signals === 1) {
      log(`${signal}: tearing down`);
      failRemaining(`interrupted by ${signal}`);
      void finish(1);
    } else if (signals >= 3) {
      stack?.killNow();
      process.exit(1);
    }
  });
}
process.on('exit', () => stack?.killNow());

async function ensureBuilt() {
  let missing = missingBuilds();
  if (missing.length === 0) return;
  // Someone else's build may be rewriting dist/ right now: give it a minute before building ourselves.
  log(`waiting for build output: ${missing.map((f) => f.replace(`${ROOT}/`, '')).join(', ')}`);
  await poll(
    () => missingBuilds().length,
    (n) => n === 0,
    { timeout: 60_000, interval: 2000 },
  ).catch(() => {});
  missing = missingBuilds();
  if (missing.length === 0) return;
  log(`missing build output (${missing.map((f) => f.replace(`${ROOT}/`, '')).join(', ')}): running nx build`);
  await run('npx', ['nx', 'run-many', '-t', 'build'], { cwd: ROOT, timeout: 5 * 60_000, maxBuffer: 64 << 20 }).catch(
    (e) => {
      throw new Error(`the build failed: ${e.message.split('\n')[0]}\n${(e.stdout ?? '').slice(-2000)}`);
    },
  );
  missing = missingBuilds();
  if (missing.length) throw new Error(`still missing after the build: ${missing.join(', ')}`);
}

/** A private copy of the built web app, so a rebuild running elsewhere cannot empty it mid-run. */
function snapshotWebDist() {
  const src = join(ROOT, 'apps', 'web', 'dist');
  const index = readFileSync(join(src, 'index.html'), 'utf8');
  const assets = [...index.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  const absent = assets.filter((a) => !existsSync(join(src, a)));
  if (absent.length)
    throw new Error(`apps/web/dist is incomplete (a build may be running): missing ${absent.join(', ')}`);
  const dest = mkdtempSync(join(tmpdir(), 'grants-e2e-web-'));
  cpSync(src, dest, { recursive: true });
  return dest;
}

async function main() {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const runId = randomBytes(3).toString('hex');
  try {
    if (!existsSync(CHROMIUM))
      throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    await ensureBuilt();
    webDist = await poll(snapshotWebDist, Boolean, {
      timeout: 60_000,
      interval: 2000,
      message: 'expected a complete apps/web/dist',
    });

    sink = new SmtpSink();
    const smtpPort = await sink.start();
    log(`SMTP sink on 127.0.0.1:${smtpPort}`);

    stack = new Stack({ smtpPort, logDir: ARTIFACTS, log, webDist });
    await stack.start();

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: 30_000,
      // our own signal handlers close the browser and then tear the portal down; Playwright's would exit at once
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    log(`browser ${browser.version()}`);
  } catch (e) {
    log(`set-up failed: ${e.stack ?? e.message}`);
    failRemaining(`set-up failed: ${e.message.split('\n')[0]}`);
    return finish(1);
  }

  const deps = { browser, baseUrl: stack.baseUrl, artifactsDir: ARTIFACTS, log };
  for (const journey of JOURNEYS) {
    log(`── ${journey.name}`);
    const result = await runJourney(journey.name, deps, (j) => journey.run(j, { sink, runId, databaseUrl: stack.databaseUrl }), {
      timeout: JOURNEY_TIMEOUT_MS,
    });
    if (finished) return; // interrupted or out of time: finish() has already counted this journey
    results.push(result);
    log(
      `── ${journey.name}: ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s${result.error ? ` — ${result.error}` : ''}`,
    );
  }
  return finish();
}

main().catch((e) => {
  log(`unexpected: ${e.stack ?? e.message}`);
  failRemaining(`runner error: ${e.message}`);
  void finish(1);
});
