#!/usr/bin/env node
/* global process, console, fetch, setTimeout, document, window, localStorage, URL */
// Browser check: the narrative reports' screens (issue 12) at 1366 px and, for the organisation's and the monitor's,
// at 360 px ("screens fit 1366 px without sideways scrolling; the organisation's form works at 360 px").
//
//   node apps/web-e2e/reports-layout.mjs          (from the repo root; no database, no build needed)
//
// Starts the web app's Vite dev server on a free port, answers every /api request in the browser from the
// fixtures below (the shapes of the reports API's response DTOs, libs/api-client/src/schema.d.ts: a grant's
// logframe with long texts, a returned report with the Secretariat's comments, a submitted one with "<5" cells),
// opens each screen in English, Albanian and Serbian in Debian's Chromium (CHROMIUM_PATH, default
// /usr/bin/chromium), measures the page (document scrollWidth against the window) and every table, saves a
// screenshot in test-artifacts/reports-layout/, runs axe (WCAG 2.1 A/AA), and exits 1 when anything is wider than its
// room or axe finds a serious or critical violation.
// LAYOUT_WIDTHS=360 (or 1366,360), LAYOUT_PAGES=report-form and LAYOUT_LANGS=sq run a subset.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { freePort } from './lib/stack.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const OUT = join(ROOT, 'test-artifacts', 'reports-layout');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const HEIGHT = 900;
const require = createRequire(import.meta.url);
const { emptyNarrativeReportContent, logframeItems, permissionsFor, suppressBeneficiaryTable } = require(join(ROOT, 'libs', 'domain'));

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const LOGFRAME = {
  overallObjective: 'Victims and presumed victims of trafficking rebuild their lives in safety',
  specificObjectives: [{
    text: 'Rehabilitation and long-term reintegration services in the Prishtina and Prizren regions',
    results: [
      {
        text: 'Women and girls accommodated in the shelter receive individual and group psychological counselling throughout their stay',
        indicators: [
          { name: 'Number of women and girls receiving at least eight counselling sessions', level: 'output', unit: 'women', baseline: '0', target: '40', meansOfVerification: 'Session register signed by the psychologist, anonymised', frequency: 'monthly' },
          { name: 'Share of residents reporting lower distress after three months (validated scale)', level: 'outcome', unit: '%', baseline: '20', target: '70', meansOfVerification: 'Anonymised scale results', frequency: 'quarterly' },
        ],
        activities: [{ code: 'A1.1', text: 'Weekly individual counselling sessions by a licensed psychologist' }, { code: 'A1.2', text: 'Monthly group sessions and art therapy workshops' }],
      },
      {
        text: 'Young survivors find and keep employment or start a small business',
        indicators: [{ name: 'Young people employed for at least six months', level: 'outcome', unit: 'people', baseline: '0', target: '20', meansOfVerification: 'Employment contracts (copies kept by the organisation)', frequency: 'quarterly' }],
        activities: [{ code: 'A2.1', text: 'Vocational training in cooking, hairdressing and tailoring with certified trainers' }],
      },
    ],
  }],
};

function reportLogframe(lf) {
  const out = { results: [], indicators: [], activities: [] };
  let resultKey = '';
  for (const item of logframeItems(lf)) {
    if (item.kind === 'result') { resultKey = item.key; out.results.push({ key: item.key, text: item.text }); }
    else if (item.kind === 'indicator') out.indicators.push({ key: item.key, resultKey, ...item.indicator, baseline: String(item.indicator.baseline), target: String(item.indicator.target) });
    else if (item.kind === 'activity') out.activities.push({ key: item.key, resultKey, text: item.text });
  }
  return out;
}
const LF = reportLogframe(LOGFRAME);
const TEXT = 'Counselling sessions ran every week in the shelter; the group workshops moved to the community centre in June because the shelter’s common room was renovated. Attendance stayed high.';
const table = { total: 37, bySex: { female: 33, male: 3, other: 1 }, byAge: { '0-17': 6, '18-24': 14, '25-59': 16, '60+': 1 }, byIntake: { new: 21, continuing: 16 }, byService: { psychological_support: 20, shelter: 9, legal_aid: 4, vocational_training: 4 }, byMunicipality: { prishtina: 22, prizren: 11, 'fushe-kosova': 4 } };
const CONTENT = {
  ...emptyNarrativeReportContent(LOGFRAME),
  general: { summary: TEXT },
  results: Object.fromEntries(LF.results.map((r) => [r.key, { summary: TEXT }])),
  activities: Object.fromEntries(LF.activities.map((a, i) => [a.key, { done: TEXT, status: (i % 4) + 1, deviations: i === 1 ? 'Moved to June' : '' }])),
  indicators: Object.fromEntries(LF.indicators.map((ind, i) => [ind.key, { periodValue: String(5 + i), cumulativeValue: String(12 + i * 3), comment: 'Register checked by the monitor', evidenceFileIds: [] }])),
  beneficiaries: table,
  challenges: TEXT, lessons: TEXT, nextPlan: TEXT,
};
const progress = (key, i) => ({ indicatorKey: key, baseline: 0, target: 40000, periodValue: 5000, cumulativeValue: 12000, direction: 'increase', progressBp: 3000 + i * 1000, achieved: false, elapsedBp: 5200, gapBp: -2200, behind: i === 0 });
const NONE = { edit: false, submit: false, review: false, comment: false, requestExtension: false, decideExtension: false };
const base = {
  id: 'r1', grantId: 'g1', agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Qendra për Mbrojtjen e Viktimave dhe Parandalimin e Trafikimit me Njerëz', kind: 'interim', seq: 2,
  periodStart: '2026-09-01', periodEnd: '2027-02-28', dueDate: '2027-04-15', scheduledDueDate: '2027-03-30', status: 'returned', overdue: false, escalated: false,
  submittedVersion: 1, submittedAt: '2027-03-20T09:00:00Z', version: 7, grantStartDate: '2026-03-01', grantEndDate: '2027-08-31', contentVersion: null,
  content: CONTENT, beneficiaries: suppressBeneficiaryTable(table), logframe: LF, indicatorProgress: LF.indicators.map((i, n) => progress(i.key, n)),
  completeness: { complete: true, problems: [] }, expenditureReport: { id: 'e1', seq: 2, status: 'accepted', spentCents: 2_345_678_90, acceptedCents: 2_300_000_00 },
  comments: [
    { id: 'c1', version: 1, kind: 'review', authorName: 'Blerta Hoxha-Krasniqi', authorRole: 'secretariat', section: 'general', indicatorId: null, text: 'Say which municipalities the new residents came from, and why the workshops moved.', createdAt: '2027-03-25T09:00:00Z' },
    { id: 'c2', version: 1, kind: 'review', authorName: 'Blerta Hoxha-Krasniqi', authorRole: 'secretariat', section: 'indicators', indicatorId: LF.indicators[0].key, text: 'Attach the anonymised session register for the period.', createdAt: '2027-03-25T09:00:00Z' },
    { id: 'c3', version: 1, kind: 'comment', authorName: 'Arben Krasniqi', authorRole: 'monitor', section: 'beneficiaries', indicatorId: null, text: 'Counts match what I saw at the visit on 12 March.', createdAt: '2027-03-26T09:00:00Z' },
  ],
  versions: [{ version: 1, sha256: 'ab'.repeat(32), submittedAt: '2027-03-20T09:00:00Z', submittedBy: 'Arta Berisha' }, { version: 2, sha256: 'cd'.repeat(32), submittedAt: '2027-04-01T09:00:00Z', submittedBy: 'Arta Berisha' }],
  extensionRequests: [{ id: 'x1', requestedDueDate: '2027-04-15', reason: 'Our psychologist was on sick leave for three weeks in March.', status: 'granted', requestedByName: 'Arta Berisha', requestedAt: '2027-03-10T09:00:00Z', decidedByName: 'Blerta Hoxha', decidedAt: '2027-03-11T09:00:00Z', decisionNote: 'Granted once.' }],
};
const REPORTS = {
  owner: { ...base, can: { ...NONE, edit: true, submit: true, requestExtension: false, comment: true } },
  secretariat: { ...base, status: 'submitted', content: { ...CONTENT, beneficiaries: suppressBeneficiaryTable(table) }, contentVersion: 2, can: { ...NONE, review: true, comment: true, decideExtension: true } },
  observer: { ...base, status: 'accepted', content: { ...CONTENT, beneficiaries: suppressBeneficiaryTable(table) }, contentVersion: 2, can: NONE },
  monitor: { ...base, status: 'submitted', content: { ...CONTENT, beneficiaries: suppressBeneficiaryTable(table) }, contentVersion: 2, can: { ...NONE, comment: true } },
};
const summary = (id, over) => ({ id, grantId: 'g1', agreementNumber: base.agreementNumber, organizationName: base.organizationName, kind: 'interim', seq: 1, periodStart: '2026-03-01', periodEnd: '2026-08-31', dueDate: '2026-09-30', scheduledDueDate: '2026-09-30', status: 'draft', overdue: false, escalated: false, submittedVersion: 0, submittedAt: null, version: 1, ...over });
const LIST = { items: [summary('r1', { status: 'returned', seq: 2, submittedVersion: 1, submittedAt: '2027-03-20T09:00:00Z' }), summary('r2', { overdue: true, escalated: true }), summary('r3', { kind: 'final', dueDate: '2027-10-30', scheduledDueDate: '2027-10-30' }), summary('r4', { status: 'accepted', submittedVersion: 2, submittedAt: '2026-09-20T09:00:00Z' })], total: 4 };

const me = (role, lang) => ({
  id: 'u1', email: 'arta@example.org', fullName: 'Arta Berisha', role: role === 'owner' ? 'applicant' : role, language: lang, script: 'latin',
  organizationId: role === 'owner' ? 'o1' : null, orgRole: role === 'owner' ? 'owner' : null, emailVerified: true,
  permissions: permissionsFor({ role: role === 'owner' ? 'applicant' : role, orgRole: role === 'owner' ? 'owner' : null }),
});

function answer(role, lang, path) {
  const [p] = path.split('?');
  if (p === '/api/reports') return LIST;
  const routes = {
    '/api/auth/me': me(role, lang),
    '/api/auth/csrf': { csrfToken: 't' },
    '/api/notifications': { items: [], unreadCount: 0, total: 0 },
    '/api/dev/mailbox': { enabled: false, items: [] },
    '/api/reports/r1': REPORTS[role],
    '/api/reports/r1/compare': { from: 1, to: 2, changes: [{ field: 'general.summary', section: 'general', before: TEXT, after: `${TEXT} More.` }, { field: 'beneficiaries.bySex.male', section: 'beneficiaries', before: { shown: '<5', reason: 'small_count' }, after: 5 }] },
  };
  return routes[p];
}

const PAGES = [
  { name: 'reports-list', role: 'owner', path: '/reports', ready: '[data-testid="reports-list"]', phone: true },
  { name: 'report-form', role: 'owner', path: '/reports/r1', ready: '[data-testid="beneficiary-form"]', phone: true, expand: 'button:has-text("38")' },
  { name: 'report-review', role: 'secretariat', path: '/reports/r1', ready: '[data-testid="review-actions"]', compare: true },
  { name: 'report-monitor', role: 'monitor', path: '/reports/r1', ready: '[data-testid="beneficiary-view"]', phone: true },
  { name: 'report-observer', role: 'observer', path: '/reports/r1', ready: '[data-testid="beneficiary-view"]' },
  { name: 'reports-review-list', role: 'secretariat', path: '/reports', ready: '[data-testid="reports-list"]' },
];

const only = (v) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const LANGS = only(process.env.LAYOUT_LANGS).length ? only(process.env.LAYOUT_LANGS) : ['en', 'sq', 'sr'];
const WIDTHS = only(process.env.LAYOUT_WIDTHS).length ? only(process.env.LAYOUT_WIDTHS).map(Number) : [1366, 360];
if (only(process.env.LAYOUT_PAGES).length) PAGES.splice(0, PAGES.length, ...PAGES.filter((p) => only(process.env.LAYOUT_PAGES).includes(p.name)));

// ---------------------------------------------------------------------------------------------------------

async function startVite(port) {
  const vite = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: join(ROOT, 'apps', 'web'), stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, API_PROXY_TARGET: 'http://127.0.0.1:9' },
  });
  let out = '';
  vite.stdout.on('data', (d) => (out += d));
  vite.stderr.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (vite.exitCode !== null) throw new Error(`vite exited: ${out}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return { vite, base: url };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vite did not start: ${out}`);
}

/** In the page: the document's width, and every table wider than its scroll box or reaching past the main column. */
function measure() {
  const main = document.querySelector('main') ?? document.body;
  const style = window.getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const boxOf = (t) => {
    for (let el = t.parentElement; el && el !== main; el = el.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(window.getComputedStyle(el).overflowX)) return el;
    }
    return main;
  };
  const tables = [...document.querySelectorAll('table')].filter((t) => t.getClientRects().length > 0).map((t) => {
    const box = boxOf(t);
    const r = t.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return { label: t.getAttribute('aria-label') || t.getAttribute('data-testid') || 'table', width: Math.round(r.width), boxWidth: Math.round(box.clientWidth), boxScroll: Math.round(Math.max(box.scrollWidth, r.right - b.left)), pastMain: Math.round(r.right - right) };
  });
  // anything (not only tables) whose right edge is past the window
  const past = [...document.querySelectorAll('main *')].filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} → ${Math.round(el.getBoundingClientRect().right)}`);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, tables, past };
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { vite, base: url } = await startVite(await freePort());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const problems = [];
  let checked = 0;
  try {
    for (const width of WIDTHS) {
      for (const lang of LANGS) {
        for (const pg of PAGES) {
          if (width < 1000 && !pg.phone) continue;
          const context = await browser.newContext({ viewport: { width, height: HEIGHT }, locale: lang === 'en' ? 'en-GB' : lang });
          await context.addInitScript((l) => localStorage.setItem('grants.language', l), lang);
          await context.route((u) => u.pathname.startsWith('/api/'), (route) => {
            const u = new URL(route.request().url());
            const method = route.request().method();
            const body = method === 'GET' ? answer(pg.role, lang, u.pathname + u.search) : undefined;
            return body === undefined
              ? route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'not_found', details: [] }) })
              : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
          });
          const page = await context.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${url}${pg.path}`, { waitUntil: 'domcontentloaded' });
          const name = `${width}-${lang}-${pg.name}`;
          try {
            await page.waitForSelector(pg.ready, { timeout: 90_000 });
          } catch (e) {
            await page.screenshot({ path: join(OUT, `${name}-FAILED.png`), fullPage: true });
            throw new Error(`${name}: ${pg.ready} did not appear (${errors.join('; ') || 'no error in the page'})`, { cause: e });
          }
          if (pg.expand) await page.locator(pg.expand).first().click().catch(() => {});
          if (pg.compare) await page.getByTestId('versions').getByRole('button').last().click().catch(() => {});
          await page.waitForTimeout(500);
          const m = await page.evaluate(measure);
          await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
          // what a reader sees first, and the part most likely to be too wide on a phone
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: join(OUT, `${name}-top.png`) });
          if (await page.locator(pg.ready).count()) {
            await page.locator(pg.ready).first().scrollIntoViewIfNeeded();
            await page.screenshot({ path: join(OUT, `${name}-ready.png`) });
          }
          const wide = m.tables.filter((t) => t.boxScroll > t.boxWidth + 1 || t.pastMain > 1);
          const pageWide = m.scrollWidth > m.innerWidth;
          console.log(`${pageWide || wide.length ? 'WIDE' : 'ok  '}  ${name.padEnd(34)} page ${m.scrollWidth}/${m.innerWidth} px; tables ${m.tables.map((t) => `${t.width}/${t.boxWidth}`).join(' ') || '-'}${errors.length ? `; errors: ${errors.join('; ')}` : ''}`);
          for (const t of wide) console.log(`        table "${t.label}" ${t.width} px wide, its box ${t.boxWidth} px (scrolls to ${t.boxScroll}), ${t.pastMain} px past the main column`);
          if (pageWide) for (const p of m.past) console.log(`        past the window: ${p}`);
          if (pageWide || wide.length) problems.push(name);
          // axe (WCAG 2.1 A/AA + best practice), as the journeys run it: a serious or critical violation is a problem
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
          if (process.env.LAYOUT_AXE_VERBOSE) console.log(`        axe: ${axe.passes.length} rules passed, ${axe.violations.length} violated`);
          for (const v of axe.violations) {
            const blocking = v.impact === 'serious' || v.impact === 'critical';
            console.log(`        axe ${blocking ? 'VIOLATION' : 'note'} [${v.impact}] ${v.id} — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
            if (blocking) problems.push(`${name} axe ${v.id}`);
          }
          checked += 1;
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    try {
      process.kill(-vite.pid);
    } catch {
      /* already gone */
    }
  }
  console.log(`\nscreenshots: ${OUT.replace(`${ROOT}/`, '')}/`);
  console.log(`reports layout: ${checked - problems.length} ok, ${problems.length} too wide${problems.length ? ` (${problems.join(', ')})` : ''}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
