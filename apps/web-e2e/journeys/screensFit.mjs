/* global document, window, getComputedStyle, URL */
// h. The organisation's screens fit their box: the demo CSO (in Albanian, whose words run longest) opens
//    every screen it works with — home, calls, its applications, each section of its draft, an outcome letter,
//    notifications, settings, the organisation profile, members and documents — at 1366 px (a laptop) and at
//    360 px (a phone). On each (all are held to it), the page needs
//    no sideways scrolling (document.documentElement.scrollWidth <= innerWidth) and no table is wider than
//    the box it sits in (a table in a scroll container that hides its last columns fails too). Every figure
//    is logged; each screen that does not fit is a defect with a screenshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectUrl, expectVisible } from '../lib/expect.mjs';
import { writeTinyPdf } from '../lib/files.mjs';
import { texts } from '../lib/i18n.mjs';
import { settle } from '../lib/journey.mjs';
import { ApplicationEditorPage } from '../pages/application.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { CallsPage } from '../pages/calls.mjs';
import { DocumentsPage } from '../pages/documents.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'screens-fit';

const CSO = { email: 'cso@demo.grants.test', password: 'demo-applicant-2026' };
const OPEN_CALL = 'MF-C3-2026-01';
const WIDTHS = [
  { width: 1366, height: 900, label: '1366' },
  { width: 360, height: 740, label: '360' },
];
const SECTIONS = ['project', 'logframe', 'workplan', 'budget', 'capacity', 'attachments', 'declarations'];

/**
 * What overflows on the page as laid out now: the page's own sideways overflow, every visible table wider than
 * its box (the nearest ancestor that clips or scrolls, else the viewport), and for diagnosis the first elements
 * that reach past the right edge of the viewport.
 */
function measure() {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const describe = (el) => {
    const cls = typeof el.className === 'string' ? el.className.split(/\s+/).filter(Boolean).slice(0, 2).join('.') : '';
    const label = el.getAttribute('aria-label') || el.id || '';
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${label ? `[${label.slice(0, 40)}]` : ''}`;
  };
  const boxOf = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible') return p;
    }
    return null;
  };
  const doc = document.documentElement;
  const tables = [...document.querySelectorAll('table')].filter(visible).map((t) => {
    const box = boxOf(t);
    const tr = t.getBoundingClientRect();
    const boxWidth = box ? box.clientWidth : window.innerWidth;
    const boxLeft = box ? box.getBoundingClientRect().left + box.clientLeft : 0;
    return {
      table: describe(t),
      width: Math.round(tr.width),
      box: Math.round(boxWidth),
      over: Math.round(Math.max(tr.width - boxWidth, tr.right - (boxLeft + boxWidth))),
    };
  });
  // elements that reach past the right edge of the viewport, not inside a box that scrolls or clips them
  // (a fixed header does not widen the page, but what it pushes off screen cannot be reached)
  const past = [...document.querySelectorAll('main *, header *, nav *')]
    .filter((el) => visible(el) && el.getBoundingClientRect().right > window.innerWidth + 1 && !boxOf(el))
    .slice(0, 6)
    .map((el) => `${describe(el)} right=${Math.round(el.getBoundingClientRect().right)}`);
  return { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, tables, past };
}

export async function run(j, { runId }) {
  const en = texts('en');
  const sq = texts('sq');
  const page = await j.newPage();

  j.step('the demo CSO logs in (its own language is Albanian)');
  const login = new LoginPage(page, en);
  await login.goto();
  await login.login(CSO.email, CSO.password);
  await expectUrl(page, '/home', 'the CSO home page');
  await new AppShell(page, sq).chooseLanguage('sq');
  await expectVisible(page.getByRole('link', { name: sq('nav.calls') }).first(), `the navigation link "${sq('nav.calls')}"`);

  j.step(`find the draft on ${OPEN_CALL}`);
  await page.goto('/applications');
  const link = page.getByRole('main').getByRole('link', { name: OPEN_CALL, exact: true });
  await expectVisible(link, `the application on ${OPEN_CALL} in the list`);
  await link.click();
  await expectUrl(page, /^\/applications\/[^/]+$/, 'the application editor');
  const applicationPath = new URL(page.url()).pathname;
  // the demo CSO's awarded application on the earlier call has its outcome letter
  await page.goto('/applications');
  const letter = page.getByRole('main').getByRole('link', { name: sq('outcome.link'), exact: true }).first();
  await expectVisible(letter, `the link "${sq('outcome.link')}"`);
  await letter.click();
  await expectUrl(page, /^\/applications\/[^/]+\/outcome$/, 'the outcome letter');
  const outcomePath = new URL(page.url()).pathname;
  await page.goto('/calls');
  const calls = new CallsPage(page, sq);
  await calls.expectLoaded();
  await expectVisible(calls.card(OPEN_CALL), `the card of ${OPEN_CALL}`);
  await calls.openCall(OPEN_CALL);
  await expectUrl(page, /^\/calls\/[^/]+$/, 'the call page');
  const callPath = new URL(page.url()).pathname;

  j.step('put a document on file, so the documents table has a row to measure');
  const docs = new DocumentsPage(page, sq);
  await docs.goto();
  const dir = mkdtempSync(join(tmpdir(), 'grants-e2e-fit-'));
  try {
    const fileName = `statuti-i-organizates-me-nje-emer-te-gjate-${runId}.pdf`;
    writeTinyPdf(join(dir, fileName), 'Statute (e2e test document)');
    await docs.upload('statute', join(dir, fileName), fileName);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const screens = [
    { name: 'home', path: '/home' },
    { name: 'calls', path: '/calls' },
    { name: 'call', path: callPath },
    { name: 'my-applications', path: '/applications' },
    ...SECTIONS.map((section) => ({ name: `application-${section}`, path: applicationPath, section })),
    // on a phone the outcome letter's scores and the settings' notification choices read as cards
    { name: 'outcome-letter', path: outcomePath },
    { name: 'notifications', path: '/notifications' },
    { name: 'settings', path: '/settings' },
    { name: 'organization', path: '/organization' },
    { name: 'organization-members', path: '/organization/members' },
    { name: 'organization-documents', path: '/organization/documents' },
  ];

  const figures = [];
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const screen of screens) {
      const label = `${screen.name}@${size.label}`;
      j.step(`${label}: open and measure`);
      await page.goto(screen.path);
      await settle(page);
      if (screen.section) {
        const editor = new ApplicationEditorPage(page, sq);
        await editor.expectLoaded();
        await editor.openTab(screen.section);
        await settle(page);
      }
      await expectVisible(page.getByRole('main'), `the main content of ${label}`);
      const m = await page.evaluate(measure);
      const wide = m.tables.filter((t) => t.over > 1);
      figures.push({ label, ...m });
      j.log(
        `${label}: scrollWidth ${m.scrollWidth} / innerWidth ${m.innerWidth}; tables ${m.tables.map((t) => `${t.table} ${t.width}/${t.box}`).join(', ') || 'none'}`,
      );
      const axe = size.label === '360' && ['application-budget', 'application-logframe', 'application-capacity', 'my-applications', 'organization-documents', 'outcome-letter', 'notifications', 'settings'].includes(screen.name);
      await j.visit(page, label, { axe });
      await j.soft(
        `${label}: no sideways scrolling`,
        async () => {
          if (m.scrollWidth > m.innerWidth)
            throw new Error(`scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}; past the edge: ${m.past.join(', ')}`);
        },
        page,
      );
      await j.soft(
        `${label}: nothing is pushed past the right edge`,
        async () => {
          if (m.past.length) throw new Error(`past the edge: ${m.past.join(', ')}`);
        },
        page,
      );
      await j.soft(
        `${label}: every table fits its box`,
        async () => {
          if (wide.length)
            throw new Error(wide.map((t) => `${t.table} is ${t.width} px in a ${t.box} px box (${t.over} px hidden)`).join('; '));
        },
        page,
      );
    }
  }
  const worst = figures.reduce((a, f) => Math.max(a, f.scrollWidth - f.innerWidth), 0);
  j.log(`${figures.length} screen states measured; the widest overflow is ${worst} px`);
}
