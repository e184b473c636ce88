import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { recordingFetch } from '../../evaluation/test/requests';
import { formatDateInput } from '../../../ui/format-date-input';
import { todayInKosovo } from '../../../ui/today';
import { ROWS, rankingData, secretariatClient } from '../test/fixtures';
import type { DecisionSnapshot, RankingData } from '../types';
import { RankingPage } from './RankingPage';

function render() {
  return renderRoutes([{ path: '/calls/:id/ranking', element: <RankingPage /> }], ['/calls/c1/ranking'], secretariatClient());
}

const SHA_1 = 'a'.repeat(64);
const SHA_2 = 'b'.repeat(64);

function decided(): RankingData {
  const base = rankingData({ status: 'decided', sha256: SHA_2 });
  return {
    ...base,
    decision: {
      id: 'd1', seq: 1, kind: 'decision', committeeMembers: ['Ana Berisha, chair', 'Jovan Jovanović, member'], decidedOn: '2026-06-02',
      envelopeCents: 12_000_000, sha256: 'c0ffee'.repeat(10) + 'beef', recordedAt: '2026-06-02T12:30:00Z', anchor: { seq: 41, hash: 'd'.repeat(64) },
      snapshot: { envelopeCents: 12_000_000, committeeMembers: [], decidedOn: '2026-06-02', ranking: ROWS, awardedCents: 10_000_000, remainingCents: 2_000_000 } satisfies DecisionSnapshot,
    },
    awards: [
      { id: 'w1', applicationId: 'a1', reference: 'APP-1', organizationName: 'Qendra Zëri', amountCents: 5_000_000, requestedCents: 5_000_000, adjustmentReason: null, status: 'awarded', declinedAt: null, declineReason: null, answeredAt: null },
      { id: 'w2', applicationId: 'a2', reference: 'APP-2', organizationName: 'Centar Sigurnost', amountCents: 5_000_000, requestedCents: 5_000_000, adjustmentReason: null, status: 'awarded', declinedAt: null, declineReason: null, answeredAt: null },
    ],
  };
}

describe('RankingPage: the committee’s decision', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('will not send a decision without a committee member or with a meeting date in the future', async () => {
    const sent = recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(rankingData()) : undefined));
    render();
    const record = await screen.findByRole('button', { name: 'Record the decision' });
    const date = screen.getByLabelText(/Date of the committee's meeting/) as HTMLInputElement;
    // today, written as the reader's language writes a date (not the browser's mm/dd/yyyy)
    expect(date.value).toBe(formatDateInput(todayInKosovo(), 'en'));

    fireEvent.change(screen.getByLabelText(/Members of the evaluation committee/), { target: { value: ' \n \n' } });
    fireEvent.change(date, { target: { value: '2999-01-01' } });
    fireEvent.click(record);
    expect(await screen.findByText('Name at least one member of the committee.')).toBeTruthy();
    expect(screen.getByText('The meeting date cannot be in the future.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sent.bodies('/api/calls/c1/decision', 'POST')).toHaveLength(0);
  });

  it('sends the adjustments with the decision; on 409 ranking_changed it says so, reloads the ranking and decides on the new one', async () => {
    let gets = 0;
    let decisionPosts = 0;
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1/ranking') {
        gets += 1;
        return json(rankingData({ sha256: gets === 1 ? SHA_1 : SHA_2 }));
      }
      if (url === '/api/calls/c1/decision' && init.method === 'POST') {
        decisionPosts += 1;
        if (decisionPosts === 1) {
          return json({ statusCode: 409, error: 'Conflict', message: 'The ranking changed since you opened it (a sheet was submitted or reopened). Reload it and decide again.', details: [{ field: 'rankingSha256', code: 'ranking_changed', message: 'The ranking has changed' }] }, 409);
        }
        return json(decided(), 201);
      }
      return undefined;
    });
    render();

    // the committee lowers APP-1 to €30,000: the money left now reaches APP-3
    fireEvent.click(await screen.findByRole('button', { name: 'Adjust the amount of APP-1' }));
    let dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText(/Amount to award/), { target: { value: '60000' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Keep the adjustment' }));
    expect(dialog.getByText('The amount may not be more than the requested €50,000.00.')).toBeTruthy();
    expect(dialog.getByText('Give the reason for the adjustment.')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText(/Amount to award/), { target: { value: '30.000' } });
    fireEvent.change(dialog.getByLabelText(/Reason for the adjustment/), { target: { value: 'Staff costs above the market rate' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Keep the adjustment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    expect(within(screen.getByTestId('row-APP-1')).getByText('Adjusted: Staff costs above the market rate')).toBeTruthy();
    expect(within(screen.getByTestId('row-APP-3')).getByText('Awarded')).toBeTruthy();
    expect(within(screen.getByTestId('adjustments')).getByText('APP-1: €30,000.00 instead of €50,000.00 (Staff costs above the market rate)')).toBeTruthy();
    expect(screen.getByText('APP-3 becomes: Awarded')).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Members of the evaluation committee/), { target: { value: 'Ana Berisha, chair\n\n  Jovan Jovanović, member  \n' } });
    fireEvent.change(screen.getByLabelText(/Date of the committee's meeting/), { target: { value: '2026-06-02' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Record' }));

    const stale = await screen.findByTestId('ranking-changed');
    expect(stale.textContent).toContain('The ranking changed since you opened it (a sheet was submitted or reopened). It has been reloaded');
    await waitFor(() => expect(gets).toBe(2));
    await waitFor(() => expect(screen.getByText(`Ranking SHA-256: ${SHA_2}`)).toBeTruthy());

    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Record' }));
    expect(await screen.findByTestId('decision-record')).toBeTruthy();

    const decisions = sent.bodies('/api/calls/c1/decision', 'POST');
    const expected = {
      committeeMembers: ['Ana Berisha, chair', 'Jovan Jovanović, member'],
      decidedOn: '2026-06-02',
      adjustments: [{ applicationId: 'a1', amountCents: 3_000_000, reason: 'Staff costs above the market rate' }],
    };
    expect(decisions).toEqual([{ ...expected, rankingSha256: SHA_1 }, { ...expected, rankingSha256: SHA_2 }]);
  });

  it('shows an offer waiting for its answer and a refused one, and counts the open offer as committed', async () => {
    const d = decided();
    const offers: RankingData = {
      ...d,
      decision: { ...d.decision!, anchor: null },
      awards: [
        d.awards[0],
        { ...d.awards[1], amountCents: 3_000_000, adjustmentReason: 'Staff costs above the market rate', status: 'offered' },
        { id: 'w3', applicationId: 'a3', reference: 'APP-3', organizationName: 'Rrjeti Shpresa', amountCents: 2_000_000, requestedCents: 4_000_000, adjustmentReason: null, status: 'refused', declinedAt: null, declineReason: 'Too little to run the shelter', answeredAt: '2026-06-12T09:00:00Z' },
      ],
    };
    recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(offers) : undefined));
    render();
    const offered = within(await screen.findByTestId('award-APP-2'));
    expect(offered.getByTestId('award-status-APP-2').textContent).toBe("Offered: waiting for the organisation's answer");
    expect(offered.getByText('of €50,000.00 requested')).toBeTruthy();
    // only an award can be declined; an offer is answered by the organisation
    expect(offered.queryByRole('button')).toBeNull();
    const refused = within(screen.getByTestId('award-APP-3'));
    expect(refused.getByTestId('award-status-APP-3').textContent).toBe('Offer refused on 12 Jun 2026');
    expect(refused.getByText('Too little to run the shelter')).toBeTruthy();
    expect(screen.getByText('Committed now: €80,000.00')).toBeTruthy();
    expect(screen.getByTestId('decision-anchor').textContent).toBe('Recorded before decisions were anchored in the audit chain.');
  });

  it('shows the decision frozen, and records that an awarded applicant declined, naming who moves up from the reserve list', async () => {
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1/ranking') return json(decided());
      if (url === '/api/awards/w1/decline' && init.method === 'POST') {
        const d = decided();
        return json({
          ...d,
          awards: [
            { ...d.awards[0], status: 'declined', declinedAt: '2026-06-10T09:00:00Z', declineReason: 'The board withdrew' },
            d.awards[1],
            { id: 'w3', applicationId: 'a3', reference: 'APP-3', organizationName: 'Rrjeti Shpresa', amountCents: 4_000_000, requestedCents: 4_000_000, adjustmentReason: null, status: 'awarded', declinedAt: null, declineReason: null, answeredAt: null },
          ],
        } satisfies RankingData);
      }
      return undefined;
    });
    render();
    const record = within(await screen.findByTestId('decision-record'));
    expect(record.getByText('2 Jun 2026')).toBeTruthy();
    expect(record.getByText('Ana Berisha, chair')).toBeTruthy();
    expect(record.getByText('Jovan Jovanović, member')).toBeTruthy();
    expect(record.getByText('c0ffee'.repeat(10) + 'beef')).toBeTruthy();
    expect(record.getByText('2 Jun 2026 14:30')).toBeTruthy();
    // the audit chain's head anchored with the record
    expect(record.getByTestId('decision-anchor').textContent).toBe(`entry 41 of the audit chain, whose hash at that point is ${'d'.repeat(64)}`);
    // frozen: no what-if, no adjustment, no second decision
    expect(screen.queryByLabelText('Envelope (EUR)')).toBeNull();
    expect(screen.queryByRole('button', { name: /Adjust the amount/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record the decision' })).toBeNull();
    expect(screen.getByTestId('funding-line')).toBeTruthy();

    // the decline is an action (a button that says what it does), the award's state a badge
    const declineButton = screen.getByRole('button', { name: 'Record that the applicant declined the award of APP-1' });
    expect(declineButton.textContent).toBe('Record a decline…');
    expect(screen.getByTestId('award-status-APP-1').textContent).toBe('Awarded');
    fireEvent.click(declineButton);
    const dialog = within(await screen.findByRole('dialog'));
    // the €50,000 that comes back runs the funding line again: APP-3, first on the reserve list, fits
    expect(dialog.getByTestId('moves-up').textContent).toBe(
      'The funding line runs again down the reserve list, in order, and each is told at once:APP-3 (Rrjeti Shpresa) is awarded its requested €40,000.00.',
    );
    fireEvent.click(dialog.getByRole('button', { name: 'Record the decline' }));
    expect(dialog.getByText('Give the reason.')).toBeTruthy();
    fireEvent.change(dialog.getByLabelText(/Reason \(as the applicant gave it\)/), { target: { value: 'The board withdrew' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Record the decline' }));

    expect(await screen.findByTestId('award-APP-3')).toBeTruthy();
    expect(within(screen.getByTestId('award-APP-1')).getByText('Declined on 10 Jun 2026')).toBeTruthy();
    expect(sent.bodies('/api/awards/w1/decline', 'POST')).toEqual([{ reason: 'The board withdrew' }]);
  });
});
