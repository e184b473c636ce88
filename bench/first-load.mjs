#!/usr/bin/env node
/**
 * First load of the public home page: how much JavaScript a new visitor's browser fetches before the page shows,
 * compressed as it travels (gzip level 6 as the API's compression middleware sends it, and brotli at quality 11 as a
 * precompressed file would be), next to the raw bytes. Issue 9's target: at most 250 KB compressed.
 *
 *   npm run bench:first-load                     builds the web app into test-artifacts/first-load-dist and measures it
 *   node bench/first-load.mjs --dist apps/web/dist   measures an existing build (no build)
 *   ... --browser                                also opens the home page in Chromium (/usr/bin/chromium, playwright-core)
 *                                                over a static server of the build, API answers stubbed, lists the
 *                                                scripts it really fetched, in English and Albanian, and opens
 *                                                /register to check the estimator loads there (and only there)
 *
 * What counts, from the build's own records (dist/.vite/manifest.json, which vite.config writes):
 *   - index.html's entry script and every chunk it imports statically (what <link rel="modulepreload"> lists),
 *   - for each module the home route loads on demand (its layout, its page, the visitor's language), the chunk
 *     it was built into and that chunk's static imports, again transitively.
 * Each of those modules is checked to be in a counted chunk (by the chunks' source maps), so a renamed page cannot
 * silently drop out of the figure. Heavy modules (the password estimator's dictionaries, charts, spreadsheets) are
 * checked NOT to be in the first load. Sizes are of the files, so the figure is the same on every machine.
 * Results: test-artifacts/first-load.json.
 */
/* global process, console, URL, document */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FIRST_LOAD_LIMIT_BYTES = 250 * 1000;
/** The web app's own build (npm run build, nx build), which build-size.test.ts measures when it exists. */
export const WEB_DIST = join(ROOT, 'apps', 'web', 'dist');
/** Whether a folder holds a build this script can measure (index.html and the manifest). */
export const distBuilt = (dist) => existsSync(join(dist, 'index.html')) && existsSync(join(dist, '.vite', 'manifest.json'));

/**
 * The modules the public home page ('/', PublicLayout + PublicHomePage) needs on a first visit in English (the
 * detected language of a visitor without a stored choice); the other languages are measured as alternatives.
 */
export const HOME_ROUTE_MODULES = ['src/ui/layout/PublicLayout.tsx', 'src/features/home/pages/PublicHomePage.tsx'];
/** The core part of each language file (apps/web/src/i18n/parts.ts): the signed-in pages' part comes later. */
export const LOCALE_MODULES = { en: 'src/i18n/en.json?part=core', sq: 'src/i18n/sq.json?part=core', sr: 'src/i18n/sr.json?part=core' };
/** What must never be in the first load (the password estimator's dictionaries alone are ~900 KB gzipped). */
export const HEAVY_MODULES = ['@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en', '@zxcvbn-ts/core'];

const gzip = (b) => gzipSync(b, { level: 6 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;

/** The script and modulepreload files index.html names (what the browser fetches before any code runs). */
export function htmlScripts(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g)) out.push(m[1]);
  return out.map((p) => p.replace(/^\//, ''));
}

/** Sources (node_modules paths and app paths, normalised) bundled into a chunk, from its source map. */
function chunkSources(dist, file) {
  const mapFile = join(dist, `${file}.map`);
  if (!existsSync(mapFile)) return [];
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  return (map.sources ?? []).map((s) => s.replace(/\\/g, '/'));
}

/**
 * Measures the first load of the home route in a built dist folder. Returns the chunks counted with their sizes,
 * the totals for each language, and the problems found (a route module in no counted chunk, a heavy module inside).
 */
export function measureFirstLoad(dist, { routeModules = HOME_ROUTE_MODULES, locales = LOCALE_MODULES, language = 'en' } = {}) {
  const manifestFile = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build with build.manifest (vite.config) or --manifest`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const byFile = new Map(Object.entries(manifest).map(([key, c]) => [c.file, { key, ...c }]));
  const problems = [];

  /** A chunk and its static imports, transitively (dynamic imports are not fetched until asked for). */
  const closure = (keys, into = new Set()) => {
    const stack = [...keys];
    while (stack.length) {
      const key = stack.pop();
      const c = manifest[key];
      if (!c || into.has(c.file)) continue;
      into.add(c.file);
      stack.push(...(c.imports ?? []));
    }
    return into;
  };
  const entryKeys = Object.entries(manifest).filter(([, c]) => c.isEntry).map(([k]) => k);
  const files = closure(entryKeys);
  for (const f of htmlScripts(html)) files.add(f);
  /** A module in its own chunk (lazy) adds that chunk; one bundled into a counted chunk adds nothing. */
  const need = (module, set) => {
    if (manifest[module]) closure([module], set);
    else if (module.endsWith('.json')) problems.push(`${module} is not a chunk of its own: it is bundled with the code instead of loaded on demand`);
    else if (![...set].some((f) => chunkSources(dist, f).some((s) => s.endsWith(module.replace(/^src\//, 'src/')))))
      problems.push(`${module} is in no chunk of the first load (renamed? then update HOME_ROUTE_MODULES)`);
  };
  for (const m of routeModules) need(m, files);

  const sizes = new Map();
  const size = (f) => {
    if (!sizes.has(f)) {
      const b = readFileSync(join(dist, f));
      sizes.set(f, { file: f, raw: b.length, gzip: gzip(b), brotli: brotli(b) });
    }
    return sizes.get(f);
  };
  const sum = (set) => [...set].filter((f) => f.endsWith('.js')).map(size).reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

  const perLanguage = {};
  for (const [lng, module] of Object.entries(locales)) {
    const set = new Set(files);
    if (lng !== language) need(module, set);
    else closure([module], set);
    perLanguage[lng] = { ...sum(set), chunks: set.size };
  }
  const counted = new Set(files);
  need(locales[language], counted);
  for (const f of counted) {
    const inside = chunkSources(dist, f).filter((s) => HEAVY_MODULES.some((h) => s.includes(`node_modules/${h}/`)));
    if (inside.length) problems.push(`${f} (first load) holds ${[...new Set(inside.map((s) => s.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')))].join(', ')}`);
  }
  const chunks = [...counted].filter((f) => f.endsWith('.js')).map(size).sort((a, b) => b.gzip - a.gzip)
    .map((s) => ({ ...s, module: byFile.get(s.file)?.key ?? '(index.html)' }));
  const css = [...counted].flatMap((f) => byFile.get(f)?.css ?? []).filter((v, i, a) => a.indexOf(v) === i).map(size);
  const worst = Object.values(perLanguage).reduce((a, b) => (b.gzip > a.gzip ? b : a));
  return { language, total: sum(counted), perLanguage, worst, chunks, css, problems, limitBytes: FIRST_LOAD_LIMIT_BYTES };
}

const kb = (n) => (n / 1000).toFixed(1);

export function printFirstLoad(r, out = console.log) {
  out(`First load of the public home page (${r.language}): ${r.chunks.length} JavaScript files`);
  out(`  ${'file'.padEnd(44)} ${'module'.padEnd(44)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ${'br KB'.padStart(8)}`);
  for (const c of r.chunks) out(`  ${c.file.padEnd(44)} ${c.module.slice(0, 44).padEnd(44)} ${kb(c.raw).padStart(8)} ${kb(c.gzip).padStart(8)} ${kb(c.brotli).padStart(8)}`);
  out(`  ${'total'.padEnd(89)} ${kb(r.total.raw).padStart(8)} ${kb(r.total.gzip).padStart(8)} ${kb(r.total.brotli).padStart(8)}`);
  for (const [lng, t] of Object.entries(r.perLanguage)) out(`  in ${lng}: ${kb(t.raw)} KB raw, ${kb(t.gzip)} KB gzip, ${kb(t.brotli)} KB brotli (${t.chunks} files)`);
  if (r.css.length) out(`  CSS (not counted): ${r.css.map((c) => `${c.file} ${kb(c.gzip)} KB gzip`).join(', ')}`);
  out(`target: at most ${kb(r.limitBytes)} KB of JavaScript compressed (gzip, the larger; every language): ${r.worst.gzip <= r.limitBytes ? 'MET' : 'NOT MET'} (${kb(r.worst.gzip)} KB)`);
  for (const p of r.problems) out(`PROBLEM: ${p}`);
}

/**
 * What Chromium fetches for the home page (and then /register) of a build served as files, the API stubbed
 * (no session, no calls): every script, with the same compressed sizes. The manifest figure should match it.
 */
async function browserCheck(dist) {
  const { chromium } = createRequire(import.meta.url)('playwright-core');
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/api/')) {
      const me = url.pathname === '/api/auth/me';
      res.writeHead(me ? 401 : 200, { 'content-type': 'application/json' });
      return res.end(me ? '{"statusCode":401,"code":"unauthenticated","message":"no session"}' : url.pathname.includes('csrf') ? '{"csrfToken":"x"}' : '[]');
    }
    let file = join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.html') ? 'text/html' : file.endsWith('.svg') ? 'image/svg+xml' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const out = {};
  try {
    for (const [label, locale, path, waitFor] of [['home (en)', 'en-GB', '/', 'h1'], ['home (sq)', 'sq-AL', '/', 'h1'], ['register (en)', 'en-GB', '/register', 'input[type=password]']]) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const scripts = [];
      page.on('response', (r) => { if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname.replace(/^\//, '')); });
      await page.goto(base + path, { waitUntil: 'networkidle' });
      await page.waitForSelector(waitFor, { timeout: 15_000 });
      const heading = (await page.locator('h1').first().textContent().catch(() => '')) ?? '';
      let estimator;
      if (path === '/register') {
        // the estimator works in the built bundle: a guessable password fails "hard to guess", a long odd one passes
        const en = JSON.parse(readFileSync(join(ROOT, 'apps/web/src/i18n/en.json'), 'utf8'));
        const rule = page.getByRole('list', { name: en.auth.passwordRules }).first().getByRole('listitem').filter({ hasText: en.passwordRules.too_weak });
        const field = page.locator('input[type=password]').first();
        await field.fill('password1234');
        const weak = (await rule.textContent()) ?? '';
        await field.fill('quartz-lantern-velvet-97-orbit');
        const strong = (await rule.textContent()) ?? '';
        estimator = { weakRefused: weak.includes(en.auth.ruleNotMet), strongAccepted: strong.includes(en.auth.ruleMet) && !strong.includes(en.auth.ruleNotMet) };
      }
      const sizes = scripts.map((f) => { const b = readFileSync(join(dist, f)); return { file: f, raw: b.length, gzip: gzip(b), brotli: brotli(b) }; });
      out[label] = { heading: heading.trim(), lang: await page.evaluate(() => document.documentElement.lang), estimator, scripts: sizes, gzip: sizes.reduce((t, x) => t + x.gzip, 0), brotli: sizes.reduce((t, x) => t + x.brotli, 0) };
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const i = args.indexOf('--dist');
  let dist;
  if (i >= 0) dist = resolve(args[i + 1]);
  else {
    dist = join(ROOT, 'test-artifacts', 'first-load-dist');
    console.log(`building the web app into ${dist} ...`);
    const b = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], { cwd: join(ROOT, 'apps', 'web'), stdio: 'inherit' });
    if (b.status !== 0) throw new Error(`vite build failed (${b.status})`);
  }
  const r = measureFirstLoad(dist);
  console.log('');
  printFirstLoad(r);
  let browser;
  let browserOk = true;
  if (args.includes('--browser')) {
    browser = await browserCheck(dist);
    console.log('\nIn Chromium (static server of the build, API stubbed):');
    for (const [label, b] of Object.entries(browser)) {
      console.log(`  ${label}: "${b.heading}" (lang ${b.lang}), ${b.scripts.length} scripts, ${kb(b.gzip)} KB gzip, ${kb(b.brotli)} KB brotli: ${b.scripts.map((x) => x.file.replace('assets/', '')).join(' ')}`);
    }
    const home = browser['home (en)'];
    const heavyAtHome = Object.entries(browser).filter(([l]) => l.startsWith('home')).some(([, b]) => b.scripts.some((x) => x.file.includes('zxcvbn')));
    const heavyAtRegister = browser['register (en)'].scripts.some((x) => x.file.includes('zxcvbn'));
    const est = browser['register (en)'].estimator;
    console.log(`  on /register the estimator ${est.weakRefused ? 'refuses' : 'does NOT refuse'} "password1234" and ${est.strongAccepted ? 'accepts' : 'does NOT accept'} a long unusual one`);
    browserOk = home.gzip <= r.limitBytes && !heavyAtHome && heavyAtRegister && est.weakRefused && est.strongAccepted;
    console.log(`  the home page fetched ${kb(home.gzip)} KB gzip (manifest figure ${kb(r.total.gzip)} KB); the estimator's chunk: ${heavyAtHome ? 'fetched at home (WRONG)' : 'not fetched at home'}, ${heavyAtRegister ? 'fetched on /register' : 'NOT fetched on /register (WRONG)'}`);
  }
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'test-artifacts', 'first-load.json'), JSON.stringify({ at: new Date().toISOString(), dist, ...r, browser }, null, 2));
  return r.problems.length === 0 && r.worst.gzip <= r.limitBytes && browserOk;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((ok) => process.exit(ok ? 0 : 1), (e) => { console.error(e); process.exit(2); });
}
