import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { recordingFetch } from '../../evaluation/test/requests';
import { GRID, ROWS, rankingData, secretariatClient } from '../test/fixtures';
import type { RankingData } from '../types';
import { RankingPage } from './RankingPage';

function render(qc = secretariatClient()) {
  return renderRoutes([{ path: '/calls/:id/ranking', element: <RankingPage /> }], ['/calls/c1/ranking'], qc);
}

const mockFetchRanking = (data: RankingData) => recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(data) : undefined));

/** With €160,000 APP-3 fits (€40,000) and APP-4 … stays below its threshold. */
const WHAT_IF: RankingData = rankingData({
  envelopeCents: 16_000_000,
  rows: ROWS.map((r) => (r.applicationId === 'a3' ? { ...r, outcome: 'awarded', awardedCents: 4_000_000, reservePlace: null } : r)),
  changes: [{ applicationId: 'a3', reference: 'APP-3', from: 'reserve', to: 'awarded' }],
});

describe('RankingPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the ranking with section scores, outcomes, the tie-break, and the funding line between the last awarded and the first reserve', async () => {
    recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(rankingData()) : undefined));
    render();
    const table = await screen.findByRole('table', { name: 'Ranking of the applications' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Rank', 'Application', 'Total', 'Relevance', 'Capacity', 'Requested', 'Awarded', 'Outcome']));
    // two sections: their titles head the columns, no legend
    expect(screen.queryByTestId('section-legend')).toBeNull();

    const first = within(screen.getByTestId('row-APP-1'));
    expect(first.getByText('Awarded')).toBeTruthy();
    expect(first.getByTestId('organization-APP-1').textContent).toBe('Qendra Zëri');
    expect(first.getAllByText('€50,000.00', { selector: 'td' })).toHaveLength(2); // requested and awarded
    const second = screen.getByTestId('row-APP-2');
    expect(within(second).getByText('Same total as the application above: placed by the score in Relevance.')).toBeTruthy();
    const reserve = screen.getByTestId('row-APP-3');
    expect(within(reserve).getByText('Reserve 1')).toBeTruthy();
    expect(within(reserve).getByText('70.5')).toBeTruthy();
    const below = within(screen.getByTestId('row-APP-4'));
    expect(below.getByText('Rejected')).toBeTruthy();
    expect(below.getByText('Below a threshold')).toBeTruthy();
    expect(below.getByText('Relevance: 15 (threshold 20)')).toBeTruthy();

    // the funding line sits right after the last awarded row, right before the reserve
    const line = screen.getByTestId('funding-line');
    expect(line.textContent).toBe('Funding line: the envelope of €120,000.00 ends here');
    expect(second.nextElementSibling).toBe(line);
    expect(line.nextElementSibling).toBe(reserve);
    expect(screen.getAllByTestId('funding-line')).toHaveLength(1);

    expect(screen.getByTestId('total-awarded').textContent).toContain('€100,000.00');
    expect(screen.getByTestId('total-remaining').textContent).toContain('€20,000.00');
    expect(screen.getByTestId('total-pending').textContent).toContain('0');
    expect(screen.getByRole('link', { name: 'Download the ranking (CSV)' }).getAttribute('href')).toBe('/api/calls/c1/ranking/export?format=csv');
    expect(screen.getByRole('link', { name: 'Evaluation report (PDF)' }).getAttribute('href')).toBe('/api/calls/c1/evaluation-report.pdf');
  });

  it('with more than three sections numbers their columns and names them in a legend, the tie-break note staying with the outcome', async () => {
    const sections = ['capacity', 'relevance', 'effectiveness', 'sustainability', 'budget'];
    const grid = {
      ...GRID,
      sections: sections.map((id, i) => ({ id, title: { en: `Section ${id}`, sq: `Seksioni ${id}`, sr: `Odeljak ${id}` }, thresholdPoints: null, criteria: [{ id: `${i + 1}.1`, title: GRID.sections[0].title, maxPoints: 20 }] })),
    } satisfies RankingData['call']['grid'];
    const rows = ROWS.map((r) => (r.points ? { ...r, points: { total: r.points.total, sections: Object.fromEntries(sections.map((id, i) => [id, i + 10])) } } : r));
    const data = rankingData({ rows });
    mockFetchRanking({ ...data, call: { ...data.call, grid, rules: { ...data.call.rules, tieBreakSectionId: 'relevance' } } });
    render();
    const table = await screen.findByRole('table', { name: 'Ranking of the applications' });
    // each number column is named for screen readers and on hover
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(expect.arrayContaining(['1Section capacity', '5Section budget']));
    expect(screen.getByTestId('section-header-budget').getAttribute('title')).toBe('Section budget');
    expect(screen.getByTestId('section-legend').textContent).toBe('Sections: 1 Section capacity · 2 Section relevance · 3 Section effectiveness · 4 Section sustainability · 5 Section budget');
    const second = within(screen.getByTestId('row-APP-2'));
    expect(second.getByText('14')).toBeTruthy();
    expect(second.getByText('Same total as the application above: placed by the score in Section relevance.')).toBeTruthy();
    // the amounts and the adjustment stay in the row
    expect(second.getAllByText('€50,000.00', { selector: 'td' })).toHaveLength(2);
    expect(second.getByRole('button', { name: 'Adjust the amount of APP-2' })).toBeTruthy();
  });

  it('shows pending applications with their sheets and offers no decision while any is pending', async () => {
    const pending = rankingData({ rows: [...ROWS, { ...ROWS[3], applicationId: 'a5', reference: 'APP-5', organizationName: 'OJQ Drita', points: null, outcome: 'pending', reason: null, failures: [], sheets: 1, required: 3 }] });
    recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(pending) : undefined));
    render();
    const row = within(await screen.findByTestId('row-APP-5'));
    expect(row.getByText('Pending')).toBeTruthy();
    expect(row.getByText('Sheets 1/3')).toBeTruthy();
    expect(screen.getByTestId('pending-alert').textContent).toContain('1 application still lacks its submitted sheets');
    expect(screen.getByText('The decision can be recorded once 1 more application has all its sheets.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record the decision' })).toBeNull();
  });

  it('re-queries with a what-if envelope, lists what moves, and goes back to the call’s envelope', async () => {
    const sent = recordingFetch((url) => {
      if (url === '/api/calls/c1/ranking') return json(rankingData());
      if (url === '/api/calls/c1/ranking?envelopeCents=16000000') return json(WHAT_IF);
      return undefined;
    });
    render();
    await screen.findByTestId('row-APP-1');
    fireEvent.change(screen.getByLabelText('Envelope (EUR)'), { target: { value: '160.000,00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show the ranking' }));

    const changes = within(await screen.findByTestId('whatif-changes'));
    expect(changes.getByText('What-if: an envelope of €160,000.00 instead of €120,000.00')).toBeTruthy();
    expect(changes.getByText('1 application changes its outcome:')).toBeTruthy();
    expect(changes.getByText('APP-3 (Rrjeti Shpresa): Reserve 1 → Awarded')).toBeTruthy();
    expect(sent.count('/api/calls/c1/ranking?envelopeCents=16000000')).toBe(1);
    // the table follows the what-if envelope: APP-3 is above the line now, nothing fundable stays below it
    expect(screen.getByRole('heading', { name: 'Ranking with the what-if envelope' })).toBeTruthy();
    expect(within(screen.getByTestId('row-APP-3')).getByText('Awarded')).toBeTruthy();
    expect(screen.queryByTestId('funding-line')).toBeNull();
    // no decision, no adjustment on a what-if
    expect(screen.getByText("Go back to the call's envelope to record the decision.", { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Adjust the amount of APP-1' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: "Back to the call's envelope (€120,000.00)" }));
    await waitFor(() => expect(screen.queryByTestId('whatif-changes')).toBeNull());
    expect(within(screen.getByTestId('row-APP-3')).getByText('Reserve 1')).toBeTruthy();
    expect(screen.getByTestId('funding-line')).toBeTruthy();
  });

  it('refuses a what-if amount that is not in euros', async () => {
    const sent = recordingFetch((url) => (url === '/api/calls/c1/ranking' ? json(rankingData()) : undefined));
    render();
    await screen.findByTestId('row-APP-1');
    fireEvent.change(screen.getByLabelText('Envelope (EUR)'), { target: { value: 'lots' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show the ranking' }));
    expect(await screen.findByText('Enter an amount in euros, such as 250000 or 250.000,00.')).toBeTruthy();
    expect(sent.sent.filter((r) => r.url.includes('envelopeCents'))).toHaveLength(0);
  });
});
