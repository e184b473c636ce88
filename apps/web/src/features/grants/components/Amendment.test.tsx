import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { GrantPage } from '../pages/GrantPage';
import { GRANT, GRANT_ID } from '../test/fixtures';
import type { Grant, GrantAmendment } from '../types';
import type { AmendmentContext, GrantVersionDiff, GrantVersionSummary } from './AmendmentApi';

const owner = makeMe({ role: 'applicant', orgRole: 'owner', organizationId: 'o1', permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });

const LATEST = {
  version: 1, agreementNumber: 'MF-C3-2026-00/G-001', amountCents: 2_140_000, startDate: '2026-07-01', endDate: '2027-12-31',
  budgetLines: [
    { lineId: 'L1', heading: 'human_resources' as const, description: 'Psychologist', approvedCents: 1_500_000 },
    { lineId: 'L2', heading: 'travel' as const, description: 'Outreach', approvedCents: 500_000 },
  ],
  indirectCents: 140_000,
  logframe: { overallObjective: 'Victims are reintegrated', specificObjectives: [{ text: 'SO1', nsObjective: 'III.2.7', results: [{ text: 'R1', indicators: [], activities: [] }] }] },
  bankAccount: { iban: 'XK051212012345678906', holder: null }, amendmentId: null,
};
const CONTEXT: AmendmentContext = {
  grantId: GRANT_ID, grantStatus: 'in_force', awardedCents: 2_140_000, latest: LATEST as AmendmentContext['latest'],
  rules: { reallocationWithoutAmendmentBp: 2500, indirectCostCapBp: 700, costHeadings: [{ code: 'human_resources', capPct: null }, { code: 'travel', capPct: null }] },
  originalBudget: { human_resources: 1_500_000, travel: 500_000, indirect: 140_000 }, currentBudget: { human_resources: 1_500_000, travel: 500_000, indirect: 140_000 },
  spentByHeading: {}, pendingKinds: [], maxDurationMonths: 24, priorityObjectives: ['III.2', 'III.4'],
};
const VERSIONS: GrantVersionSummary[] = [
  { version: 1, sha256: 'c'.repeat(64), amendmentId: null, amendmentKind: null, notice: false, addendumFileId: null, addendumSha256: null, createdAt: '2026-06-25T10:00:00Z' },
  { version: 2, sha256: 'd'.repeat(64), amendmentId: 'a1', amendmentKind: 'budget_reallocation', notice: true, addendumFileId: 'f2', addendumSha256: 'e'.repeat(64), createdAt: '2026-09-01T10:00:00Z' },
  { version: 3, sha256: 'f'.repeat(64), amendmentId: 'a2', amendmentKind: 'no_cost_extension', notice: false, addendumFileId: 'f3', addendumSha256: '1'.repeat(64), createdAt: '2026-10-01T10:00:00Z' },
];
const DIFF: GrantVersionDiff = {
  fromVersion: 2, toVersion: 3, amountCents: null, startDate: null, endDate: { from: '2027-12-31', to: '2028-03-31' }, indirectCents: null,
  budgetLines: { added: [], removed: [], changed: [{ lineId: 'L2', from: { ...LATEST.budgetLines[1]! }, to: { ...LATEST.budgetLines[1]!, approvedCents: 600_000 }, deltaCents: 100_000 }] },
  logframe: { added: [], removed: [], changed: [] }, bankAccount: null, changed: true,
};
const REQUESTED: GrantAmendment = {
  id: 'a9', kind: 'no_cost_extension', status: 'requested', change: { kind: 'no_cost_extension', endDate: '2028-06-30' }, justification: 'Courses delayed',
  bankLetterFileId: null, requestedAt: '2026-11-01T10:00:00Z', decidedAt: null, decisionReason: null, versionId: null, notice: false, reallocation: null,
  addendumFileId: null, addendumSha256: null,
};

function serve(grant: Grant) {
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(grant);
    if (url === `/api/grants/${GRANT_ID}/amendments/context`) return json(CONTEXT);
    if (url === `/api/grants/${GRANT_ID}/versions`) return json({ items: VERSIONS });
    if (url.startsWith(`/api/grants/${GRANT_ID}/versions/compare?`)) return json(DIFF);
    if (url === `/api/grants/${GRANT_ID}/amendments` && init.method === 'POST') return json(grant, 201);
    if (url === '/api/grant-amendments/a9/decision' && init.method === 'POST') return json({ ...grant, amendments: [{ ...REQUESTED, status: 'rejected', decisionReason: 'Too long' }] });
    if (url.startsWith('/api/users')) return json({ items: [], total: 0 });
    return undefined;
  });
}

const open = (me: Me) => renderRoutes([{ path: '/grants/:id', element: <GrantPage /> }], [`/grants/${GRANT_ID}`], queryClientWith(me));
const amount = (description: string, value: string) => fireEvent.change(screen.getByLabelText(`New amount ${description}`), { target: { value } });

describe('grants: the amendment form', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('classifies a reallocation per heading as one types (notice, needs approval, refused and why) and sends a notice with its justification', async () => {
    const fetch = serve(GRANT);
    open(owner);
    fireEvent.click(await screen.findByRole('button', { name: 'Request an amendment' }));
    const form = await screen.findByTestId('amendment-form');
    expect(within(form).getByLabelText('New amount Psychologist')).toHaveProperty('value', '15000.00');
    // €1,000 from the psychologist (−6.66 %) to outreach (+20 %): a notice
    amount('Psychologist', '14000');
    amount('Outreach', '6000');
    expect(screen.getByTestId('reallocation-outcome').textContent).toBe('Notice (applied at once)');
    expect(within(screen.getByTestId('heading-travel')).getByText('Notice (applied at once)')).toBeTruthy();
    expect(screen.getByTestId('notice-hint')).toBeTruthy();
    // €2,000 more to outreach (+40 %): beyond 25 % of the heading, the Secretariat decides
    amount('Psychologist', '13000');
    amount('Outreach', '7000');
    expect(screen.getByTestId('reallocation-outcome').textContent).toBe("Needs the Secretariat's approval");
    expect(within(screen.getByTestId('heading-travel')).getByText(/Moves more than a notice allows \(at most €1,250.00/)).toBeTruthy();
    // indirect costs above 7 % of direct costs: refused, and the button stays off
    amount('Psychologist', '14500');
    amount('Outreach', '5000');
    fireEvent.change(screen.getByLabelText('Indirect costs'), { target: { value: '1900' } });
    expect(screen.getByTestId('reallocation-outcome').textContent).toBe('Refused');
    expect(screen.getByTestId('total-reason-indirect_over_cap').textContent).toMatch(/above 7(\.00)? ?% of direct costs are not eligible/);
    expect(screen.getByRole('button', { name: 'Send the request' })).toHaveProperty('disabled', true);
    // back to a notice; without a justification nothing is sent
    fireEvent.change(screen.getByLabelText('Indirect costs'), { target: { value: '1400' } });
    amount('Psychologist', '14000');
    amount('Outreach', '6000');
    fireEvent.click(screen.getByRole('button', { name: 'Apply by notice' }));
    expect(await screen.findByText('Required')).toBeTruthy();
    expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)).toHaveLength(0);
    fireEvent.change(screen.getByLabelText(/Justification/), { target: { value: 'More outreach trips' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply by notice' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)[0])).toEqual({
      kind: 'budget_reallocation', justification: 'More outreach trips', indirectCents: 140_000,
      budgetLines: [{ ...LATEST.budgetLines[0], approvedCents: 1_400_000 }, { ...LATEST.budgetLines[1], approvedCents: 600_000 }],
    });
  });

  it('keeps a logframe change within the call’s National Strategy priorities, as the application form does', async () => {
    const fetch = serve(GRANT);
    open(owner);
    fireEvent.click(await screen.findByRole('button', { name: 'Request an amendment' }));
    const form = await screen.findByTestId('amendment-form');
    fireEvent.click(within(form).getByRole('radio', { name: 'Logframe change' }));
    fireEvent.change(within(form).getByLabelText('Specific objective 1'), { target: { value: 'SO1, now with legal aid' } });
    fireEvent.change(within(form).getByLabelText(/Justification/), { target: { value: 'Legal aid added' } });
    // the select offers the call's priorities and the activities under them, not the whole Strategy
    fireEvent.click(within(form).getByRole('textbox', { name: /National Strategy objective/ }));
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).queryByRole('option', { name: /^II\.1 — / })).toBeNull();
    fireEvent.click(within(listbox).getByRole('option', { name: /^III\.4\.3 — / }));
    fireEvent.click(within(form).getByRole('button', { name: 'Send the request' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)).toHaveLength(1));
    const body = bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)[0]) as { logframe: { specificObjectives: { nsObjective: string }[] } };
    expect(body.logframe.specificObjectives[0]!.nsObjective).toBe('III.4.3');
  });

  it('asks a no-cost extension for a later end date, in Albanian', async () => {
    await setupI18n('sq');
    const fetch = serve(GRANT);
    open(owner);
    fireEvent.click(await screen.findByRole('button', { name: 'Kërko një ndryshim' }));
    await screen.findByTestId('amendment-form');
    fireEvent.click(screen.getByRole('radio', { name: 'Zgjatje pa kosto' }));
    expect(screen.getByText(/Më vonë se data aktuale e përfundimit, 31 dhj 2027/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dërgo kërkesën' }));
    expect(await screen.findByText('Zgjidhni një datë')).toBeTruthy();
    expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/amendments`)).toHaveLength(0);
  });
});

describe('grants: versions, their comparison and the decision', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the versions with their addenda, compares the last two, and lets the Secretariat reject only with a reason', async () => {
    const fetch = serve({ ...GRANT, amendments: [REQUESTED] });
    open(officer);
    const versions = await screen.findByTestId('versions');
    expect(within(versions).getByTestId('version-1').textContent).toContain('The signed agreement');
    expect(within(within(versions).getByTestId('version-2')).getByText('By notice')).toBeTruthy();
    expect(within(versions).getByRole('link', { name: 'Addendum 2 (PDF)' }).getAttribute('href')).toBe(`/api/grants/${GRANT_ID}/files/f3`);
    const diff = await screen.findByTestId('version-diff');
    expect(fetch.requests.some((r) => r.url === `/api/grants/${GRANT_ID}/versions/compare?from=2&to=3`)).toBe(true);
    expect(within(within(diff).getByTestId('diff-end')).getByText('31 Dec 2027')).toBeTruthy();
    expect(within(within(diff).getByTestId('diff-end')).getByText('31 Mar 2028')).toBeTruthy();
    expect(within(within(diff).getByTestId('diff-line-L2')).getByText('€6,000.00')).toBeTruthy();

    const item = within(screen.getByTestId('amendment-a9'));
    expect(item.getByText('New end date: 30 Jun 2028')).toBeTruthy();
    fireEvent.click(item.getByRole('button', { name: 'Reject' }));
    expect(await item.findByText('A rejection says why')).toBeTruthy();
    expect(fetch.sent('POST', '/api/grant-amendments/a9/decision')).toHaveLength(0);
    fireEvent.change(item.getByLabelText(/Reason for the rejection/), { target: { value: 'Too long' } });
    fireEvent.click(item.getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/grant-amendments/a9/decision')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/grant-amendments/a9/decision')[0])).toEqual({ decision: 'rejected', reason: 'Too long' });
  });
});
