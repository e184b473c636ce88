/* global window, document, navigator, Buffer, PopStateEvent, caches, URL */
// h. The monitor's visit report written offline on a phone (issue 11): the demo monitor (Luan Hoxha) opens a visit of
//    today and its report form at 360×740 while online (the service worker keeps the app and the visit), loses the
//    network, assesses every activity, rates the visit 3 with its reasons and corrective actions, writes the findings,
//    one function met, one count of beneficiaries, one action point, and takes a photo (a JPEG carrying GPS and
//    camera EXIF); the page says it is saved on the phone only; the page is reloaded still offline and everything
//    is there; back online it says "saved on the server", and the API has the report with exactly one photo, its
//    location and camera data gone.
import exifr from 'exifr';
import sharp from 'sharp';
import { assert, expectText, expectUrl, expectVisible, poll } from '../lib/expect.mjs';
import { exactly, texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { LoginPage } from '../pages/login.mjs';
import { settleInStoredLanguage } from '../pages/homeSession.mjs';

export const name = 'monitoring-offline';

const MONITOR = { email: 'monitor@demo.grants.test', password: 'demo-monitor-2026' };
const PHONE = { width: 360, height: 740 };
const TEXT = {
  purpose: 'E2E: the offline visit report at the shelter (no coverage).',
  ratingReasons: 'The vocational courses have not started and spending is far behind time.',
  correctiveActions: 'Revise the work plan with the Secretariat within four weeks; start the tailoring course.',
  findings: 'The shelter is staffed around the clock; case files are locked; no course runs yet.',
  person: 'Shelter coordinator',
  group: 'adult women',
  what: 'Send the revised timetable of the vocational courses.',
  caption: 'Kitchen of the shelter',
};

/** Today in Kosovo (YYYY-MM-DD), as the API judges dates. */
function todayInKosovo() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The API as the signed-in user of `page` (its cookies; the CSRF token for changes). */
function apiOf(page) {
  let token = null;
  return async (method, path, body) => {
    const headers = { accept: 'application/json' };
    if (method !== 'GET') {
      token ??= (await (await page.request.get('/api/auth/csrf')).json()).csrfToken;
      headers['x-csrf-token'] = token;
    }
    const res = await page.request.fetch(path, { method, headers, data: body });
    const type = res.headers()['content-type'] ?? '';
    const payload = type.includes('json') ? await res.json() : await res.body();
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${type.includes('json') ? JSON.stringify(payload).slice(0, 300) : ''}`);
    return payload;
  };
}

/** A small JPEG as a phone takes it: camera make and model, and where it was taken (Prishtina). */
async function phoneJpeg() {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 190, g: 140, b: 90 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'E2E Phone', Model: 'Journey 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 39/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 9/1 30/1' },
    })
    .toBuffer();
  const gps = await exifr.gps(buffer);
  assert(gps && Math.abs(gps.latitude - 42.65) < 0.01, 'the test photo carries GPS tags before it is uploaded');
  return buffer;
}

/**
 * Screenshot and axe from the top of the page: a full-page shot of a page scrolled down draws the sticky header and
 * the sticky "where it is saved" status across the middle.
 */
async function visitTop(j, page, shot, opts) {
  await page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
  await page.waitForTimeout(200);
  return j.visit(page, shot, opts);
}

/** Whether the page scrolls sideways (it must not at 360 px). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The visit to report on: one of today planned now through the API as the monitor, on a grant in force it follows. */
async function visitOfToday(api, today) {
  const grants = (await api('GET', '/api/grants?pageSize=100')).items ?? [];
  const inForce = grants.filter((g) => g.status === 'in_force' && g.startDate && g.endDate && g.startDate <= today && g.endDate >= today);
  for (const g of inForce) {
    try {
      return await api('POST', `/api/grants/${g.id}/visits`, { type: 'planned', date: today, purpose: TEXT.purpose });
    } catch {
      // a grant this monitor may not visit today: the next
    }
  }
  // none could be planned: a draft of today or before among the demo visits
  const visits = (await api('GET', `/api/visits?to=${today}&reportStatus=draft&pageSize=100`)).items ?? [];
  assert(visits.length > 0, 'a visit of today to report on (planned, or a demo draft)');
  return api('GET', `/api/visits/${visits.at(-1).id}`);
}

export async function run(j) {
  const en = texts('en');
  const page = await j.newPage();
  const context = page.context();
  const api = apiOf(page);
  const today = todayInKosovo();

  j.step('the demo monitor logs in and reads the portal in English');
  const login = new LoginPage(page, en);
  await login.goto();
  await login.login(MONITOR.email, MONITOR.password);
  await expectUrl(page, '/home', 'the monitor’s home page');
  await settleInStoredLanguage(page);
  await new AppShell(page, en).chooseLanguage('en');
  await expectVisible(page.getByRole('navigation').getByRole('link', { name: exactly(en('nav.home')) }), 'the navigation in English');

  j.step(`a visit of today (${today}) to report on`);
  const visit = await visitOfToday(api, today);
  const activities = visit.workPlan;
  assert(activities.length > 0, 'the visit’s grant has work plan activities to assess');
  j.log(`visit ${visit.id} (${visit.agreementNumber}, ${visit.date}), ${activities.length} activities`);

  j.step('on a 360 px phone, online, in the same session as the login (no reload): My visits, the visit, then its report form');
  // as a monitor does it: signed in, then through the app's own links (no page load after the login's, so only the
  // service worker's first install taking the page decides what it keeps — the walkthrough found a reload offline then
  // failed on who is signed in)
  const inApp = async (path) => page.evaluate((to) => { window.history.pushState({}, '', to); window.dispatchEvent(new PopStateEvent('popstate')); }, path);
  await page.setViewportSize(PHONE);
  await inApp('/visits');
  await expectVisible(page.getByRole('heading', { level: 1, name: en('monitoring.visits.titleMine') }), 'My visits');
  await expectVisible(page.getByTestId(`calendar-visit-${visit.id}`), 'the visit in this month’s calendar');
  await expectVisible(page.getByTestId('visits-upcoming').getByTestId(`visit-${visit.id}`), 'the visit among the upcoming ones (today)');
  await visitTop(j, page, 'visits-360');
  await j.soft('My visits does not scroll sideways at 360 px', async () => assert((await sideways(page)) <= 0, `the page is ${await sideways(page)} px too wide`), page);
  await inApp(`/visits/${visit.id}`);
  await inApp(`/visits/${visit.id}/report`);
  const heading = page.getByRole('heading', { level: 1, name: en('monitoring.report.title') });
  await expectVisible(heading, 'the visit report form');
  const status = page.getByTestId('sync-status');
  await expectText(status, en('monitoring.offline.onServer'), 'the report as the server has it');
  // the service worker took the page at its first install (clientsClaim) and the page read its data again through it
  const controlled = () => page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return !!navigator.serviceWorker.controller;
  });
  await poll(controlled, Boolean, { timeout: 30_000, message: 'the service worker in charge of the page, without a reload' });
  await page.waitForLoadState('networkidle').catch(() => {});
  await poll(() => page.evaluate(async () => {
    const c = await caches.open('grants-api-reads');
    const keys = (await c.keys()).map((r) => new URL(r.url).pathname);
    const me = await c.match('/api/auth/me');
    // the kept copy of who is signed in is the one after the language was chosen (a reload brings it back)
    const language = me ? (await me.json()).language : null;
    return language === 'en' && keys.some((k) => k.startsWith('/api/visits/'));
  }), Boolean, { timeout: 20_000, message: 'who is signed in (in English) and the visit kept by the service worker' });

  j.step('the network is gone: every activity assessed, rating 3 with reasons and corrective actions, findings');
  await context.setOffline(true);
  await expectText(status, en('monitoring.offline.offline'), 'the form says it is offline');
  for (const [i, a] of activities.entries()) {
    const card = page.getByTestId(`activity-${a.activityId}`);
    await card.getByTestId(`status-${(i % 4) + 1}`).click();
  }
  await page.getByRole('radio', { name: new RegExp(en('monitoring.rating.needs_revision')) }).check();
  await page.getByRole('textbox', { name: exactly(en('monitoring.fields.ratingReasons')) }).fill(TEXT.ratingReasons);
  await page.getByRole('textbox', { name: exactly(en('monitoring.fields.correctiveActions')) }).fill(TEXT.correctiveActions);
  await page.getByRole('textbox', { name: exactly(en('monitoring.fields.findings')) }).fill(TEXT.findings);

  j.step('one function met, one count of beneficiaries, one action point');
  const people = page.getByTestId('people-met');
  const peopleBefore = await people.getByRole('textbox', { name: exactly(en('monitoring.fields.personFunction')) }).count();
  await page.getByRole('button', { name: exactly(en('monitoring.report.addPerson')) }).click();
  await people.getByRole('textbox', { name: exactly(en('monitoring.fields.personFunction')) }).nth(peopleBefore).fill(TEXT.person);
  const groups = page.getByTestId('beneficiaries');
  const groupsBefore = await groups.getByRole('textbox', { name: exactly(en('monitoring.fields.beneficiaryGroup')) }).count();
  await page.getByRole('button', { name: exactly(en('monitoring.report.addGroup')) }).click();
  await groups.getByRole('textbox', { name: exactly(en('monitoring.fields.beneficiaryGroup')) }).nth(groupsBefore).fill(TEXT.group);
  await groups.getByRole('textbox', { name: exactly(en('monitoring.fields.beneficiaryCount')) }).nth(groupsBefore).fill('4');
  const pointsBefore = visit.report?.actionPoints?.length ?? 0;
  await page.getByRole('button', { name: exactly(en('monitoring.report.addActionPoint')) }).click();
  const point = page.getByTestId(`action-point-${pointsBefore}`);
  await point.getByRole('textbox', { name: exactly(en('monitoring.fields.what')) }).fill(TEXT.what);
  await point.getByText(en('monitoring.priority.high'), { exact: true }).click();

  j.step('a photo taken on the phone (with GPS and camera EXIF), captioned');
  await page.getByTestId('photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg() });
  const photo = page.getByTestId('photo').filter({ has: page.getByTestId('photo-thumbnail') });
  await expectVisible(photo.first(), 'the photo’s thumbnail');
  await expectText(photo.first().getByTestId('photo-state'), en('monitoring.report.photoState.device_only'), 'the photo on the phone only');
  await photo.first().getByRole('textbox', { name: exactly(en('monitoring.fields.caption')) }).fill(TEXT.caption);
  await photo.first().getByRole('textbox', { name: exactly(en('monitoring.fields.caption')) }).blur();
  await expectText(status, en('monitoring.offline.deviceOnly'), 'the page says the report is on the phone only');
  await page.waitForTimeout(1500); // the draft is written to the phone 500 ms after the last keystroke
  await visitTop(j, page, 'report-form-offline-360');
  await j.soft('the report form does not scroll sideways at 360 px', async () => assert((await sideways(page)) <= 0, `the page is ${await sideways(page)} px too wide`), page);

  j.step('the page is reloaded, still offline: everything is still there');
  // the whole app comes out of Cache Storage and the draft out of IndexedDB; on CI's loaded machine this journey
  // has run six times slower than on a quiet one, so the reload gets more than the default 15 s
  await page.reload({ timeout: 60_000 });
  await expectVisible(heading, 'the report form, reloaded offline (from the service worker)', 45_000);
  await expectText(status, en('monitoring.offline.deviceOnly'), 'still on the phone only');
  for (const [i, a] of activities.entries()) {
    const chosen = page.getByTestId(`activity-${a.activityId}`).getByTestId(`status-${(i % 4) + 1}`);
    await poll(() => chosen.getAttribute('aria-checked'), (v) => v === 'true', { message: `activity ${a.activityId}'s status kept` });
  }
  assert(await page.getByRole('radio', { name: new RegExp(en('monitoring.rating.needs_revision')) }).isChecked(), 'rating 3 kept');
  const value = (label) => page.getByRole('textbox', { name: exactly(en(label)) }).first().inputValue();
  assert((await value('monitoring.fields.ratingReasons')) === TEXT.ratingReasons, 'the reasons kept');
  assert((await value('monitoring.fields.correctiveActions')) === TEXT.correctiveActions, 'the corrective actions kept');
  assert((await value('monitoring.fields.findings')) === TEXT.findings, 'the findings kept');
  assert((await people.getByRole('textbox', { name: exactly(en('monitoring.fields.personFunction')) }).nth(peopleBefore).inputValue()) === TEXT.person, 'the function met kept');
  assert((await groups.getByRole('textbox', { name: exactly(en('monitoring.fields.beneficiaryGroup')) }).nth(groupsBefore).inputValue()) === TEXT.group, 'the group kept');
  assert((await point.getByRole('textbox', { name: exactly(en('monitoring.fields.what')) }).inputValue()) === TEXT.what, 'the action point kept');
  await expectVisible(photo.first(), 'the photo’s thumbnail after the reload');
  await expectText(photo.first().getByTestId('photo-state'), en('monitoring.report.photoState.device_only'), 'the photo still on the phone only');
  await visitTop(j, page, 'report-form-reloaded-offline-360', { axe: false });

  j.step('the network is back: the page says saved on the server');
  await context.setOffline(false);
  await expectText(status, new RegExp(en('monitoring.offline.onServer')), 'saved on the server', 60_000);
  await expectText(photo.first().getByTestId('photo-state'), en('monitoring.report.photoState.on_server'), 'the photo on the server');
  await visitTop(j, page, 'report-form-synced-360', { axe: false });

  j.step('the API has the report, exactly one photo, and the photo has no GPS or camera data');
  const saved = await api('GET', `/api/visits/${visit.id}`);
  const r = saved.report;
  assert(r && r.status === 'draft', 'the report is still a draft');
  assert(r.content.rating === 3, `rating 3 on the server (${r.content.rating})`);
  assert(r.content.ratingReasons === TEXT.ratingReasons && r.content.correctiveActions === TEXT.correctiveActions, 'the reasons and corrective actions on the server');
  assert(r.content.findings === TEXT.findings, 'the findings on the server');
  for (const [i, a] of activities.entries()) {
    const got = r.content.activities.find((x) => x.activityId === a.activityId);
    assert(got && got.status === (i % 4) + 1, `activity ${a.activityId} assessed ${(i % 4) + 1} on the server (${got?.status})`);
  }
  assert(r.content.peopleMet.some((p) => p.function === TEXT.person && p.count === 1), 'the function met on the server');
  assert(r.content.beneficiariesObserved.some((b) => b.group === TEXT.group && b.count === 4), 'the count of beneficiaries on the server');
  const ap = r.actionPoints.find((p) => p.what === TEXT.what);
  assert(ap && ap.priority === 'high' && ap.owner === 'organisation', 'the action point on the server');
  assert(r.photos.length === 1, `exactly one photo on the server (${r.photos.length})`);
  assert(r.photos[0].caption === TEXT.caption, `the caption on the server (${r.photos[0].caption})`);
  const stored = await api('GET', `/api/visits/${visit.id}/report/photos/${r.photos[0].id}`);
  const bytes = Buffer.from(stored);
  assert(bytes[0] === 0xff && bytes[1] === 0xd8, 'the stored photo is a JPEG');
  const gps = await exifr.gps(bytes).catch(() => undefined);
  assert(!gps, `no GPS in the stored photo (${JSON.stringify(gps)})`);
  const exif = await exifr.parse(bytes, { tiff: true, exif: true, gps: true }).catch(() => undefined);
  assert(!exif || (!exif.Make && !exif.Model && exif.latitude === undefined), `no camera or location EXIF in the stored photo (${JSON.stringify(exif)})`);
}
