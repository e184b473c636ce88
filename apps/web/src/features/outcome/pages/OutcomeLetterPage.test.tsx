import { permissionsFor } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { MyApplicationsPage } from '../../applications/pages/MyApplicationsPage';
import type { OutcomeLetter } from '../api';
import { OutcomeLetterPage } from './OutcomeLetterPage';

const APP_ID = '22222222-2222-4222-8222-222222222222';
const GRID: OutcomeLetter['grid'] = [
  { id: 'capacity', title: { en: 'Financial and operational capacity', sq: 'Kapaciteti financiar dhe operacional', sr: 'Finansijski i operativni kapacitet' }, maxPoints: 20, thresholdPoints: 12 },
  { id: 'relevance', title: { en: 'Relevance of the action', sq: 'Relevanca e veprimit', sr: 'Relevantnost akcije' }, maxPoints: 30, thresholdPoints: null },
];
const BASE: OutcomeLetter = {
  application: { id: APP_ID, reference: 'MF-C3-2026-00-002', status: 'awarded', organizationName: 'Centar za podršku', requestedCents: 4_000_000 },
  call: { id: 'c1', reference: 'MF-C3-2026-00', title: { en: 'Reintegration grants', sq: 'Grante për riintegrim', sr: 'Grantovi za reintegraciju' } },
  decision: { decidedOn: '2026-06-15', sha256: 'f'.repeat(64) },
  outcome: 'awarded',
  reason: null,
  rank: 2,
  reservePlace: null,
  movedUp: false,
  failures: [],
  points: { sections: { capacity: 16.5, relevance: 25 }, total: 41.5 },
  pointsRounding: 'each_rounded',
  award: { id: 'w1', amountCents: 3_500_000, status: 'awarded', adjustmentReason: 'Travel costs above the market rate', answeredAt: '2026-06-20T10:00:00Z', declineReason: null },
  grid: GRID,
  totalThreshold: 30,
  comments: [
    { evaluator: 1, comments: { capacity: 'Experienced staff.', relevance: 'Clearly addresses reintegration.' } },
    { evaluator: 2, comments: { capacity: 'Solid finances.', relevance: 'Good needs analysis.' } },
  ],
};

const routes = [{ path: '/applications/:id/outcome', element: <OutcomeLetterPage /> }];

describe('applicant: the outcome letter', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('tells an awarded applicant the amount and the next step, with scores, rank, anonymous comments, the decision and the PDF', async () => {
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(BASE) : undefined));
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);

    expect(await screen.findByRole('heading', { name: 'Outcome of application MF-C3-2026-00-002' })).toBeTruthy();
    const verdict = within(screen.getByTestId('outcome-verdict'));
    expect(verdict.getByText('Awarded: a grant of €35,000.00')).toBeTruthy();
    expect(verdict.getByText('The committee set the amount below the €40,000.00 you requested: Travel costs above the market rate')).toBeTruthy();
    expect(verdict.getByText(/Next step: the grant agreement/)).toBeTruthy();

    const capacity = within(screen.getByTestId('outcome-section-capacity'));
    expect(capacity.getByText('Financial and operational capacity')).toBeTruthy();
    expect(capacity.getByText('16.5')).toBeTruthy();
    expect(capacity.getByText('20')).toBeTruthy();
    expect(capacity.getByText('12')).toBeTruthy();
    expect(within(screen.getByTestId('outcome-section-relevance')).getByText('—')).toBeTruthy();
    const total = within(screen.getByTestId('outcome-total'));
    expect(total.getByText('41.5')).toBeTruthy();
    expect(total.getByText('50')).toBeTruthy();
    expect(total.getByText('30')).toBeTruthy();
    expect(screen.getByTestId('outcome-rank').textContent).toBe('Rank 2 among the applications that passed every threshold.');

    const comments = within(screen.getByTestId('outcome-comments-relevance'));
    expect(comments.getByText('Evaluator 1')).toBeTruthy();
    expect(comments.getByText('Evaluator 2')).toBeTruthy();
    expect(comments.getByText('Good needs analysis.')).toBeTruthy();

    expect(screen.getByText('Decided by the evaluation committee on 15 Jun 2026.')).toBeTruthy();
    expect(screen.getByTestId('outcome-sha256').textContent).toBe('f'.repeat(64));
    expect(screen.getByRole('link', { name: 'Download letter (PDF)' }).getAttribute('href')).toBe(`/api/applications/${APP_ID}/outcome.pdf`);
  });

  it('explains a rejection below a threshold, section by section, and a reserve place', async () => {
    const rejected: OutcomeLetter = {
      ...BASE, outcome: 'rejected', reason: 'below_threshold', rank: null, award: null,
      points: { sections: { capacity: 10, relevance: 18 }, total: 28 },
      failures: [
        { scope: 'section', sectionId: 'capacity', thresholdPoints: 12, points: 10 },
        { scope: 'total', sectionId: null, thresholdPoints: 30, points: 28 },
      ],
    };
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(rejected) : undefined));
    const { unmount } = renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    const verdict = within(await screen.findByTestId('outcome-verdict'));
    expect(verdict.getByText('Not awarded')).toBeTruthy();
    expect(verdict.getByText(/scored below a minimum \(threshold\)/)).toBeTruthy();
    expect(verdict.getByText('Financial and operational capacity: 10 points, the threshold is 12')).toBeTruthy();
    expect(verdict.getByText('Total: 28 points, the threshold is 30')).toBeTruthy();
    expect(screen.getByTestId('outcome-rank').textContent).toBe('Not ranked: the application did not pass every threshold.');
    unmount();

    vi.unstubAllGlobals();
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json({ ...BASE, outcome: 'reserve', reservePlace: 1, award: null, rank: 4 }) : undefined));
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(within(await screen.findByTestId('outcome-verdict')).getByText('On the reserve list, in place 1')).toBeTruthy();
  });

  it('explains a rejection outside the envelope and a declined grant', async () => {
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json({ ...BASE, outcome: 'rejected', reason: 'not_within_envelope', award: null, rank: 9 }) : undefined));
    const { unmount } = renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(within(await screen.findByTestId('outcome-verdict')).getByText(/passed every threshold, but the call's budget was used up/)).toBeTruthy();
    unmount();

    vi.unstubAllGlobals();
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json({ ...BASE, outcome: 'declined', award: { ...BASE.award!, status: 'declined' } } satisfies OutcomeLetter) : undefined));
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(within(await screen.findByTestId('outcome-verdict')).getByText('Grant declined')).toBeTruthy();
  });

  it('after moving up from the reserve list says awarded, with no reserve place beside it', async () => {
    const moved: OutcomeLetter = { ...BASE, movedUp: true, reservePlace: null, award: { ...BASE.award!, amountCents: 4_000_000, adjustmentReason: null } };
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(moved) : undefined));
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    const verdict = await screen.findByTestId('outcome-verdict');
    expect(within(verdict).getByText('Awarded: a grant of €40,000.00')).toBeTruthy();
    expect(within(verdict).getByText(/moved up from the reserve list/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/reserve list, in place/);
  });

  it('shows section points that add up to the total, to two decimals, and says how they are rounded', async () => {
    const letter: OutcomeLetter = { ...BASE, points: { sections: { capacity: 24.34, relevance: 48.33 }, total: 72.67 }, pointsRounding: 'sections_add_up' };
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(letter) : undefined));
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(await within(await screen.findByTestId('outcome-section-capacity')).findByText('24.34')).toBeTruthy();
    expect(within(screen.getByTestId('outcome-total')).getByText('72.67')).toBeTruthy();
    expect(screen.getByTestId('outcome-rounding').textContent).toMatch(/add up to it \(largest remainder\)/);
  });
});

describe('applicant: an offer for less than requested', () => {
  const OFFER: OutcomeLetter = {
    ...BASE, outcome: 'offered', application: { ...BASE.application, status: 'offered' },
    award: { id: 'w9', amountCents: 3_500_000, status: 'offered', adjustmentReason: 'Travel costs above the market rate', answeredAt: null, declineReason: null },
  };
  const owner = () => queryClientWith(makeMe({ permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) }));
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    resetCsrfToken();
  });

  it('is an offer to answer, not an award; accepting asks first, then shows the award', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === `/api/applications/${APP_ID}/outcome`) return json(OFFER);
      if (url === '/api/awards/w9/accept' && init.method === 'POST') {
        return json({ ...OFFER, outcome: 'awarded', application: { ...OFFER.application, status: 'awarded' }, award: { ...OFFER.award!, status: 'awarded', answeredAt: '2026-06-21T09:00:00Z' } } satisfies OutcomeLetter);
      }
      return undefined;
    });
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`], owner());
    const verdict = within(await screen.findByTestId('outcome-verdict'));
    expect(verdict.getByText('Offer: a grant of €35,000.00, less than the €40,000.00 you requested')).toBeTruthy();
    expect(verdict.getByText('The committee lowered the amount: Travel costs above the market rate')).toBeTruthy();
    expect(verdict.getByText(/Nothing is awarded until your organisation answers/)).toBeTruthy();
    expect(verdict.queryByText(/^Awarded/)).toBeNull();

    fireEvent.click(verdict.getByRole('button', { name: 'Accept the offer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Accept the offer?' });
    expect(fetch.sent('POST', '/api/awards/w9/accept')).toHaveLength(0); // nothing is sent before the confirmation
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept the offer' }));
    expect(await within(await screen.findByTestId('outcome-verdict')).findByText('Awarded: a grant of €35,000.00')).toBeTruthy();
    expect(fetch.sent('POST', '/api/awards/w9/accept')).toHaveLength(1);
    expect(screen.queryByTestId('offer-actions')).toBeNull();
  });

  it('refusing sends the reason and shows the refusal as a status', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === `/api/applications/${APP_ID}/outcome`) return json(OFFER);
      if (url === '/api/awards/w9/refuse' && init.method === 'POST') {
        return json({ ...OFFER, outcome: 'declined', application: { ...OFFER.application, status: 'declined' }, award: { ...OFFER.award!, status: 'refused', answeredAt: '2026-06-21T09:00:00Z', declineReason: 'Too little' } } satisfies OutcomeLetter);
      }
      return undefined;
    });
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`], owner());
    fireEvent.click(await screen.findByRole('button', { name: 'Refuse the offer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refuse the offer?' });
    fireEvent.change(within(dialog).getByLabelText(/Why do you refuse/), { target: { value: 'Too little' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Refuse the offer' }));
    await waitFor(() => expect(fetch.sent('POST', '/api/awards/w9/refuse')).toHaveLength(1));
    expect(bodyOf(fetch.sent('POST', '/api/awards/w9/refuse')[0])).toEqual({ reason: 'Too little' });
    const verdict = within(await screen.findByTestId('outcome-verdict'));
    expect(await verdict.findByText('Offer refused')).toBeTruthy();
    expect(verdict.getByText('Your organisation refused the offer on 21 Jun 2026. The money went down the reserve list.')).toBeTruthy();
  });

  it('reads in Serbian Cyrillic, with points, amounts and the date in its format', async () => {
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(BASE) : undefined));
    await setupI18n('sr-Cyrl');
    const { unmount } = renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(await screen.findByRole('heading', { name: 'Исход пријаве MF-C3-2026-00-002' })).toBeTruthy();
    expect(within(screen.getByTestId('outcome-verdict')).getByText(/35\.000,00 €/)).toBeTruthy();
    expect(within(screen.getByTestId('outcome-section-capacity')).getByText('16,5')).toBeTruthy();
    expect(within(screen.getByTestId('outcome-section-capacity')).getByText('Финансијски и оперативни капацитет')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Одлука' }).textContent).toMatch(/одлуку је донела комисија за оцењивање 15\. јун 2026\./i);
    unmount();
    await setupI18n('en');
  });

  it('a reader without the right to answer is told who answers; the page reads in Albanian too', async () => {
    mockFetch((url) => (url === `/api/applications/${APP_ID}/outcome` ? json(OFFER) : undefined));
    await setupI18n('sq');
    const { unmount } = renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    const verdict = within(await screen.findByTestId('outcome-verdict'));
    expect(verdict.getByText('Ofertë: një grant prej 35.000,00 €, më pak se 40.000,00 € që kërkuat')).toBeTruthy();
    expect(verdict.getByText('Një anëtar i organizatës suaj i përgjigjet ofertës këtu.')).toBeTruthy();
    expect(verdict.queryByRole('button', { name: 'Prano ofertën' })).toBeNull();
    unmount();
    await setupI18n('en');
  });

  it('says there is no letter yet before the decision (404)', async () => {
    mockFetch(() => undefined);
    renderRoutes(routes, [`/applications/${APP_ID}/outcome`]);
    expect(await screen.findByTestId('outcome-not-yet')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Download letter (PDF)' })).toBeNull();
  });

  it('links to the letter from the list of my applications once there is an outcome, and translates "declined"', async () => {
    mockFetch((url) => {
      if (url.startsWith('/api/applications')) {
        const item = { callId: 'c1', callReference: 'MF-C3-2026-00', organizationName: 'Centar', requestedCents: 100, submittedAt: null, admissibilityOutcome: null };
        return json({
          items: [
            { ...item, id: 'a1', status: 'awarded', reference: 'R-1' },
            { ...item, id: 'a2', status: 'in_evaluation', reference: 'R-2' },
            { ...item, id: 'a3', status: 'declined', reference: 'R-3' },
            { ...item, id: 'a4', status: 'offered', reference: 'R-4' },
          ],
          total: 4, page: 1, pageSize: 20,
        });
      }
      return undefined;
    });
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    qc.setQueryData(['me'], { ...makeMe(), permissions: permissionsFor({ role: 'applicant', orgRole: 'owner' }) });
    renderRoutes([{ path: '/applications', element: <MyApplicationsPage /> }], ['/applications'], qc);
    const links = await screen.findAllByRole('link', { name: 'Outcome letter' });
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/applications/a1/outcome', '/applications/a3/outcome', '/applications/a4/outcome']);
    expect(screen.getByText('Declined')).toBeTruthy();
    expect(screen.getByText("Offered: waiting for the organisation's answer")).toBeTruthy();
  });
});
