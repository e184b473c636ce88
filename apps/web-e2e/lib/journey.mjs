/* global URL, setTimeout, clearTimeout, document, getComputedStyle */
// One journey = one test: its own browser contexts, numbered screenshots in
// artifacts/<journey>/, axe checks of the main pages, and a bounded run time.
import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const BLOCKING = new Set(['serious', 'critical']);
const RECENT_EVENTS = 40;

export class Journey {
  constructor(name, { browser, baseUrl, artifactsDir, log }) {
    this.name = name;
    this.browser = browser;
    this.baseUrl = baseUrl;
    this.dir = join(artifactsDir, name);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.log = (msg) => log(`[${name}] ${msg}`);
    this.contexts = [];
    this.shotNo = 0;
    this.lastShot = null;
    this.axeFindings = []; // { page, id, impact, help, nodes }
    this.axeChecked = [];
    this.consoleErrors = [];
    // the last page events (navigations, API answers, console errors), printed when the journey fails: on CI they
    // are all there is besides the screenshot
    this.recent = [];
    this.started = Date.now();
    this.steps = [];
    this.defects = []; // soft checks that failed: the journey goes on, but fails at the end
  }

  /**
   * A check whose failure is a defect to report but does not stop the journey (the later steps
   * still tell something). The journey is failed at the end with the defect listed.
   */
  async soft(description, check, page) {
    try {
      await check();
    } catch (e) {
      const shot = page ? await this.shot(page, 'DEFECT') : null;
      this.defects.push({
        step: this.steps.at(-1) ?? 'start',
        description,
        error: e.message.split('\n')[0],
        screenshot: shot,
      });
      this.log(`DEFECT: ${description}: ${e.message.split('\n')[0]}`);
    }
  }

  /** A fresh browser context (its own cookies and storage), English unless told otherwise. */
  async newPage({ locale = 'en-US', acceptDownloads = false } = {}) {
    const context = await this.browser.newContext({
      baseURL: this.baseUrl,
      locale,
      viewport: { width: 1280, height: 900 },
      acceptDownloads,
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(20_000);
    this.contexts.push(context);
    const page = await context.newPage();
    const pageNo = this.contexts.length;
    const note = (text) => {
      this.recent.push(`+${((Date.now() - this.started) / 1000).toFixed(1)}s p${pageNo} ${text}`);
      if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    };
    page.on('pageerror', (e) => {
      this.consoleErrors.push(`pageerror: ${e.message}`);
      note(`pageerror ${e.message.slice(0, 200)}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') {
        this.consoleErrors.push(`console: ${m.text().slice(0, 300)}`);
        note(`console ${m.text().slice(0, 200)}`);
      }
    });
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) note(`navigated ${pathOf(f.url())}`);
    });
    page.on('response', (r) => {
      const path = pathOf(r.url());
      if (path.startsWith('/api/')) note(`${r.request().method()} ${path.split('?')[0]} ${r.status()}`);
    });
    return page;
  }

  /** A soft check that the page does not scroll sideways (a defect with a screenshot if it does; the journey goes on). */
  async fits(page, what) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await this.soft(`${what} fits its width`, () => {
      if (overflow > 1) throw new Error(`${what} scrolls sideways by ${overflow} px`);
    }, page);
  }

  step(text) {
    this.steps.push(text);
    this.log(text);
  }

  /** Screenshot of the whole page as <nn>-<name>.png. */
  async shot(page, name) {
    this.shotNo += 1;
    const file = join(this.dir, `${String(this.shotNo).padStart(2, '0')}-${name}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 10_000, animations: 'disabled' });
      this.lastShot = file;
    } catch (e) {
      this.log(`screenshot ${name} failed: ${e.message.split('\n')[0]}`);
    }
    return file;
  }

  /** Screenshot, then axe: serious or critical violations are recorded and fail the journey. */
  async visit(page, name, { axe = true } = {}) {
    await settle(page);
    const file = await this.shot(page, name);
    if (!axe) return file;
    // a toast caught in its fade (opacity below 1) reads as low contrast: wait for every notification to be fully shown or gone
    await page.waitForFunction(() => [...document.querySelectorAll('.mantine-Notification-root')]
      .every((n) => { let e = n; while (e) { if (Number(getComputedStyle(e).opacity) < 1) return false; e = e.parentElement; } return true; }), null, { timeout: 5_000 }).catch(() => {});
    try {
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      this.axeChecked.push(name);
      for (const v of result.violations) {
        const entry = {
          page: name,
          url: new URL(page.url()).pathname,
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.slice(0, 5).map((n) => ({
            target: n.target.join(' '),
            html: (n.html ?? '').replace(/\s+/g, ' ').slice(0, 200),
            summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
          })),
          count: v.nodes.length,
          blocking: BLOCKING.has(v.impact),
        };
        this.axeFindings.push(entry);
        this.log(
          `axe ${entry.blocking ? 'VIOLATION' : 'note'} on ${name} (${entry.url}): [${v.impact}] ${v.id} — ${v.help} (${v.nodes.length} node(s): ${entry.nodes.map((n) => n.target).join(' | ')})`,
        );
      }
    } catch (e) {
      this.axeFindings.push({
        page: name,
        id: 'axe-error',
        impact: 'critical',
        help: `axe could not run: ${e.message.split('\n')[0]}`,
        nodes: [],
        count: 0,
        blocking: true,
      });
    }
    return file;
  }

  blockingAxe() {
    return this.axeFindings.filter((f) => f.blocking);
  }

  async close() {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => {})));
    this.contexts = [];
  }
}

/**
 * Waits until the page has loaded and no Mantine loader is on screen (bounded). Not "networkidle":
 * the notification bell polls, so the network is never quiet for long.
 */
export async function settle(page, timeout = 8000) {
  await page.waitForLoadState('load', { timeout }).catch(() => {});
  await page
    .locator('.mantine-Loader-root')
    .first()
    .waitFor({ state: 'hidden', timeout })
    .catch(() => {});
  // let Mantine's transitions (menus, notifications) finish
  await page.waitForTimeout(250);
}

/** Runs `fn(journey)` with a time limit; the result says passed/failed and why. */
export async function runJourney(name, deps, fn, { timeout = 150_000 } = {}) {
  const journey = new Journey(name, deps);
  const started = Date.now();
  let error = null;
  let timer;
  try {
    await Promise.race([
      fn(journey),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`journey timed out after ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
  }
  let pagesAt = '';
  if (error) {
    // where each page was when it failed (the screenshot shows what it looked like)
    pagesAt = journey.contexts.flatMap((ctx) => ctx.pages().map((p) => pathOf(p.url()))).join(', ');
    // the state of the page at the moment it failed
    for (const ctx of journey.contexts) {
      for (const p of ctx.pages()) await journey.shot(p, 'FAILED').catch(() => {});
    }
  }
  await journey.close();
  const blocking = journey.blockingAxe();
  const reasons = [];
  if (error) reasons.push(`${failureLine(error)} (after step: ${journey.steps.at(-1) ?? 'start'}${pagesAt ? `; at ${pagesAt}` : ''})`);
  for (const d of journey.defects) reasons.push(`${d.description}: ${d.error}`);
  if (blocking.length)
    reasons.push(
      `axe: ${blocking.length} serious/critical violation(s): ${[...new Set(blocking.map((f) => `${f.id} on ${f.page}`))].join(', ')}`,
    );
  return {
    name,
    status: reasons.length ? 'failed' : 'passed',
    durationMs: Date.now() - started,
    error: reasons.join('; ') || null,
    failedStep: error ? (journey.steps.at(-1) ?? null) : null,
    screenshot: error ? journey.lastShot : (journey.defects[0]?.screenshot ?? null),
    defects: journey.defects,
    screenshots: journey.dir,
    axeChecked: journey.axeChecked,
    axe: journey.axeFindings,
    consoleErrors: journey.consoleErrors.slice(0, 20),
    recent: error ? journey.recent : [],
  };
}

/**
 * The error's first line and, for a Playwright action that timed out, what it was waiting for (the first
 * "waiting for …" line of its call log), so a failure on CI names its locator without the artifacts.
 */
export function failureLine(error) {
  const lines = String(error?.message ?? error).split('\n');
  const waiting = lines.map((l) => l.trim()).find((l) => l.startsWith('- waiting for '));
  return waiting ? `${lines[0]} (${waiting.slice(2)})` : lines[0];
}

function pathOf(url) {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
