// f. The Secretariat designs a call in English with the call editor (texts, a priority, money, dates, one
//    grid criterion retitled in Albanian) and publishes it; the demo CSO reads it in Albanian and asks a
//    question; the officer publishes an answer, which the CSO then reads; the officer plans an info
//    session, the CSO registers three people, sees that after a reload and changes it to two.
//    The call's reference carries the run id, so the journey runs again on the same database. axe checks
//    the editor once (it is a long page, and slow to check) and each state of the call page once.
import { expectText, expectUrl, expectVisible } from '../lib/expect.mjs';
import { texts } from '../lib/i18n.mjs';
import { AppShell } from '../pages/appShell.mjs';
import { CallEditorPage, NewCallDialog } from '../pages/callEditor.mjs';
import { CallPage, CallsPage } from '../pages/calls.mjs';
import { LoginPage } from '../pages/login.mjs';

export const name = 'call-editor';

const OFFICER = { email: 'officer@demo.grants.test', password: 'demo-officer-2026' };
const CSO = { email: 'cso@demo.grants.test', password: 'demo-applicant-2026' };

/** The date in Kosovo (YYYY-MM-DD), `days` from today. */
function kosovoDate(days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Logs in and waits until the app has settled in the user's own language, which an earlier journey may
 * have changed (Albanian in the demo data, English once someone chose it): a menu opened before that
 * closes again.
 */
async function logIn(j, page, t, user, shot) {
  const login = new LoginPage(page, t);
  await login.goto();
  await j.visit(page, shot, { axe: false });
  await login.login(user.email, user.password);
  await expectUrl(page, '/home', `the home page of ${user.email}`);
  const nav = (lang) => new AppShell(page, texts(lang)).navLink('nav.calls');
  await expectVisible(nav('sq').or(nav('en')).or(nav('sr')), `the navigation of ${user.email} in their own language`);
}

export async function run(j, { runId }) {
  const en = texts('en');
  const sq = texts('sq');
  const reference = `MF-E2E-${runId.toUpperCase()}`;
  const title = {
    en: `Reintegration through employment (e2e ${runId})`,
    sq: `Riintegrimi përmes punësimit (e2e ${runId})`,
    sr: `Reintegracija kroz zapošljavanje (e2e ${runId})`,
  };
  const criterionSq = `Lidhja me objektivat dhe prioritetet e thirrjes (e2e ${runId})`;

  // ── 1. the officer creates the call in English and publishes it
  const officer = await j.newPage();
  j.step('the officer logs in and works in English');
  await logIn(j, officer, en, OFFICER, 'officer-login');
  await new AppShell(officer, en).chooseLanguage('en');
  const shell = new AppShell(officer, en);
  await expectVisible(shell.navLink('nav.calls'), `the navigation link "${en('nav.calls')}"`);
  await shell.openNav('nav.calls');
  const calls = new CallsPage(officer, en);
  await calls.expectLoaded();

  j.step(`the officer starts a new call ${reference}`);
  await calls.newCallButton.click();
  await new NewCallDialog(officer, en).create(reference, title);
  await expectUrl(officer, /^\/calls\/[^/]+\/edit$/, 'the call editor');
  const editor = new CallEditorPage(officer, en);
  await editor.expectLoaded(reference);
  await j.shot(officer, 'editor-new-draft');

  j.step('the officer fills in the texts, a priority, the money and the dates');
  await editor.fillText('objectives', {
    en: 'Help victims of trafficking into lasting employment.',
    sq: 'Ndihmë për viktimat e trafikimit drejt punësimit të qëndrueshëm.',
    sr: 'Pomoć žrtvama trgovine ljudima ka trajnom zaposlenju.',
  });
  await editor.fillText('whoMayApply', {
    en: 'Civil-society organisations registered in Kosovo with a social-services licence.',
    sq: 'Organizatat e shoqërisë civile të regjistruara në Kosovë me licencë për shërbime sociale.',
    sr: 'Organizacije civilnog društva registrovane na Kosovu sa licencom za socijalne usluge.',
  });
  await editor.fillText('whatIsFunded', {
    en: 'Vocational training, job placement and mentoring.',
    sq: 'Aftësim profesional, punësim dhe mentorim.',
    sr: 'Stručna obuka, zapošljavanje i mentorstvo.',
  });
  await editor.addPriority({
    nsObjective: 'III.2',
    title: {
      en: 'Employment of victims of trafficking',
      sq: 'Punësimi i viktimave të trafikimit',
      sr: 'Zapošljavanje žrtava trgovine ljudima',
    },
  });
  await editor.money('envelope').fill('300000');
  await editor.money('minGrant').fill('10000');
  await editor.money('maxGrant').fill('50000');
  const dates = {
    publicationAt: kosovoDate(0),
    questionsDeadlineAt: kosovoDate(14),
    submissionDeadlineAt: kosovoDate(28),
    evaluationDueAt: kosovoDate(60),
    decisionExpectedAt: kosovoDate(75),
  };
  for (const [key, date] of Object.entries(dates)) await editor.date(key).fill(date);

  j.step('the officer retitles a grid criterion in Albanian');
  await editor.criterionTitle('2.1', 'sq').fill(criterionSq);
  await j.shot(officer, 'editor-filled');

  j.step('save: nothing blocks publication any more');
  await editor.save();
  await expectVisible(editor.savedText, `the message "${en('calls.editor.saved')}"`);
  await expectVisible(editor.readyText, `"${en('calls.editor.ready')}"`, 20_000).catch(async (e) => {
    throw new Error(
      `${e.message}; the page says: ${(await editor.main.innerText()).replace(/\s+/g, ' ').slice(0, 600)}`,
    );
  });
  await j.visit(officer, 'editor-ready');

  j.step('publish the call');
  await editor.publish();
  await expectVisible(editor.publishedText, `the message "${en('calls.editor.publishedOk')}"`);
  await expectVisible(
    editor.main.getByText(en('calls.status.published'), { exact: true }),
    `the status "${en('calls.status.published')}"`,
  );
  await j.shot(officer, 'editor-published');

  j.step('the officer opens the call as applicants see it and plans an info session');
  await editor.viewLink.click();
  const officerCall = new CallPage(officer, en);
  await officerCall.expectLoaded(reference);
  await expectVisible(officerCall.title(title.en), 'the English title');
  await officerCall.planInfoSession({
    date: kosovoDate(7),
    time: '10:00',
    place: 'Prishtinë, EU Info Centre',
    capacity: 30,
  });
  await expectVisible(
    officer.getByText(en('calls.infoSessions.planned'), { exact: true }),
    'the "session planned" message',
  );
  await expectText(
    officerCall.infoSessions,
    en('calls.infoSessions.taken', { registered: 0, capacity: 30 }),
    'the new session with its 30 places',
  );
  await j.visit(officer, 'officer-call-published');

  // ── 2. the CSO reads the call in Albanian and asks a question
  const cso = await j.newPage();
  j.step('the CSO logs in, in Albanian, and opens the new call');
  await logIn(j, cso, en, CSO, 'cso-login');
  await new AppShell(cso, sq).chooseLanguage('sq');
  const csoShell = new AppShell(cso, sq);
  await expectVisible(csoShell.navLink('nav.calls'), `the navigation link "${sq('nav.calls')}"`);
  await csoShell.openNav('nav.calls');
  const csoCalls = new CallsPage(cso, sq);
  await csoCalls.expectLoaded();
  await expectText(csoCalls.card(reference), title.sq, 'the card of the new call with its Albanian title');
  await csoCalls.openCall(reference);
  const csoCall = new CallPage(cso, sq);
  await csoCall.expectLoaded(reference);
  await expectVisible(csoCall.title(title.sq), 'the Albanian title');
  await expectText(csoCall.grid, criterionSq, 'the criterion retitled in Albanian');
  await j.visit(cso, 'cso-call-sq');

  j.step('the CSO asks a question');
  const question = `A mund të përfshihen kostot e transportit për pjesëmarrësit? (e2e ${runId})`;
  await csoCall.ask(question);
  await expectVisible(cso.getByText(sq('calls.qa.sent'), { exact: true }), 'the "question sent" confirmation');
  await expectVisible(csoCall.pendingQuestion(question), 'the question among my pending ones');

  // ── 3. the officer answers; the CSO reads the published answer
  j.step('the officer answers the question and publishes the answer');
  await officer.reload();
  await officerCall.expectLoaded(reference);
  const answer = `Yes, travel of participants is an eligible direct cost (e2e ${runId}).`;
  await officerCall.answer(question, answer);
  await expectVisible(
    officer.getByText(en('calls.qa.answerPublished'), { exact: true }),
    'the "answer published" message',
  );
  await expectVisible(officerCall.publishedAnswer(answer), 'the published answer');
  await j.shot(officer, 'officer-answer-published');

  j.step('the CSO sees the published answer');
  await cso.reload();
  await csoCall.expectLoaded(reference);
  await expectVisible(csoCall.publishedAnswer(answer), 'the published answer on the CSO page');
  await j.shot(cso, 'cso-answer');

  // ── 4. the CSO registers for the info session, and still sees that after a reload
  j.step('the CSO registers three people for the info session');
  await csoCall.registerForInfoSession(3);
  await expectVisible(csoCall.myRegistration(3), `"${sq('calls.infoSessions.registeredCount', { count: 3 })}"`);
  await cso.reload();
  await csoCall.expectLoaded(reference);
  await expectVisible(csoCall.myRegistration(3), 'the registration of three people after a reload');
  await expectText(
    csoCall.infoSessions,
    sq('calls.infoSessions.taken', { registered: 3, capacity: 30 }),
    'three places taken',
  );
  await j.visit(cso, 'cso-info-session-registered');

  j.step('the CSO changes the registration to two people');
  await csoCall.changeAttendees(2);
  await expectVisible(csoCall.myRegistration(2), `"${sq('calls.infoSessions.registeredCount', { count: 2 })}"`);
  await cso.reload();
  await csoCall.expectLoaded(reference);
  await expectVisible(csoCall.myRegistration(2), 'the registration of two people after a reload');
  await j.shot(cso, 'cso-info-session-changed');
}
