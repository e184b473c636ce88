import { permissionsFor, type BudgetLine } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { grantsApi } from '../api';
import { GRANT, GRANT_ID, LIST } from '../test/fixtures';
import type { BudgetRevisionState } from '../types';
import { BudgetRevisionPage } from './BudgetRevisionPage';
import { DrawUpPage } from './DrawUpPage';
import { GrantPage } from './GrantPage';
import { GrantsPage } from './GrantsPage';
import { PaymentOrdersPage } from './PaymentOrdersPage';
import { PendingAwardsPage } from './PendingAwardsPage';

const AWARD = '44444444-4444-4444-8444-444444444444';
const owner = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const observer = makeMe({ id: 'u9', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });

type Input = { lines: BudgetLine[]; coFinancingCents: number; indirectCostBp: number };
/** The server's arithmetic for the fixtures (indirect costs 0): lines, headings, totals. */
function computed(b: Input) {
  const lines = b.lines.map((l) => ({ ...l, totalCents: Math.round(l.quantity * l.unitCostCents) }));
  const direct = lines.reduce((s, l) => s + l.totalCents, 0);
  const headings = [...new Set(lines.map((l) => l.heading))].map((heading) => ({ heading, totalCents: lines.filter((l) => l.heading === heading).reduce((s, l) => s + l.totalCents, 0) }));
  return { lines, headings, directCents: direct, indirectCostBp: b.indirectCostBp, indirectCents: 0, totalCents: direct, coFinancingCents: b.coFinancingCents, coFinancingBp: 0, requestedCents: direct - b.coFinancingCents };
}
const ORIGINAL: Input = {
  lines: [
    { heading: 'human_resources', description: 'Psychologist', unit: 'month', quantity: 10, unitCostCents: 326_190 },
    { heading: 'services', description: 'Legal aid', unit: 'case', quantity: 20, unitCostCents: 55_000 },
  ],
  coFinancingCents: 200_000, indirectCostBp: 0,
};
const STATE: BudgetRevisionState = {
  awardId: AWARD, awardedCents: 3_500_000, requestedCents: 4_161_900, needed: true, revision: null, applicationId: 'a1', applicationReference: 'MF-C3-2026-00-007',
  organizationName: 'Qendra për Mbështetje', callId: 'c1', callReference: 'MF-C3-2026-00', costHeadings: ['human_resources', 'services'],
  original: ORIGINAL, originalComputed: computed(ORIGINAL), grantId: null,
} as unknown as BudgetRevisionState;

function serveRevision(state: BudgetRevisionState) {
  let current = state;
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/awards/${AWARD}/budget-revision` && init.method === 'GET') return json(current);
    if (url === `/api/awards/${AWARD}/budget-revision/check`) {
      const c = computed(JSON.parse(String(init.body)) as Input);
      const problems = c.requestedCents === current.awardedCents ? [] : [{ field: 'budget.requestedCents', code: 'not_awarded_amount', params: { awardedCents: current.awardedCents, requestedCents: c.requestedCents } }];
      return json({ computed: c, problems });
    }
    if (url === `/api/awards/${AWARD}/budget-revision` && init.method === 'PUT') {
      const b = JSON.parse(String(init.body)) as Input;
      current = { ...current, revision: { budget: b, computed: computed(b), submittedAt: '2027-01-10T09:00:00Z', acceptedAt: null, version: 1 } } as unknown as BudgetRevisionState;
      return json(current);
    }
    if (url === `/api/awards/${AWARD}/budget-revision/accept`) {
      current = { ...current, revision: { ...current.revision!, acceptedAt: '2027-01-11T09:00:00Z' } };
      return json(current);
    }
    return undefined;
  });
}

const routes = [
  { path: '/awards/:id/budget-revision', element: <BudgetRevisionPage /> },
  { path: '/awards/:id/draw-up', element: <DrawUpPage /> },
  { path: '/grants/pending-awards', element: <PendingAwardsPage /> },
  { path: '/grants/:id', element: <p data-testid="grant-page">grant page</p> },
  { path: '/grant/:id', element: <GrantPage /> },
  { path: '/grants', element: <GrantsPage /> },
  { path: '/payment-orders', element: <PaymentOrdersPage /> },
];
const open = (me: Me, path: string) => renderRoutes(routes, [path], queryClientWith(me));

describe('grants setup: the budget revision', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the organisation revises its budget to exactly the award: the server’s totals and problem by the amount requested, sent only when it matches', async () => {
    const fetch = serveRevision(STATE);
    open(owner, `/awards/${AWARD}/budget-revision`);
    expect(await screen.findByRole('heading', { name: 'Budget revision · MF-C3-2026-00-007' })).toBeTruthy();
    expect(screen.getByTestId('revision-status').textContent).toBe('To revise');
    // the submitted budget, checked by the server: €6,619.00 above the award, named at the amount requested
    expect(await screen.findByText(/must be exactly the amount awarded, €35,000\.00 \(it is €41,619\.00\)/)).toBeTruthy();
    expect(screen.getByTestId('revision-gap').textContent).toBe('€6,619.00 above the award');
    const send = screen.getByRole('button', { name: 'Send the revised budget' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(document.getElementById('field-budget-lines-0-unitCostCents') as HTMLInputElement, { target: { value: '2600' } });
    await waitFor(() => expect(screen.getByTestId('revision-gap').textContent).toBe('The amount requested is exactly the award.'));
    expect(screen.getByTestId('requested').textContent).toBe('€35,000.00');
    expect(screen.queryByText(/must be exactly the amount awarded/)).toBeNull();
    await waitFor(() => expect(send.disabled).toBe(false));
    fireEvent.click(send);
    await waitFor(() => expect(screen.getByTestId('revision-status').textContent).toMatch(/^Submitted .*waiting for the Secretariat$/));
    const put = fetch.sent('PUT', `/api/awards/${AWARD}/budget-revision`);
    expect(bodyOf<Input>(put[0]).lines[0].unitCostCents).toBe(260_000);
    expect(screen.getByTestId('revision-submitted')).toBeTruthy();
  });

  it('the Secretariat compares the revision with the submitted budget, accepts it, and is led to the draw-up (in Albanian)', async () => {
    await setupI18n('sq');
    const revised = { ...ORIGINAL, lines: [{ ...ORIGINAL.lines[0], unitCostCents: 260_000 }, ORIGINAL.lines[1]] };
    serveRevision({ ...STATE, revision: { budget: revised, computed: computed(revised), submittedAt: '2027-01-10T09:00:00Z', acceptedAt: null, version: 1 } } as unknown as BudgetRevisionState);
    open(officer, `/awards/${AWARD}/budget-revision`);
    expect(await screen.findByRole('heading', { name: 'Buxheti i rishikuar përballë atij të dorëzuar' })).toBeTruthy();
    const requested = within(screen.getByTestId('compare-requested'));
    expect(requested.getByText('41.619,00 €')).toBeTruthy();
    expect(requested.getByText('35.000,00 €')).toBeTruthy();
    expect(requested.getByText('−6.619,00 €')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Dërgoni buxhetin e rishikuar' })).toBeNull(); // the Secretariat never edits it
    fireEvent.click(screen.getByRole('button', { name: 'Pranoni buxhetin e rishikuar' }));
    expect(await screen.findByRole('link', { name: 'Hartoni marrëveshjen' })).toBeTruthy();
    expect(screen.getByTestId('revision-status').textContent).toMatch(/^Pranuar më /);
  });
});

const PENDING = {
  items: [
    { awardId: AWARD, callId: 'c1', callReference: 'MF-C3-2026-00', applicationId: 'a1', applicationReference: 'MF-C3-2026-00-007', organizationId: 'o1', organizationName: 'Qendra për Mbështetje', awardedCents: 4_161_900, requestedCents: 4_161_900, stage: 'ready', since: '2027-01-11T09:00:00Z', plannedStartDate: '2027-03-01', durationMonths: 12, maxDurationMonths: 24 },
    { awardId: 'w2', callId: 'c1', callReference: 'MF-C3-2026-00', applicationId: 'a2', applicationReference: 'MF-C3-2026-00-009', organizationId: 'o2', organizationName: 'Centar za podršku', awardedCents: 3_500_000, requestedCents: 4_161_900, stage: 'revision_to_accept', since: '2027-01-10T09:00:00Z', plannedStartDate: '2027-03-01', durationMonths: 12, maxDurationMonths: 24 },
  ],
};

describe('grants setup: awards waiting for a grant and the draw-up', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the awards with their stage and next step, and draws one up with the dates and monitor, refusals next to their field, ending on the grant', async () => {
    let attempts = 0;
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === '/api/grants/pending-awards') return json(PENDING);
      if (url.startsWith('/api/users')) return json({ items: [{ id: 'm1', fullName: 'Besa Krasniqi' }], total: 1 });
      if (url === `/api/awards/${AWARD}/grant` && init.method === 'POST') {
        attempts += 1;
        if (attempts === 1) return json({ statusCode: 400, error: 'Bad Request', message: 'agreement_not_ready', details: [{ field: 'endDate', code: 'too_long', message: 'too_long' }] }, 400);
        return json({ ...GRANT, status: 'draft' }, 201);
      }
      return undefined;
    });
    const { router } = open(officer, '/grants/pending-awards');
    const row = within(await screen.findByTestId(`pending-${AWARD}`));
    expect(row.getByText('Ready to draw up')).toBeTruthy();
    expect(within(screen.getByTestId('pending-w2')).getByRole('link', { name: 'Review the revision' }).getAttribute('href')).toBe('/awards/w2/budget-revision');
    expect(screen.getByText('1 revisions to accept · 1 ready to draw up · 0 waiting for the organisation')).toBeTruthy();
    fireEvent.click(row.getByRole('link', { name: 'Draw up' }));

    expect(await screen.findByRole('heading', { name: 'Draw up the agreement · MF-C3-2026-00-007' })).toBeTruthy();
    expect((screen.getByLabelText(/^Start date/) as HTMLInputElement).value).toBe('01/03/2027');
    expect((screen.getByLabelText(/^End date/) as HTMLInputElement).value).toBe('29/02/2028');
    fireEvent.change(screen.getByLabelText('Duration (months)'), { target: { value: '30' } });
    await waitFor(() => expect((screen.getByLabelText(/^End date/) as HTMLInputElement).value).toBe('31/08/2029'));
    expect(screen.getByText('Longer than the call allows (24 months)')).toBeTruthy(); // said before sending
    fireEvent.click(screen.getByRole('button', { name: 'Draw up the agreement' }));
    await waitFor(() => expect(attempts).toBe(1));
    expect(bodyOf(fetch.sent('POST', `/api/awards/${AWARD}/grant`)[0])).toEqual({ startDate: '2027-03-01', endDate: '2029-08-31' });
    expect(await screen.findByText('Longer than the call allows (24 months)')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Duration (months)'), { target: { value: '24' } });
    await waitFor(() => expect((screen.getByLabelText(/^End date/) as HTMLInputElement).value).toBe('28/02/2029'));
    fireEvent.click(screen.getByRole('button', { name: 'Draw up the agreement' }));
    expect(await screen.findByTestId('grant-page')).toBeTruthy();
    expect(router.state.location.pathname).toBe(`/grants/${GRANT_ID}`);
    expect(bodyOf(fetch.sent('POST', `/api/awards/${AWARD}/grant`)[1])).toEqual({ startDate: '2027-03-01', endDate: '2029-02-28' });
  });
});

describe('grants setup: the list filters', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  const serveList = () => mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url.startsWith('/api/grants') && init.method === 'GET') return json(LIST);
    return undefined;
  });

  it('reads the filters and sorting from the address, sends them to the server and shows its counts', async () => {
    const fetch = serveList();
    const { router } = open(officer, `/grants?callId=c1&status=in_force&monitorId=m1&overdue=1&sort=amount&order=asc`);
    await screen.findByTestId(`grant-row-${GRANT_ID}`);
    const asked = fetch.requests.map((r) => r.url).find((u) => u.includes('status='))!;
    const q = new URLSearchParams(asked.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({ callId: 'c1', status: 'in_force', monitorId: 'm1', overdue: 'true', sort: 'amount', order: 'asc', page: '1', pageSize: '50' });
    expect(within(screen.getByTestId('grants-counts')).getByText('2 grants')).toBeTruthy();
    expect(within(screen.getByTestId('grants-counts')).getByText('1 overdue')).toBeTruthy();
    // the overdue badge is the server's answer, not the browser's arithmetic
    expect(within(screen.getByTestId(`grant-row-${GRANT_ID}`)).getByText('Overdue')).toBeTruthy();
    expect(within(screen.getByTestId('grant-row-g2')).queryByText('Overdue')).toBeNull();
    fireEvent.click(screen.getByRole('link', { name: 'Clear the filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('changing a filter writes it into the address; an observer has the filters and no Secretariat action', async () => {
    serveList();
    const { router } = open(observer, '/grants');
    expect(await screen.findByRole('heading', { name: 'Grants' })).toBeTruthy();
    await screen.findByTestId(`grant-row-${GRANT_ID}`);
    expect(screen.getByRole('search', { name: 'Filter the grants' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Payment orders' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Awards waiting for a grant' })).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: 'Overdue only' }));
    await waitFor(() => expect(router.state.location.search).toBe('?overdue=1'));
  });

  it('asks the server for one page at a time; the pager moves through the whole list, a filter starts again at page 1', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url.startsWith('/api/grants') && init.method === 'GET') return json({ ...LIST, counts: { ...LIST.counts, total: 120 } });
      return undefined;
    });
    const { router } = open(officer, '/grants');
    await screen.findByTestId(`grant-row-${GRANT_ID}`);
    // the call filter's choices are the server's (every call of the reader's grants), not read from the page shown
    expect(fetch.requests.some((r) => r.url === '/api/grants?page=1&pageSize=50')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=3'));
    await waitFor(() => expect(fetch.requests.some((r) => r.url === '/api/grants?page=3&pageSize=50')).toBe(true));
    fireEvent.click(screen.getByRole('switch', { name: 'Overdue only' }));
    await waitFor(() => expect(router.state.location.search).toBe('?overdue=1'));
  });

  it('an invalid value in the address is left out of the query', async () => {
    const fetch = serveList();
    open(officer, '/grants?status=open&sort=price&order=up&overdue=maybe');
    await screen.findByTestId(`grant-row-${GRANT_ID}`);
    expect(fetch.requests.filter((r) => r.url.startsWith('/api/grants')).every((r) => r.url === '/api/grants?page=1&pageSize=50')).toBe(true);
  });
});

describe('grants setup: the signed paper copy', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  const serveGrant = () => {
    const grant = GRANT;
    return mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(grant);
      if (url.startsWith('/api/users')) return json({ items: [], total: 0 });
      return undefined;
    });
  };

  it('the organisation uploads the signed paper copy on the grant page, then anyone reading the grant downloads it', async () => {
    serveGrant();
    // a multipart body with a file does not pass through the test's fetch stub (jsdom's File): the client call is stubbed
    const upload = vi.spyOn(grantsApi, 'uploadSignedCopy').mockResolvedValue({ ...GRANT, signedCopyFileId: 'f9' });
    open(owner, `/grant/${GRANT_ID}`);
    const section = within(await screen.findByRole('region', { name: 'Signed paper copy' }));
    expect(section.getByText('No signed paper copy has been uploaded.')).toBeTruthy();
    const file = new File(['%PDF-1.4'], 'signed.pdf', { type: 'application/pdf' });
    fireEvent.change(document.querySelector('input[type="file"]') as HTMLInputElement, { target: { files: [file] } });
    await waitFor(() => expect((section.getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(section.getByRole('button', { name: 'Upload' }));
    const link = await screen.findByTestId('signed-copy-download');
    expect(link.getAttribute('href')).toBe(`/api/grants/${GRANT_ID}/files/f9`);
    expect(upload).toHaveBeenCalledWith(GRANT_ID, file);
    expect(screen.getByText('Replace the signed paper copy')).toBeTruthy();
    upload.mockRestore();
  });

  it('an observer reads the grant read-only: no upload, no Secretariat action', async () => {
    serveGrant();
    open(observer, `/grant/${GRANT_ID}`);
    expect(await screen.findByTestId('read-only')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Signed paper copy' })).toBeNull(); // none uploaded, and it may not upload one
    expect(screen.queryByTestId('secretariat-actions')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Upload' })).toBeNull();
  });
});

describe('payment orders: the beneficiary as written', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the organisation's name with its letters on screen; the bank's file keeps SEPA's character set", async () => {
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url.startsWith('/api/payment-orders/preview')) {
        return json({
          day: '2026-12-02', count: 1, controlSumCents: 1_600_000, controlSum: '16000.00', problems: [], orders: [],
          lines: [{ trancheId: 't1', endToEndId: 'G-001-T1', agreementNumber: 'MF-C3-2026-01-G-001', seq: 1, beneficiaryName: 'Qendra per Mbrojtjen e Viktimave',
            beneficiaryDisplayName: 'Qendra për Mbrojtjen e Viktimave', iban: 'XK051212012345678906', amountCents: 1_600_000, amount: '16000.00', remittanceInformation: 'MF-C3-2026-01-G-001 tranche 1' }],
        });
      }
      if (url.startsWith('/api/payment-orders')) return json({ items: [] });
      return undefined;
    });
    open(officer, '/payment-orders');
    expect(await screen.findByText('Qendra për Mbrojtjen e Viktimave')).toBeTruthy();
    expect(screen.queryByText('Qendra per Mbrojtjen e Viktimave')).toBeNull();
  });
});
