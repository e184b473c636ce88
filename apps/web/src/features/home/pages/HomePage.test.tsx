import { permissionsFor, type OrgRole, type Role } from '@grants/domain';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import type { Todo, TodoEntry, TodoItem } from '../types';
import { GRANT_TODO_KINDS, MONITORING_TODO_KINDS, REPORT_TODO_KINDS } from '../components/TodoList';
import { HomePage } from './HomePage';

const entry = (over: Partial<TodoEntry>): TodoEntry => ({
  id: 'e1', reference: null, name: null, callId: 'c1', callReference: 'MF-2026-01',
  callTitle: { en: 'Services for survivors', sq: 'Shërbime për të mbijetuarit', sr: 'Usluge za preživele' },
  at: '2026-11-20T09:00:00Z', pending: null, grantId: null, link: '/calls/c1', ...over,
});
const item = (over: Partial<TodoItem> & Pick<TodoItem, 'kind'>): TodoItem => ({ count: 0, oldestAt: null, link: '/calls', entries: [], ...over });

/** What an officer has waiting: two applications to check (the oldest first) and a call waiting for its decision. */
const OFFICER_TODO = {
  total: 4,
  items: [
    item({
      kind: 'application.admissibility_pending', count: 3, oldestAt: '2026-11-02T08:00:00Z', link: '/calls/c1/applications',
      entries: [
        entry({ id: 'a1', reference: 'MF-2026-01-007', name: 'Shoqata Jeta', at: '2026-11-02T08:00:00Z', link: '/applications/a1/admissibility' }),
        entry({ id: 'a2', reference: 'MF-2026-01-009', name: 'Udruženje Nada', at: '2026-11-05T08:00:00Z', link: '/applications/a2/admissibility' }),
      ],
    }),
    item({
      kind: 'call.decision_pending', count: 1, oldestAt: '2026-11-10T16:00:00Z', link: '/calls/c2/ranking',
      entries: [entry({ id: 'c2', callId: 'c2', callReference: 'MF-2026-02', at: '2026-11-10T16:00:00Z', pending: 2, link: '/calls/c2/ranking' })],
    }),
    item({ kind: 'call.questions_unanswered' }),
    item({ kind: 'call.info_sessions_upcoming' }),
  ],
} satisfies Todo;

/** An evaluator whose two assignments wait for the declaration. */
const EVALUATOR_TODO = {
  total: 1,
  items: [
    item({
      kind: 'evaluation.declaration_pending', count: 1, oldestAt: '2026-11-25T10:00:00Z', link: '/evaluations/c1',
      entries: [entry({ id: 'c1', at: '2026-11-25T10:00:00Z', pending: 2, link: '/evaluations/c1' })],
    }),
    item({ kind: 'evaluation.sheets_to_score', link: '/evaluations' }),
  ],
} satisfies Todo;

const EMPTY_EVALUATOR_TODO = {
  total: 0,
  items: [item({ kind: 'evaluation.declaration_pending' }), item({ kind: 'evaluation.sheets_to_score' })],
} satisfies Todo;

/** An organisation's grant work (issue 10): an agreement to sign, a report 3 days overdue, a tranche it may request. */
const ORGANIZATION_GRANT_TODO = {
  total: 3,
  items: [
    item({
      kind: 'grant.agreement_to_sign', count: 1, oldestAt: '2026-11-18T10:00:00Z', link: '/grants/g1',
      entries: [entry({ id: 'g1', grantId: 'g1', reference: 'MF-2026-01-001', at: '2026-11-18T10:00:00Z', link: '/grants/g1' })],
    }),
    item({
      kind: 'expenditure.report_due', count: 1, oldestAt: '2026-11-27T11:00:00Z', link: '/grants/g2',
      entries: [entry({ id: 'g2.report.2', grantId: 'g2', reference: 'MF-2026-01-002', at: '2026-11-27T11:00:00Z', pending: 3, link: '/grants/g2' })],
    }),
    item({
      kind: 'tranche.to_request', count: 1, oldestAt: '2026-12-01T11:00:00Z', link: '/grants/g2',
      entries: [entry({ id: 't1', grantId: 'g2', reference: 'MF-2026-01-002', at: '2026-12-01T11:00:00Z', pending: 2, link: '/grants/g2' })],
    }),
  ],
} satisfies Todo;

function me(role: Role, orgRole: OrgRole | null = null): Me {
  return { ...makeMe({ role, organizationId: null, orgRole, fullName: 'Drita Krasniqi' }), permissions: permissionsFor({ role, orgRole }) as Me['permissions'] };
}

function serve(todo: Todo) {
  return mockFetch((url) => {
    if (url === '/api/home/todo') return json(todo);
    if (url.startsWith('/api/notifications')) return json({ items: [], unreadCount: 0, total: 0 });
    return undefined;
  });
}

describe('HomePage: each role’s to-do list', () => {
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('shows an officer what waits, with counts and links, oldest first (en)', async () => {
    await setupI18n('en');
    const fetch = serve(OFFICER_TODO);
    renderPage(<HomePage />, '/home', queryClientWith(me('secretariat')));

    const adm = await screen.findByTestId('todo-application.admissibility_pending');
    expect(within(adm).getByRole('heading', { name: 'Applications waiting for the administrative and eligibility check' })).toBeTruthy();
    const links = within(adm).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual(['MF-2026-01-007', 'MF-2026-01-009', 'Open the list']);
    expect(links[0]!.getAttribute('href')).toBe('/applications/a1/admissibility');
    expect(within(adm).getByText('and 1 more')).toBeTruthy();
    expect(within(adm).getByText('submitted 2 Nov 2026')).toBeTruthy();
    expect(within(adm).getByText(/Shoqata Jeta · MF-2026-01 — Services for survivors/)).toBeTruthy();

    const decision = screen.getByTestId('todo-call.decision_pending');
    expect(within(decision).getByText('closed 10 Nov 2026 · 2 sheets still open')).toBeTruthy();
    expect(within(decision).getAllByRole('link')[0]!.getAttribute('href')).toBe('/calls/c2/ranking');
    // the kinds with nothing to do are left out; the page says how much waits in all
    expect(screen.queryByTestId('todo-call.questions_unanswered')).toBeNull();
    expect(screen.getByTestId('todo-total').textContent).toBe('4 things wait on you');
    expect(screen.queryByText('Nothing is waiting on you right now.')).toBeNull();
    expect(fetch.sent('GET', '/api/home/todo')).toHaveLength(1);
  });

  it('tells an evaluator in Albanian that two assignments wait for the declaration', async () => {
    await setupI18n('sq');
    serve(EVALUATOR_TODO);
    renderPage(<HomePage />, '/home', queryClientWith(me('evaluator')));
    const section = await screen.findByTestId('todo-evaluation.declaration_pending');
    expect(within(section).getByRole('heading', { name: 'Deklarata të paanshmërisë për t’u nënshkruar' })).toBeTruthy();
    expect(within(section).getByText('në grup që nga 25 nën 2026 · 2 caktime presin deklaratën tuaj')).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'MF-2026-01 — Shërbime për të mbijetuarit' }).getAttribute('href')).toBe('/evaluations/c1');
  });

  it('writes the list in Serbian, Latin and Cyrillic', async () => {
    await setupI18n('sr');
    serve(OFFICER_TODO);
    const first = renderPage(<HomePage />, '/home', queryClientWith(me('secretariat')));
    const decision = await screen.findByTestId('todo-call.decision_pending');
    expect(within(decision).getByRole('heading', { name: 'Pozivi koji čekaju odluku komisije' })).toBeTruthy();
    expect(within(decision).getByText(/2 lista su još otvorena/)).toBeTruthy();
    first.unmount();

    await setupI18n('sr-Cyrl');
    serve(OFFICER_TODO);
    renderPage(<HomePage />, '/home', queryClientWith(me('secretariat')));
    const cyr = await screen.findByTestId('todo-call.decision_pending');
    expect(within(cyr).getByRole('heading', { name: 'Позиви који чекају одлуку комисије' })).toBeTruthy();
    expect(within(cyr).getByRole('link', { name: 'MF-2026-02 — Услуге за преживеле' })).toBeTruthy();
    expect(screen.getByTestId('todo-total').textContent).toMatch(/^Чекају вас 4 задатка$/);
  });

  it('lists an organisation’s grant work in Albanian, each linked to its grant', async () => {
    await setupI18n('sq');
    serve(ORGANIZATION_GRANT_TODO);
    renderPage(<HomePage />, '/home', queryClientWith(me('applicant', 'owner')));
    const sign = await screen.findByTestId('todo-grant.agreement_to_sign');
    expect(within(sign).getByRole('heading', { name: 'Marrëveshje granti për t’u nënshkruar' })).toBeTruthy();
    expect(within(sign).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/grants/g1');
    expect(within(sign).getByText('dërguar më 18 nën 2026')).toBeTruthy();
    const due = screen.getByTestId('todo-expenditure.report_due');
    expect(within(due).getByRole('heading', { name: 'Raporte shpenzimesh me afat' })).toBeTruthy();
    expect(within(due).getByText('afati 27 nën 2026 · 3 ditë vonesë')).toBeTruthy();
    expect(within(screen.getByTestId('todo-tranche.to_request')).getByText(/kësti 2/)).toBeTruthy();
  });

  it('names every grant to-do in en, sq and sr (Latin and Cyrillic)', async () => {
    const all = {
      total: GRANT_TODO_KINDS.size,
      items: [...GRANT_TODO_KINDS].map((kind) => item({ kind, count: 1, link: '/grants/g1', entries: [entry({ id: `e-${kind}`, grantId: 'g1', reference: 'MF-2026-01-001', pending: 2, link: '/grants/g1' })] })),
    } satisfies Todo;
    const titles: Record<string, string[]> = {};
    for (const lang of ['en', 'sq', 'sr', 'sr-Cyrl'] as const) {
      await setupI18n(lang);
      serve(all);
      const view = renderPage(<HomePage />, '/home', queryClientWith(me('secretariat')));
      await screen.findByTestId('todo-grant.overdue');
      titles[lang] = [...GRANT_TODO_KINDS].map((kind) => within(screen.getByTestId(`todo-${kind}`)).getByRole('heading').textContent ?? '');
      // no key shows through, no pending line is left without words
      expect(document.body.textContent).not.toMatch(/home\.grants|\.(title|at|pending)\b/);
      view.unmount();
      vi.unstubAllGlobals();
    }
    // each language has its own words, and Cyrillic is the Serbian Latin transliterated
    expect(new Set(titles.en).size).toBe(GRANT_TODO_KINDS.size);
    expect(titles.sq).not.toEqual(titles.en);
    expect(titles.sr).not.toEqual(titles.en);
    expect(titles['sr-Cyrl']![0]).toMatch(/^[\u0400-\u04FF\s–-]+$/);
  });

  it('names every monitoring to-do in en, sq and sr, with its count and its link', async () => {
    const all = {
      total: MONITORING_TODO_KINDS.size,
      items: [...MONITORING_TODO_KINDS].map((kind) => item({ kind, count: 1, link: '/visits', entries: [entry({ id: `e-${kind}`, grantId: 'g1', reference: 'MF-2026-01-001', name: 'Qendra', pending: 2, link: `/x/${kind}` })] })),
    } satisfies Todo;
    const titles: Record<string, string[]> = {};
    for (const lang of ['en', 'sq', 'sr'] as const) {
      await setupI18n(lang);
      serve(all);
      const view = renderPage(<HomePage />, '/home', queryClientWith(me('monitor')));
      await screen.findByTestId('todo-visit.upcoming');
      titles[lang] = [...MONITORING_TODO_KINDS].map((kind) => within(screen.getByTestId(`todo-${kind}`)).getByRole('heading').textContent ?? '');
      expect(document.body.textContent).not.toMatch(/home\.monitoring|\.(title|at|pending)\b/);
      if (lang === 'en') {
        const soon = screen.getByTestId('todo-visit.upcoming');
        expect(within(soon).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/x/visit.upcoming');
        expect(within(soon).getByText(/in 2 days/)).toBeTruthy();
        expect(within(screen.getByTestId('todo-action_point.escalated')).getByText(/2 days overdue/)).toBeTruthy();
      }
      view.unmount();
      vi.unstubAllGlobals();
    }
    expect(new Set(titles.en).size).toBe(MONITORING_TODO_KINDS.size);
    expect(titles.sq).not.toEqual(titles.en);
    expect(titles.sr).not.toEqual(titles.en);
  });

  it('names every narrative-report to-do in en, sq and sr, with the days, the comments or the version beside the date, each opening the report', async () => {
    const all = {
      total: REPORT_TODO_KINDS.size,
      items: [...REPORT_TODO_KINDS].map((kind) => item({
        kind, count: 1, link: '/reports?status=submitted',
        entries: [entry({ id: `r-${kind}`, grantId: 'g1', reference: 'MF-2026-01-001', name: 'Qendra Jeta', at: '2026-11-27T11:00:00Z', pending: 3, link: `/reports/r-${kind}` })],
      })),
    } satisfies Todo;
    const titles: Record<string, string[]> = {};
    for (const lang of ['en', 'sq', 'sr'] as const) {
      await setupI18n(lang);
      serve(all);
      const view = renderPage(<HomePage />, '/home', queryClientWith(me('secretariat')));
      await screen.findByTestId('todo-narrative_report.to_review');
      titles[lang] = [...REPORT_TODO_KINDS].map((kind) => within(screen.getByTestId(`todo-${kind}`)).getByRole('heading').textContent ?? '');
      // no key shows through, no pending line is left without words
      expect(document.body.textContent).not.toMatch(/home\.reports|\.(title|at|pending)\b/);
      if (lang === 'en') {
        const overdue = screen.getByTestId('todo-narrative_report.overdue');
        expect(within(overdue).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/reports/r-narrative_report.overdue');
        expect(within(overdue).getByText('was due 27 Nov 2026 · 3 days overdue')).toBeTruthy();
        expect(within(screen.getByTestId('todo-narrative_report.due_soon')).getByText(/in 3 days/)).toBeTruthy();
        expect(within(screen.getByTestId('todo-narrative_report.returned')).getByText(/3 review comments/)).toBeTruthy();
        expect(within(screen.getByTestId('todo-narrative_report.to_review')).getByText(/version 3/)).toBeTruthy();
        // the request for more time and the monitor's reading have no number beside the date
        expect(within(screen.getByTestId('todo-narrative_report.to_read')).getByText('submitted 27 Nov 2026')).toBeTruthy();
      }
      if (lang === 'sr') expect(within(screen.getByTestId('todo-narrative_report.overdue')).getByText(/kasni 3 dana/)).toBeTruthy();
      view.unmount();
      vi.unstubAllGlobals();
    }
    expect(new Set(titles.en).size).toBe(REPORT_TODO_KINDS.size);
    expect(titles.sq).not.toEqual(titles.en);
    expect(titles.sr).not.toEqual(titles.en);
  });

  it('says which of a period’s reports is missing: the expenditure report alone, the narrative report alone, or both in one entry on the narrative report (en, sq, sr)', async () => {
    const period = { periodStart: '2026-05-01', periodEnd: '2026-10-31' };
    const todo = {
      total: 3,
      items: [
        item({
          kind: 'narrative_report.due_soon', count: 2, oldestAt: '2026-11-27T11:00:00Z', link: '/reports?status=draft',
          entries: [
            entry({ id: 'r1', grantId: 'g1', reference: 'MF-2026-01-001', at: '2026-11-27T11:00:00Z', pending: 3, link: '/reports/r1', missing: 'both', ...period }),
            entry({ id: 'r2', grantId: 'g2', reference: 'MF-2026-01-002', at: '2026-11-28T11:00:00Z', pending: 4, link: '/reports/r2', missing: 'narrative', ...period }),
          ],
        }),
        item({
          kind: 'expenditure.report_due', count: 1, oldestAt: '2026-11-29T11:00:00Z', link: '/grants/g3',
          entries: [entry({ id: 'g3.report.1', grantId: 'g3', reference: 'MF-2026-01-003', at: '2026-11-29T11:00:00Z', pending: null, link: '/grants/g3', missing: 'expenditure', ...period })],
        }),
      ],
    } satisfies Todo;
    const words = {
      en: ['Missing for 1 May 2026 – 31 Oct 2026: the narrative report and its expenditure report', 'Expenditure report for 1 May 2026 – 31 Oct 2026', 'Expenditure reports due'],
      sq: ['raporti narrativ dhe raporti i shpenzimeve', 'Raporti i shpenzimeve për', 'Raporte shpenzimesh me afat'],
      sr: ['narativni izveštaj i finansijski izveštaj', 'Finansijski izveštaj za', 'Finansijski izveštaji sa rokom'],
    } as const;
    for (const lang of ['en', 'sq', 'sr'] as const) {
      await setupI18n(lang);
      serve(todo);
      const view = renderPage(<HomePage />, '/home', queryClientWith(me('applicant', 'owner')));
      const narrative = await screen.findByTestId('todo-narrative_report.due_soon');
      const [both, narrativeOnly] = within(narrative).getAllByTestId('todo-missing');
      expect(both!.textContent).toContain(words[lang][0]);
      // the one entry for both opens the narrative report, whose form links the expenditure report
      expect(within(narrative).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/reports/r1');
      expect(narrativeOnly!.textContent).not.toBe(both!.textContent);
      const expenditure = screen.getByTestId('todo-expenditure.report_due');
      expect(within(expenditure).getByRole('heading').textContent).toBe(words[lang][2]);
      expect(within(expenditure).getByTestId('todo-missing').textContent).toContain(words[lang][1]);
      expect(document.body.textContent).not.toMatch(/home\.reports\.missing/);
      view.unmount();
      vi.unstubAllGlobals();
    }
  });

  it('shows an observer what it can look at — the portfolio’s grants and the reports handed in, counted and linked — and never that calls are not published (en, sq, sr)', async () => {
    const todo = {
      total: 0,
      items: [
        item({
          kind: 'portfolio.grants_in_force', count: 12, oldestAt: '2027-03-31T10:00:00Z', link: '/grants',
          entries: [entry({ id: 'g1', grantId: 'g1', reference: 'MF-2026-01-001', name: 'Qendra Jeta', at: '2027-03-31T10:00:00Z', link: '/grants/g1' })],
        }),
        item({
          kind: 'portfolio.reports_submitted', count: 1, oldestAt: '2026-11-25T10:00:00Z', link: '/reports',
          entries: [entry({ id: 'r1', grantId: 'g1', reference: 'MF-2026-01-001', at: '2026-11-25T10:00:00Z', link: '/reports/r1' })],
        }),
      ],
    } satisfies Todo;
    const words = {
      en: ['What you can look at', 'Grants in force in the portfolio', 'ends 31 Mar 2027', 'Narrative reports handed in over the last 30 days'],
      sq: ['Çfarë mund të shikoni', 'Grantet në fuqi në portofol', 'përfundon më', 'Raporte narrative të dorëzuara në 30 ditët e fundit'],
      sr: ['Šta možete da pogledate', 'Grantovi na snazi u portfoliju', 'ističe', 'Narativni izveštaji predati u poslednjih 30 dana'],
    } as const;
    for (const lang of ['en', 'sq', 'sr'] as const) {
      await setupI18n(lang);
      serve(todo);
      const view = renderPage(<HomePage />, '/home', queryClientWith(me('observer')));
      const grants = await screen.findByTestId('todo-portfolio.grants_in_force');
      expect(screen.getByRole('heading', { name: words[lang][0] })).toBeTruthy();
      expect(within(grants).getByRole('heading').textContent).toBe(words[lang][1]);
      expect(within(grants).getByText(new RegExp(words[lang][2]))).toBeTruthy();
      expect(within(grants).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/grants/g1');
      expect(within(grants).getAllByRole('link').at(-1)!.getAttribute('href')).toBe('/grants');
      expect(within(grants).getByLabelText(/12/)).toBeTruthy();
      const reports = screen.getByTestId('todo-portfolio.reports_submitted');
      expect(within(reports).getByRole('heading').textContent).toBe(words[lang][3]);
      expect(within(reports).getByRole('link', { name: 'MF-2026-01-001' }).getAttribute('href')).toBe('/reports/r1');
      // nothing of it is work: no "things wait on you", and never "once calls are published"
      expect(screen.queryByTestId('todo-total')).toBeNull();
      expect(document.body.textContent).not.toMatch(/calls are published|publikohen thirrjet|pozivi budu objavljeni|home\.todo/);
      view.unmount();
      vi.unstubAllGlobals();
    }
  });

  it('says there is nothing to do only when nothing waits', async () => {
    await setupI18n('en');
    serve(EMPTY_EVALUATOR_TODO);
    renderPage(<HomePage />, '/home', queryClientWith(me('evaluator')));
    expect(await screen.findByText('Nothing is waiting on you right now.')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('todo-total').textContent).toBe('All done'));
  });
});
