import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderPage, renderRoutes, setupI18n } from '../../test/utils';
import type { Me } from '../auth/types';
import { GrantPage } from '../grants/pages/GrantPage';
import { HomePage } from '../home/pages/HomePage';
import type { Todo } from '../home/types';
import { GRANT, GRANT_ID as FIXTURE_GRANT_ID } from '../grants/test/fixtures';
import { formatDate } from '../../ui/format';
import { GrantClosurePage } from './pages/GrantClosurePage';
import { RecoveryOrderPage } from './pages/RecoveryOrderPage';
import { RecoveryOrdersPage } from './pages/RecoveryOrdersPage';
import type { ClosureView, FinalBalanceFigures, FinalBalanceView, RecoveryOrder } from './types';

const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const owner = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const observer = makeMe({ id: 'u9', role: 'observer', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'observer' }) });

const GRANT_ID = '11111111-1111-4111-8111-111111111111';
const ORDER_ID = '55555555-5555-4555-8555-555555555555';

const FIGURES: FinalBalanceFigures = {
  headings: [
    { heading: 'human_resources', approvedCents: 2_000_000, limitCents: 500_000, ceilingCents: 2_500_000, spentCents: 2_700_000, eligibleCents: 2_500_000, excessCents: 200_000 },
    { heading: 'services', approvedCents: 2_000_000, limitCents: 500_000, ceilingCents: 2_500_000, spentCents: 1_000_000, eligibleCents: 1_000_000, excessCents: 0 },
  ],
  spentDirectCents: 3_700_000, unbudgetedCents: 0, eligibleDirectCents: 3_500_000, eligibleIndirectCents: 0, eligibleCostsCents: 3_500_000, eligibleCents: 3_500_000,
  cappedBy: [{ code: 'heading_over_reallocation_limit', params: { heading: 'human_resources', approvedCents: 2_000_000, limitCents: 500_000, spentCents: 2_700_000, excessCents: 200_000 } }],
  paidCents: 3_200_000, balanceCents: 300_000, kind: 'payment', paymentCents: 300_000, recoveryCents: 0,
};
const INPUTS = { grantCents: 4_000_000, approvedDirectCents: 4_000_000, indirectRateBp: 0, reallocationWithoutAmendmentBp: 2500, coFinancingCents: 0, paidCents: 3_200_000, acceptedExpenditureReports: 2 };
const BALANCE: FinalBalanceView = {
  grantId: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', grantStatus: 'in_force', version: 7, inputs: INPUTS, computed: FIGURES, drawnUp: null,
  finalReportStatus: 'accepted', balanceTranche: { id: 't2', seq: 2, status: 'planned', amountCents: 800_000 }, recoveryOrder: null, problems: [], can: { drawUp: true },
};
const CHECKLIST: ClosureView = {
  grantId: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', grantStatus: 'in_force', version: 7,
  items: [
    { code: 'final_report_accepted', met: true, params: {} },
    { code: 'final_balance_settled', met: false, params: {} },
    { code: 'action_points_closed', met: false, params: { open: 2 } },
    { code: 'documents_in_place', met: false, params: { missing: 2 } },
  ],
  missingDocuments: ['agreement', 'expenditure_report:2'], finalBalanceKind: null, balanceTrancheStatus: 'planned', recoveryOrderStatus: null, closed: null, can: { close: false },
};
const READY: ClosureView = {
  ...CHECKLIST, missingDocuments: [], can: { close: true },
  items: CHECKLIST.items.map((i): ClosureView['items'][number] => ({ ...i, met: true, params: i.code === 'action_points_closed' ? { open: 0 } : i.code === 'documents_in_place' ? { missing: 0 } : {} })),
};
const ORDER: RecoveryOrder = {
  id: ORDER_ID, grantId: GRANT_ID, agreementNumber: 'MF-C3-2026-00/G-001', organizationName: 'Shelter CSO', number: 'RO-MF-C3-2026-00/G-001',
  amountCents: 1_000_000, repaidCents: 400_000, owedCents: 600_000, dueDate: '2027-02-01', status: 'partially_repaid', createdAt: '2027-01-02T10:00:00Z', version: 2,
  finalBalance: { ...FIGURES, kind: 'recovery', balanceCents: -1_000_000, paymentCents: 0, recoveryCents: 1_000_000 },
  repayments: [{ id: 'p1', amountCents: 400_000, receivedOn: '2027-01-10', bankReference: 'IN-1', recordedByName: 'Officer', recordedAt: '2027-01-10T12:00:00Z' }],
  can: { recordRepayment: true },
};

const routes = [
  { path: '/grants/:id', element: <GrantPage /> },
  { path: '/grants/:id/closure', element: <GrantClosurePage /> },
  { path: '/recovery-orders', element: <RecoveryOrdersPage /> },
  { path: '/recovery-orders/:id', element: <RecoveryOrderPage /> },
];
const open = (me: Me, path: string) => renderRoutes(routes, [path], queryClientWith(me));

describe('closing a grant: the final balance, the checklist, recovery orders', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the Secretariat each heading and each cap in words, and draws the balance up from the version it read', async () => {
    let balance = BALANCE;
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}/final-balance` && init.method === 'GET') return json(balance);
      if (url === `/api/grants/${GRANT_ID}/final-balance` && init.method === 'POST') {
        balance = { ...BALANCE, version: 8, drawnUp: { balance: FIGURES, sha256: 'ab'.repeat(32), drawnUpAt: '2027-01-20T10:00:00Z' }, balanceTranche: { id: 't2', seq: 2, status: 'planned', amountCents: 300_000 }, can: { drawUp: false } };
        return json(balance);
      }
      if (url === `/api/grants/${GRANT_ID}/closure`) return json(CHECKLIST);
      return undefined;
    });
    open(officer, `/grants/${GRANT_ID}/closure`);
    const panel = within(await screen.findByTestId('final-balance'));
    const hr = within(panel.getByTestId('balance-heading-human_resources'));
    expect(hr.getByText('€27,000.00')).toBeTruthy();
    expect(hr.getAllByText('€25,000.00')).toHaveLength(2); // the ceiling and what is eligible
    expect(panel.getByTestId('cap-heading_over_reallocation_limit').textContent).toBe(
      'Human resources: €27,000.00 spent on an approved €20,000.00; up to €5,000.00 more is allowed without an amendment, so €2,000.00 beyond it is not eligible.');
    expect(panel.getByTestId('balance-eligible').textContent).toBe('€35,000.00');
    expect(panel.getByTestId('balance-paid').textContent).toBe('€32,000.00');
    expect(panel.getByTestId('balance-outcome').textContent).toContain('Final payment of €3,000.00');

    fireEvent.click(panel.getByRole('button', { name: 'Draw up the final balance' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Draw up the final balance' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/final-balance`)).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/final-balance`)[0])).toEqual({ version: 7 });
    expect((await screen.findByTestId('balance-drawn-up')).textContent).toContain('These figures are final');
    expect(screen.getByTestId('balance-tranche').textContent).toContain('Balance tranche 2: €3,000.00, planned.');
    expect(screen.queryByRole('button', { name: 'Draw up the final balance' })).toBeNull();
  });

  it('says what stops the balance from being drawn up, and shows the organisation the same figures without any action', async () => {
    mockFetch((url) => {
      if (url === `/api/grants/${GRANT_ID}/final-balance`) {
        return json({ ...BALANCE, finalReportStatus: 'submitted', can: { drawUp: false }, problems: [{ field: 'finalReport', code: 'final_report_not_accepted', params: { status: 'submitted' } }] });
      }
      if (url === `/api/grants/${GRANT_ID}/closure`) return json(CHECKLIST);
      return undefined;
    });
    open(owner, `/grants/${GRANT_ID}/closure`);
    expect((await screen.findByTestId('balance-problem-final_report_not_accepted')).textContent).toBe('The final narrative report is not accepted yet (it is submitted, waiting for review).');
    expect(screen.getByTestId('balance-computed')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Draw up the final balance' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close the grant' })).toBeNull();
    expect(screen.queryByLabelText('Closing note')).toBeNull();
  });

  it('lists each unmet item of the checklist with what documents in place means, and keeps the close shut until all are met', async () => {
    mockFetch((url) => {
      if (url === `/api/grants/${GRANT_ID}/final-balance`) return json(BALANCE);
      if (url === `/api/grants/${GRANT_ID}/closure`) return json(CHECKLIST);
      return undefined;
    });
    open(officer, `/grants/${GRANT_ID}/closure`);
    const list = within(await screen.findByTestId('closure-checklist'));
    expect(list.getByTestId('closure-item-final_report_accepted').getAttribute('data-met')).toBe('true');
    expect(list.getByTestId('closure-item-action_points_closed').textContent).toContain('not yet: open: 2');
    const docs = within(list.getByTestId('closure-item-documents_in_place'));
    expect(docs.getByText(/the supporting documents of each accepted expenditure report, and the addendum of each approved amendment/)).toBeTruthy();
    expect(within(docs.getByTestId('missing-documents')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['The agreement as sent for signature', 'Supporting documents of expenditure report 2']);
    expect((list.getByRole('button', { name: 'Close the grant' }) as HTMLButtonElement).disabled).toBe(true);
    expect(list.getByTestId('close-blocked')).toBeTruthy();
  });

  it('closes a grant with its closing note once every item is met, and shows it read-only afterwards', async () => {
    let closure = READY;
    let balance: FinalBalanceView = { ...BALANCE, drawnUp: { balance: FIGURES, sha256: 'cd'.repeat(32), drawnUpAt: '2027-01-20T10:00:00Z' }, can: { drawUp: false } };
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}/final-balance`) return json(balance);
      if (url === `/api/grants/${GRANT_ID}/closure`) return json(closure);
      if (url === `/api/grants/${GRANT_ID}/close` && init.method === 'POST') {
        closure = { ...READY, grantStatus: 'closed', version: 8, closed: { closedAt: '2027-02-01T09:00:00Z', closingNote: 'Delivered as agreed.' }, can: { close: false } };
        balance = { ...balance, grantStatus: 'closed' };
        return json(closure);
      }
      return undefined;
    });
    open(officer, `/grants/${GRANT_ID}/closure`);
    const list = within(await screen.findByTestId('closure-checklist'));
    fireEvent.click(list.getByRole('button', { name: 'Close the grant' }));
    expect(await list.findByText('Write the closing note.')).toBeTruthy();
    expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/close`)).toHaveLength(0);
    fireEvent.change(list.getByLabelText('Closing note'), { target: { value: '  Delivered as agreed.  ' } });
    fireEvent.click(list.getByRole('button', { name: 'Close the grant' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/close`)).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/close`)[0])).toEqual({ version: 7, closingNote: 'Delivered as agreed.' });
    expect((await screen.findByTestId('closure-closed')).textContent).toContain('Delivered as agreed.');
    expect(await screen.findByTestId('closed-grant-banner')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close the grant' })).toBeNull();
  });

  it('lets the Secretariat record a repayment, never above what is still owed', async () => {
    let order = ORDER;
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/recovery-orders/${ORDER_ID}` && init.method === 'GET') return json(order);
      if (url === `/api/recovery-orders/${ORDER_ID}/repayments` && init.method === 'POST') {
        const b = JSON.parse(String(init.body)) as { amountCents: number; receivedOn: string; bankReference: string };
        order = { ...ORDER, repaidCents: 1_000_000, owedCents: 0, status: 'settled', can: { recordRepayment: false },
          repayments: [...ORDER.repayments, { id: 'p2', amountCents: b.amountCents, receivedOn: b.receivedOn, bankReference: b.bankReference, recordedByName: 'Officer', recordedAt: '2027-01-20T12:00:00Z' }] };
        return json(order);
      }
      return undefined;
    });
    open(officer, `/recovery-orders/${ORDER_ID}`);
    expect((await screen.findByTestId('order-owed')).textContent).toBe('€6,000.00');
    const form = within(screen.getByTestId('repayment-form'));
    fireEvent.change(form.getByLabelText('Amount (EUR)'), { target: { value: '6000.01' } });
    fireEvent.change(form.getByLabelText('Bank reference'), { target: { value: 'IN-2' } });
    fireEvent.click(form.getByRole('button', { name: 'Record the repayment' }));
    expect(await form.findByText('At most €6,000.00: no more is owed.')).toBeTruthy();
    expect(fetch.sent('POST', `/api/recovery-orders/${ORDER_ID}/repayments`)).toHaveLength(0);
    fireEvent.change(form.getByLabelText('Amount (EUR)'), { target: { value: '6000' } });
    fireEvent.click(form.getByRole('button', { name: 'Record the repayment' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/recovery-orders/${ORDER_ID}/repayments`)).toHaveLength(1));
    expect(bodyOf<{ amountCents: number; bankReference: string }>(fetch.sent('POST', `/api/recovery-orders/${ORDER_ID}/repayments`)[0])).toMatchObject({ amountCents: 600_000, bankReference: 'IN-2' });
    expect((await screen.findByTestId('order-status')).textContent).toBe('Settled');
    expect(screen.queryByTestId('repayment-form')).toBeNull();
  });

  it('shows an observer the recovery orders read-only, in Albanian', async () => {
    await setupI18n('sq');
    mockFetch((url) => {
      if (url === '/api/recovery-orders') return json({ items: [ORDER], total: 1 });
      if (url === `/api/recovery-orders/${ORDER_ID}`) return json({ ...ORDER, can: { recordRepayment: false } });
      return undefined;
    });
    open(observer, '/recovery-orders');
    const row = within(await screen.findByTestId(`order-${ORDER_ID}`));
    expect(row.getByText('10.000,00 €')).toBeTruthy();
    expect(row.getByText('I kthyer pjesërisht')).toBeTruthy();
    fireEvent.click(row.getByRole('link', { name: ORDER.number }));
    expect(await screen.findByTestId('order-owed')).toBeTruthy();
    expect(screen.queryByTestId('repayment-form')).toBeNull();
  });

  it('marks a closed grant read-only on its page and links to its final balance and closure', async () => {
    mockFetch((url) => {
      if (url === `/api/grants/${FIXTURE_GRANT_ID}`) return json({ ...GRANT, status: 'closed', nextStatuses: [], recordActions: [] });
      return undefined;
    });
    open(owner, `/grants/${FIXTURE_GRANT_ID}`);
    expect((await screen.findByTestId('closed-grant-banner')).textContent).toContain('nothing on it can be changed any more');
    const section = within(screen.getByTestId('grant-closure-section'));
    expect(section.getByRole('link', { name: 'Open the final balance and closure' }).getAttribute('href')).toBe(`/grants/${FIXTURE_GRANT_ID}/closure`);
  });

  it('puts the recovery order to repay on the organisation\'s home page, and the closing work on the Secretariat\'s, in Serbian', async () => {
    await setupI18n('sr');
    const entry = { id: ORDER_ID, reference: 'MF-C3-2026-00/G-001', name: 'Shelter CSO', callId: null, callReference: null, callTitle: null, at: '2027-02-01T11:00:00Z', pending: null, grantId: GRANT_ID, link: `/recovery-orders/${ORDER_ID}` };
    const todo = (kinds: Todo['items'][number]['kind'][]): Todo => ({
      total: kinds.length, items: kinds.map((kind) => ({ kind, count: 1, oldestAt: entry.at, link: entry.link, entries: [entry] })),
    });
    let served = todo(['recovery_order.to_repay']);
    mockFetch((url) => {
      if (url === '/api/home/todo') return json(served);
      if (url.startsWith('/api/notifications')) return json({ items: [], unreadCount: 0, total: 0 });
      return undefined;
    });
    const view = renderPage(<HomePage />, '/home', queryClientWith(owner));
    const repay = within(await screen.findByTestId('todo-recovery_order.to_repay'));
    expect(repay.getByRole('heading').textContent).toContain('Nalozi za povraćaj koje treba platiti');
    expect((await screen.findByTestId('todo-recovery_order.to_repay')).textContent).toContain(`rok ${formatDate(entry.at, 'sr')}`);
    view.unmount();
    served = todo(['grant.final_balance_to_draw_up', 'recovery_order.outstanding', 'grant.to_close']);
    renderPage(<HomePage />, '/home', queryClientWith(officer));
    expect(within(await screen.findByTestId('todo-grant.to_close')).getByRole('heading').textContent).toContain('Grantovi sa izmirenim konačnim bilansom, za zatvaranje');
    expect(within(screen.getByTestId('todo-grant.final_balance_to_draw_up')).getByRole('heading').textContent).toContain('Konačni bilansi koje treba sastaviti');
    expect(document.body.textContent).not.toMatch(/home\.todo|\.(title|at)\b/);
  });
});
