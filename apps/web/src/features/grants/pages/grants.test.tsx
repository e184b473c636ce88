import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { GRANT, GRANT_ID, LIST, TO_SIGN } from '../test/fixtures';
import type { Grant } from '../types';
import { GrantPage } from './GrantPage';
import { GrantsPage } from './GrantsPage';

const owner = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const member = makeMe({ id: 'u2', role: 'applicant', orgRole: 'member', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'member' }) });
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

function serve(grant: Grant, extra?: (url: string, init: { method: string; body?: unknown }) => Response | undefined) {
  return mockFetch((url, init) => {
    const more = extra?.(url, init);
    if (more) return more;
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(grant);
    if (url.startsWith('/api/users')) return json({ items: [], total: 0 });
    if (url.startsWith('/api/grants?') && url.includes('overdue=true') && init.method === 'GET') return json({ ...LIST, items: LIST.items.filter((g) => g.overdue), counts: { ...LIST.counts, total: 1 } });
    if (url.startsWith('/api/grants') && init.method === 'GET') return json(LIST);
    return undefined;
  });
}

const pageRoutes = [{ path: '/grants/:id', element: <GrantPage /> }, { path: '/grants', element: <GrantsPage /> }];
const open = (me: Me, path = `/grants/${GRANT_ID}`) => renderRoutes(pageRoutes, [path], queryClientWith(me));

describe('grants: the list', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the Secretariat every grant with its filters, amounts in the language and the overdue tranche', async () => {
    const fetch = serve(GRANT);
    open(officer, '/grants');
    expect(await screen.findByRole('heading', { name: 'Grants' })).toBeTruthy();
    const row = within(await screen.findByTestId(`grant-row-${GRANT_ID}`));
    expect(row.getByRole('link', { name: 'MF-C3-2026-00/G-001' }).getAttribute('href')).toBe(`/grants/${GRANT_ID}`);
    expect(row.getByText('€30,000.00')).toBeTruthy();
    expect(row.getByText('€24,000.00')).toBeTruthy();
    expect(row.getByText('Overdue')).toBeTruthy();
    expect(screen.getByRole('search', { name: 'Filter the grants' })).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Overdue only' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.url.startsWith('/api/grants?') && r.url.includes('overdue=true'))).toBe(true)); // the server filters
    expect(await screen.findByTestId(`grant-row-${GRANT_ID}`)).toBeTruthy();
    expect(screen.queryByTestId('grant-row-g2')).toBeNull();
  });

  it('sorted by monitoring priority, shows each grant\'s score and band and links to the rule', async () => {
    const fetch = serve(GRANT);
    open(officer, '/grants?sort=monitoringPriority');
    const row = within(await screen.findByTestId(`grant-row-${GRANT_ID}`));
    expect(row.getByText('65 · high')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Priority' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'How the monitoring priority is computed' }).getAttribute('href')).toBe('/monitoring/priority');
    expect(fetch.requests.some((r) => r.url.includes('sort=monitoringPriority'))).toBe(true);
  });

  it("is an organisation's 'My grants' with no filters, in Albanian", async () => {
    await setupI18n('sq');
    serve(GRANT);
    open(owner, '/grants');
    expect(await screen.findByRole('heading', { name: 'Grantet e mia' })).toBeTruthy();
    expect(within(await screen.findByTestId(`grant-row-${GRANT_ID}`)).getByText('30.000,00 €')).toBeTruthy();
    expect(screen.queryByRole('search')).toBeNull();
  });
});

describe('grants: the grant page per role', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('the Secretariat sees the review actions and the timeline; approval of the blocked tranche is refused with the 70 % figure', async () => {
    serve(GRANT);
    open(officer);
    expect(await screen.findByRole('heading', { name: 'Grant MF-C3-2026-00/G-001' })).toBeTruthy();
    expect(screen.getByTestId('secretariat-actions')).toBeTruthy();
    expect(screen.getByTestId('timeline')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download the agreement (PDF)' }).getAttribute('href')).toBe(`/api/grants/${GRANT_ID}/agreement.pdf`);
    const tranche = within(screen.getByTestId('tranche-2'));
    const spent = tranche.getByTestId('conditions-2').querySelector('[data-testid="condition-previous_spent"]') as HTMLElement;
    expect(spent.dataset.met).toBe('false');
    const blocked = within(tranche.getByTestId('blocked-2'));
    expect(blocked.getByText(/spent €10,000.00 of the previous tranche's €24,000.00 = 41.66%, below 70%: €6,800.00 more/)).toBeTruthy();
    expect((tranche.getByRole('button', { name: 'Approve the tranche' }) as HTMLButtonElement).disabled).toBe(true);
    expect(tranche.getByRole('button', { name: 'Return to the organisation' })).toBeTruthy();
    expect(within(screen.getByTestId('tranche-1')).getByTestId('tranche-paid-1').textContent).toBe('Paid on 3 Jul 2026, bank reference BKT-001');
  });

  it('the Secretariat pays an approved tranche with the value date and the bank reference', async () => {
    const approved: Grant = { ...GRANT, tranches: [GRANT.tranches[0]!, { ...GRANT.tranches[1]!, status: 'approved', conditions: GRANT.tranches[1]!.conditions.map((c) => ({ ...c, met: true })) }] };
    const fetch = serve(approved, (url, init) => (url === '/api/tranches/t2/pay' && init.method === 'POST' ? json(approved.tranches[1]) : undefined));
    open(officer);
    const tranche = within(await screen.findByTestId('tranche-2'));
    fireEvent.click(tranche.getByRole('button', { name: 'Record the payment' }));
    fireEvent.click(tranche.getByRole('button', { name: 'Mark as paid' }));
    expect(fetch.sent('POST', '/api/tranches/t2/pay')).toHaveLength(0);
    fireEvent.change(tranche.getByRole('textbox', { name: /Bank reference/ }), { target: { value: 'BKT-777' } });
    fireEvent.click(tranche.getByRole('button', { name: 'Mark as paid' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/tranches/t2/pay')).toHaveLength(1));
    expect(bodyOf<{ bankReference: string; paidOn: string }>(fetch.sent('POST', '/api/tranches/t2/pay')[0]).bankReference).toBe('BKT-777');
  });

  it('a monitor reads the grant with no action and no timeline', async () => {
    serve({ ...GRANT, nextStatuses: [], timeline: [] });
    open(monitor);
    expect(await screen.findByTestId('read-only')).toBeTruthy();
    expect(screen.queryByTestId('secretariat-actions')).toBeNull();
    expect(screen.queryByRole('button', { name: /Approve|Request|Record the payment|Sign/ })).toBeNull();
    expect(screen.queryByTestId('timeline')).toBeNull();
  });

  it('a member of the organisation is told the owner signs, and sees no signing form', async () => {
    serve(TO_SIGN);
    open(member);
    expect(await screen.findByText("The agreement waits for the signature of your organisation's owner.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign the agreement' })).toBeNull();
    expect(screen.queryByTestId('secretariat-actions')).toBeNull();
  });
});

describe('grants: the signing form', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for every field, then sends the password, the name, the function and the hash of the agreement read', async () => {
    const signed: Grant = { ...TO_SIGN, status: 'signed_by_organization', signature: { signatoryName: 'Arta Berisha', signatoryFunction: 'Executive Director', signedAt: '2026-06-22T10:00:00Z', countersignedAt: null } };
    const fetch = serve(TO_SIGN, (url, init) => (url === `/api/grants/${GRANT_ID}/sign` && init.method === 'POST' ? json(signed) : undefined));
    open(owner);
    const submit = await screen.findByRole('button', { name: 'Sign the agreement' });
    fireEvent.change(screen.getByRole('textbox', { name: /Signatory's full name/ }), { target: { value: '  ' } });
    fireEvent.click(submit);
    expect(await screen.findByText('Confirm that you have read the agreement and sign it.')).toBeTruthy();
    expect(screen.getAllByText('This field is required.').length).toBeGreaterThanOrEqual(2);
    expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/sign`)).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /Signatory's full name/ }), { target: { value: 'Arta Berisha' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Signatory's function/ }), { target: { value: 'Executive Director' } });
    fireEvent.change(screen.getByLabelText(/Your password/), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /I have read agreement MF-C3-2026-00\/G-001/ }));
    fireEvent.click(submit);
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/sign`)).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/sign`)[0])).toEqual({
      password: 'correct horse battery', signatoryName: 'Arta Berisha', signatoryFunction: 'Executive Director', agreementSha256: 'b'.repeat(64),
    });
    expect(await screen.findByText('Signed by Arta Berisha (Executive Director) on 22 Jun 2026 12:00')).toBeTruthy();
  });

  it('puts a wrong password on the password field, in Serbian', async () => {
    await setupI18n('sr');
    serve(TO_SIGN, (url, init) =>
      url === `/api/grants/${GRANT_ID}/sign` && init.method === 'POST'
        ? json({ statusCode: 400, error: 'Bad Request', message: 'wrong password', details: [{ field: 'password', code: 'wrong_password', message: 'wrong' }] }, 400)
        : undefined);
    open(owner);
    await screen.findByRole('button', { name: 'Potpiši ugovor' });
    fireEvent.change(screen.getByRole('textbox', { name: /Puno ime potpisnika/ }), { target: { value: 'Arta Berisha' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Funkcija potpisnika/ }), { target: { value: 'Direktorka' } });
    fireEvent.change(screen.getByLabelText(/Vaša lozinka/), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Pročitao\/la sam ugovor/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Potpiši ugovor' }));
    expect(await screen.findByText('Lozinka nije tačna.')).toBeTruthy();
  });
});
