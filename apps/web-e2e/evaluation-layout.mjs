#!/usr/bin/env node
/* global process, console, fetch, setTimeout, document, window, localStorage, URL */
// Browser check: the evaluation and ranking screens at 1366 × 900 (issue 9 point 5: "every screen works at
// 1366 px without sideways scrolling"; the ranking table was 1501 px in 1074).
//
//   node apps/web-e2e/evaluation-layout.mjs          (from the repo root; no database, no build needed)
//
// Starts the web app's Vite dev server on a free port, answers every /api request in the browser from the
// fixtures below (a call with the EU five-section grid, eight applications with long names and amounts in the
// hundreds of thousands, a decision, an evaluator's assignment with its snapshot), and opens each screen in
// English, Albanian and Serbian in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). On each it
// measures the page (document scrollWidth against the window) and every table (its scroll box and its right
// edge against the main column), prints the figures, saves a screenshot in
// test-artifacts/evaluation-layout/, and exits 1 when anything is wider than its room.
// LAYOUT_WIDTH=1280 (or any width) checks another window width; LAYOUT_PAGES=ranking,evaluation-admin and
// LAYOUT_LANGS=sq run a subset.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort } from './lib/stack.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
// not under artifacts/: run.mjs empties that folder when a journey run starts
const OUT = join(ROOT, 'test-artifacts', 'evaluation-layout');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WIDTH = Number(process.env.LAYOUT_WIDTH || 1366);
const HEIGHT = 900;
const require = createRequire(import.meta.url);
const { demoEuGrid, permissionsFor, sheetTotals } = require(join(ROOT, 'libs', 'domain'));

// ---------------------------------------------------------------------------------------------------------
// Fixtures (the shapes of the API's response DTOs, libs/api-client/src/schema.d.ts)

const GRID = demoEuGrid();
const TITLE = { en: 'Reintegration services for victims of trafficking 2026', sq: 'Shërbime riintegrimi për viktimat e trafikimit 2026', sr: 'Usluge reintegracije za žrtve trgovine ljudima 2026' };
const CALL_REF = 'MF-C3-2026-00';
const ORGS = [
  'Qendra për Mbrojtjen e Viktimave dhe Parandalimin e Trafikimit me Njerëz',
  'Udruženje za podršku žrtvama trgovine ljudima „Novi početak“',
  'Rrjeti i Grave të Kosovës',
  'Centar za zaštitu i pomoć žrtvama nasilja u porodici',
  'Shoqata Shpresa dhe Ardhmëria',
  'OJQ Drita',
  'Fondacioni për Zhvillimin e Komunitetit Rural',
  'Udruženje Most',
];
const sectionIds = GRID.sections.map((s) => s.id);
const points = (total) => {
  const sections = Object.fromEntries(sectionIds.map((id, i) => [id, Math.round(((total / sectionIds.length) + (i % 2 ? 1.5 : -1.5)) * 2) / 2]));
  return { sections, total: Object.values(sections).reduce((a, b) => a + b, 0) };
};
const row = (i, over) => ({
  applicationId: `a${i}`, reference: `${CALL_REF}-${String(i).padStart(3, '0')}`, organizationName: ORGS[i - 1], rank: i, points: points(90 - i * 4),
  requestedCents: 14_995_050 + i * 1_000_000, awardedCents: 0, adjustment: null, outcome: 'rejected', reason: 'not_within_envelope', failures: [],
  reservePlace: null, tieBrokenBy: null, sheets: 2, required: 2, ...over,
});
const ROWS = [
  row(1, { outcome: 'awarded', reason: null, awardedCents: 15_995_050 }),
  row(2, { outcome: 'awarded', reason: null, awardedCents: 12_000_000, adjustment: { amountCents: 12_000_000, reason: 'Staff costs above the market rate for the region' }, tieBrokenBy: 'section' }),
  row(3, { outcome: 'awarded', reason: null, awardedCents: 17_995_050, tieBrokenBy: 'submission' }),
  row(4, { outcome: 'reserve', reason: null, reservePlace: 1 }),
  row(5, { outcome: 'reserve', reason: null, reservePlace: 2, tieBrokenBy: 'reference' }),
  row(6, { outcome: 'rejected', reason: 'not_within_envelope' }),
  row(7, { rank: null, outcome: 'rejected', reason: 'below_threshold', points: points(40), failures: [
    { scope: 'section', sectionId: 'relevance', thresholdPoints: 15, points: 8.5 }, { scope: 'total', sectionId: null, thresholdPoints: 50, points: 40 },
  ] }),
  row(8, { rank: null, outcome: 'pending', reason: null, points: null, sheets: 1, required: 3 }),
];
const awarded = ROWS.filter((r) => r.outcome === 'awarded').reduce((s, r) => s + r.awardedCents, 0);
const RULES = { evaluatorsPerApplication: 2, divergenceThresholdPoints: 15, consolidationRule: 'two_closest', tieBreakSectionId: 'relevance', reserveListSize: 5 };
const ranking = (decided) => ({
  call: { id: 'c1', reference: CALL_REF, title: TITLE, status: decided ? 'decided' : 'in_evaluation', grid: GRID, rules: RULES },
  ranking: { envelopeCents: 50_000_000, rows: decided ? ROWS.slice(0, 7) : ROWS, awardedCents: awarded, remainingCents: 50_000_000 - awarded, pending: decided ? 0 : 1, sha256: 'ab'.repeat(32), callEnvelopeCents: 50_000_000, changes: [] },
  decision: decided
    ? {
        id: 'd1', seq: 1, kind: 'decision', committeeMembers: ['Ana Berisha, chair', 'Jovan Jovanović, member', 'Drita Krasniqi, member'], decidedOn: '2026-06-02',
        envelopeCents: 50_000_000, sha256: 'c0ffee'.repeat(10) + 'beef', recordedAt: '2026-06-02T12:30:00Z', anchor: { seq: 1041, hash: 'e3'.repeat(32) },
        snapshot: { envelopeCents: 50_000_000, committeeMembers: [], decidedOn: '2026-06-02', ranking: ROWS.slice(0, 7), awardedCents: awarded, remainingCents: 50_000_000 - awarded, rules: { ...RULES, grid: GRID } },
      }
    : null,
  awards: decided
    ? ROWS.filter((r) => r.outcome === 'awarded').map((r, i) => ({
        id: `w${i}`, applicationId: r.applicationId, reference: r.reference, organizationName: r.organizationName, amountCents: r.awardedCents, requestedCents: r.requestedCents,
        adjustmentReason: r.adjustment?.reason ?? null, status: ['awarded', 'offered', 'declined'][i], declinedAt: i === 2 ? '2026-06-10T09:00:00Z' : null,
        declineReason: i === 2 ? 'The board of the organisation withdrew the project' : null, answeredAt: null,
      }))
    : [],
});

const EVALUATORS = [
  ['e1', 'Drita Gashi-Krasniqi', 'drita.gashi-krasniqi@evaluators.example.org'],
  ['e2', 'Marko Petrović', 'marko.petrovic@evaluators.example.org'],
  ['e3', 'Besa Krasniqi', 'besa.krasniqi@evaluators.example.org'],
  ['e4', 'Aleksandra Jovanović-Milosavljević', 'aleksandra.jovanovic@evaluators.example.org'],
];
const STATUSES = ['submitted', 'accepted', 'assigned', 'conflict'];
const ORIGINS = ['automatic', 'manual', 'replacement', 'divergence'];
const OVERVIEW = {
  call: { id: 'c1', reference: CALL_REF, title: TITLE, status: 'in_evaluation', version: 4 },
  rules: { ...RULES, evaluationDueAt: '2026-05-20T15:00:00Z', envelopeCents: 50_000_000 },
  pool: EVALUATORS.map(([userId, fullName, email], i) => ({
    userId, fullName, email, language: ['sq', 'sr', 'en', 'sr'][i], addedAt: '2026-04-01T08:00:00Z', declarationSignedAt: i === 1 ? null : '2026-04-02T08:00:00Z',
    assigned: 6 + i, submitted: 3, conflicts: i % 2, overdue: i === 3 ? 2 : 0,
  })),
  available: [{ userId: 'e5', fullName: 'Arbnor Hoxha', email: 'arbnor@example.org' }],
  applications: ROWS.slice(0, 6).map((r, i) => ({
    id: r.applicationId, reference: r.reference, organizationName: r.organizationName, status: i === 5 ? 'admissible' : 'in_evaluation', required: i === 1 ? 3 : 2,
    assignments: EVALUATORS.slice(0, i === 1 ? 3 : 2).map(([evaluatorId, evaluatorName], j) => ({
      id: `s${i}${j}`, applicationId: r.applicationId, evaluatorId, evaluatorName, status: STATUSES[(i + j) % 4], origin: ORIGINS[(i + j) % 4],
      dueAt: '2026-05-20T15:00:00Z', total: STATUSES[(i + j) % 4] === 'submitted' ? 78.5 : null, submittedAt: null,
      conflictReason: STATUSES[(i + j) % 4] === 'conflict' ? 'I sat on the board of this organisation until 2025 and still advise it.' : null, hasScores: j === 0,
    })),
  })),
};
const CALL = { id: 'c1', reference: CALL_REF, status: 'in_evaluation', title: TITLE, serverNow: '2026-04-15T10:00:00Z', definition: { grid: GRID } };

const scores = Object.fromEntries(GRID.sections.flatMap((s) => s.criteria.map((c) => [c.id, Math.max(0, c.maxPoints - 1)])));
const comments = Object.fromEntries(GRID.sections.map((s) => [s.id, 'Solid, with a clear plan; the staffing of the second year is thin and the budget for travel is high.']));
const line = (heading, description, quantity, unitCostCents) => ({ heading, description, unit: 'month', quantity, unitCostCents, totalCents: quantity * unitCostCents });
const LINES = [
  line('human_resources', 'Project coordinator (full time, 24 months)', 24, 120_000),
  line('human_resources', 'Social workers (two, part time)', 48, 80_000),
  line('travel', 'Travel to municipalities for outreach and follow-up visits', 30, 15_000),
  line('equipment_supplies', 'Furniture and equipment for the shelter rooms', 1, 850_000),
  line('services', 'Psychological counselling by licensed therapists', 120, 6_000),
];
const direct = LINES.reduce((s, l) => s + l.totalCents, 0);
const SUBMISSION = {
  reference: `${CALL_REF}-003`, sha256: 'a'.repeat(64), submittedAt: '2026-03-31T14:00:00Z',
  snapshot: {
    reference: `${CALL_REF}-003`, call: CALL_REF, submittedAt: '2026-03-31T14:00:00Z', contentSha256: 'c'.repeat(64),
    organization: { legalName: ORGS[2], acronym: 'RGK', registrationNumber: '5100123456', licenceNumber: 'SS-001', licenceExpiry: '2027-12-31', licence: null, municipality: 'prishtina', website: 'https://example.org', description: null },
    content: {
      project: { title: 'Safe homes and a new start for survivors of trafficking', summary: 'Shelter, counselling and reintegration into work for forty women.', durationMonths: 24, startDate: '2026-07-01', municipalities: ['prishtina', 'prizren'], targetGroups: ['women survivors'], beneficiariesByGroup: [{ group: 'women survivors', count: 40 }] },
      logframe: {
        overallObjective: 'Survivors of trafficking rebuild their lives in safety',
        specificObjectives: [{ text: 'Safe accommodation and counselling for 40 women', results: [{ text: 'Forty women housed', indicators: [{ name: 'Women housed', level: 'output', unit: 'women', baseline: 0, target: 40, meansOfVerification: 'Shelter register', frequency: 'quarterly' }], activities: [{ code: 'A1.1', text: 'Run the shelter' }, { code: 'A1.2', text: 'Counselling sessions' }] }] }],
      },
      workplan: [{ activityCode: 'A1.1', months: Array.from({ length: 24 }, (_, i) => i + 1) }, { activityCode: 'A1.2', months: [1, 2, 3, 4, 5, 6, 13, 14, 15] }],
      budget: { lines: LINES.map(({ totalCents: _t, ...l }) => l), coFinancingCents: 500_000, indirectCostBp: 700 },
      capacity: { experienceWithVoT: 'Ten years of running a shelter', staff: 'Two social workers, one lawyer', licenceNumber: 'SS-001' },
      attachments: [],
      declarations: { truthful: true, noDoubleFunding: true, dataProtection: true },
    },
    budget: {
      lines: LINES, headings: [], directCents: direct, indirectCostBp: 700, indirectCents: Math.floor((direct * 700) / 10_000), totalCents: direct + Math.floor((direct * 700) / 10_000),
      coFinancingCents: 500_000, requestedCents: direct + Math.floor((direct * 700) / 10_000) - 500_000, coFinancingBp: 500,
    },
    attachments: [
      { requirementId: 'statute', fileName: 'statute-of-the-organisation-signed-2024.pdf', size: 204_800, sha256: 'b'.repeat(64), fileId: 'f1' },
      { requirementId: 'cv', fileName: 'cv-project-coordinator.pdf', size: 102_400, sha256: 'd'.repeat(64), fileId: null },
    ],
  },
};
const assignment = (id, status) => ({
  id, status, dueAt: '2026-05-20T22:00:00Z', version: 3, conflictReason: null, submittedAt: status === 'submitted' ? '2026-05-10T09:00:00Z' : null,
  call: { id: 'c1', reference: CALL_REF, title: TITLE, grid: GRID, status: 'in_evaluation' },
  application: { id: 'a3', reference: `${CALL_REF}-003`, organizationName: ORGS[2], submittedAt: '2026-03-31T14:00:00Z', requestedCents: SUBMISSION.snapshot.budget.requestedCents },
  submission: SUBMISSION,
  sheet: { scores, comments, totals: sheetTotals(GRID, scores) },
  others: status === 'submitted' ? [{ label: 'A', scores, comments, total: sheetTotals(GRID, scores).total }, { label: 'B', scores, comments, total: sheetTotals(GRID, scores).total }] : [],
});
const MY_ASSIGNMENTS = {
  call: { id: 'c1', reference: CALL_REF, title: TITLE, status: 'in_evaluation' },
  items: ROWS.slice(0, 6).map((r, i) => ({ id: `as${i}`, status: STATUSES[i % 4], dueAt: '2026-05-20T22:00:00Z', total: i % 4 === 0 ? 78.5 : null, submittedAt: null, reference: r.reference, organizationName: r.organizationName, projectTitle: i % 4 === 3 ? null : 'Safe homes and a new start for survivors of trafficking' })),
};

const me = (role, lang) => ({
  id: 'u1', email: 'officer@example.org', fullName: role === 'evaluator' ? 'Drita Gashi-Krasniqi' : 'Arta Berisha', role, language: lang, script: 'latin',
  organizationId: null, orgRole: null, emailVerified: true, permissions: permissionsFor({ role, orgRole: null }),
});

function answer(role, lang, path) {
  const [p] = path.split('?');
  const routes = {
    '/api/auth/me': me(role === 'decided' ? 'secretariat' : role, lang),
    '/api/auth/csrf': { csrfToken: 't' },
    '/api/notifications': { items: [], unreadCount: 0, total: 0 },
    '/api/dev/mailbox': { enabled: false, items: [] },
    '/api/calls/c1': CALL,
    '/api/calls/c1/evaluation': OVERVIEW,
    '/api/calls/c1/ranking': ranking(role === 'decided'),
    '/api/evaluations': { items: [{ id: 'c1', reference: CALL_REF, status: 'in_evaluation', title: TITLE, declarationSignedAt: '2026-04-02T08:00:00Z', assigned: 6, submitted: 2, nextDueAt: '2026-05-20T22:00:00Z' }] },
    '/api/evaluations/c1/declaration': { call: { id: 'c1', reference: CALL_REF, title: TITLE }, text: TITLE, signedAt: '2026-04-02T08:00:00Z', signedLanguage: lang },
    '/api/evaluations/c1/assignments': MY_ASSIGNMENTS,
    '/api/assignments/as1': assignment('as1', 'accepted'),
    '/api/assignments/as2': assignment('as2', 'submitted'),
  };
  return routes[p];
}

const PAGES = [
  { name: 'ranking', role: 'secretariat', path: '/calls/c1/ranking', ready: 'table' },
  { name: 'ranking-decided', role: 'decided', path: '/calls/c1/ranking', ready: '[data-testid="decision-record"]' },
  { name: 'evaluation-admin', role: 'secretariat', path: '/calls/c1/evaluation', ready: '[data-testid="pool-e1"]' },
  { name: 'evaluations', role: 'evaluator', path: '/evaluations', ready: 'table' },
  { name: 'evaluation-call', role: 'evaluator', path: '/evaluations/c1', ready: 'table' },
  { name: 'assignment-scoring', role: 'evaluator', path: '/evaluations/assignments/as1', ready: '[data-testid="scoring-sheet"]', tabs: '[data-testid="snapshot-view"] [role="tab"]' },
  { name: 'assignment-submitted', role: 'evaluator', path: '/evaluations/assignments/as2', ready: '[data-testid="sheet-review"]' },
];

const only = (v) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const LANGS = only(process.env.LAYOUT_LANGS).length ? only(process.env.LAYOUT_LANGS) : ['en', 'sq', 'sr'];
if (only(process.env.LAYOUT_PAGES).length) PAGES.splice(0, PAGES.length, ...PAGES.filter((p) => only(process.env.LAYOUT_PAGES).includes(p.name)));

// ---------------------------------------------------------------------------------------------------------

async function startVite(port) {
  const vite = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: join(ROOT, 'apps', 'web'), stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, API_PROXY_TARGET: 'http://127.0.0.1:9' },
  });
  let out = '';
  vite.stdout.on('data', (d) => (out += d));
  vite.stderr.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (vite.exitCode !== null) throw new Error(`vite exited: ${out}`);
    const ok = await fetch(base).then((r) => r.ok, () => false);
    if (ok) return { vite, base };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vite did not start: ${out}`);
}

/** In the page: the document's width, and every table that is wider than its scroll box or reaches past the main column. */
function measure() {
  const main = document.querySelector('main') ?? document.body;
  const style = window.getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const contentWidth = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  // a table's box: the nearest ancestor that clips or scrolls sideways (a table scroll container), else main
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
    return {
      label: t.getAttribute('aria-label') || t.getAttribute('aria-labelledby') || t.querySelector('th')?.textContent?.slice(0, 30) || 'table',
      width: Math.round(r.width), boxWidth: Math.round(box.clientWidth), boxScroll: Math.round(Math.max(box.scrollWidth, r.right - b.left)), pastMain: Math.round(r.right - right),
    };
  });
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, mainWidth: Math.round(contentWidth), tables };
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { vite, base } = await startVite(await freePort());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const problems = [];
  let checked = 0;
  try {
    for (const lang of LANGS) {
      for (const pg of PAGES) {
        const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, locale: lang === 'en' ? 'en-GB' : lang });
        await context.addInitScript((l) => localStorage.setItem('grants.language', l), lang);
        // only the API: the dev server's own modules live under /src/api/ too
        await context.route((u) => u.pathname.startsWith('/api/'), (route) => {
          const url = new URL(route.request().url());
          const body = answer(pg.role, lang, url.pathname + url.search);
          return body === undefined
            ? route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'not_found', details: [] }) })
            : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
        });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
        await page.goto(`${base}${pg.path}`, { waitUntil: 'domcontentloaded' });
        try {
          await page.waitForSelector(pg.ready, { timeout: 90_000 });
        } catch (e) {
          await page.screenshot({ path: join(OUT, `${lang}-${pg.name}-FAILED.png`), fullPage: true });
          throw new Error(`${lang}/${pg.name}: ${pg.ready} did not appear (${errors.join('; ') || 'no error in the page'})`, { cause: e });
        }
        await page.waitForTimeout(400);
        // every tab of the application's snapshot: its budget and work plan are the widest tables
        const tabs = pg.tabs ? await page.locator(pg.tabs).count() : 1;
        for (let tab = 0; tab < tabs; tab += 1) {
          const name = pg.tabs ? `${pg.name}-tab${tab + 1}` : pg.name;
          if (pg.tabs) {
            await page.locator(pg.tabs).nth(tab).click();
            await page.waitForTimeout(300);
          }
          const m = await page.evaluate(measure);
          await page.screenshot({ path: join(OUT, `${lang}-${name}.png`), fullPage: true });
          const wide = m.tables.filter((t) => t.boxScroll > t.boxWidth + 1 || t.pastMain > 1);
          const pageWide = m.scrollWidth > m.innerWidth;
          console.log(
            `${pageWide || wide.length ? 'WIDE' : 'ok  '}  ${lang} ${name.padEnd(24)} page ${m.scrollWidth}/${m.innerWidth} px, main ${m.mainWidth} px; tables ${m.tables.map((t) => `${t.width}/${t.boxWidth}`).join(' ') || '-'}`,
          );
          for (const t of wide) console.log(`        table "${t.label}" ${t.width} px wide, its box ${t.boxWidth} px (scrolls to ${t.boxScroll}), ${t.pastMain} px past the main column`);
          if (pageWide || wide.length) problems.push(`${lang}/${name}`);
          checked += 1;
        }
        await context.close();
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
  console.log(`evaluation layout at ${WIDTH} px: ${checked - problems.length} ok, ${problems.length} too wide${problems.length ? ` (${problems.join(', ')})` : ''}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
