import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { recordingFetch } from '../../evaluation/test/requests';
import { GRID, OVERVIEW, secretariatClient } from '../test/fixtures';
import type { Call } from '../../calls/types';
import type { AutoAssignResult, EvaluationOverview } from '../types';
import { EvaluationAdminPage } from './EvaluationAdminPage';

/** The call as GET /api/calls/:id answers it, with only what the page reads (the grid names the tie-break section). */
const CALL = { id: 'c1', reference: 'MF-C3-2026-00', status: 'in_evaluation', title: OVERVIEW.call.title, serverNow: '2026-04-15T10:00:00Z', definition: { grid: GRID } } satisfies Pick<Call, 'id' | 'reference' | 'status' | 'title' | 'serverNow'> & { definition: Pick<Call['definition'], 'grid'> };

function render(qc = secretariatClient()) {
  return renderRoutes([{ path: '/calls/:id/evaluation', element: <EvaluationAdminPage /> }], ['/calls/c1/evaluation'], qc);
}


describe('EvaluationAdminPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('lists the pool with declarations and counts, adds an evaluator from the available ones and shows why one cannot be removed', async () => {
    let overview: EvaluationOverview = OVERVIEW;
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1') return json(CALL);
      if (url === '/api/calls/c1/evaluation') return json(overview);
      if (url === '/api/calls/c1/evaluators' && init.method === 'POST') {
        overview = {
          ...OVERVIEW,
          available: [],
          pool: [...OVERVIEW.pool, { userId: 'e3', fullName: 'Besa Krasniqi', email: 'besa@example.org', language: 'sq', addedAt: '2026-04-15T10:00:00Z', declarationSignedAt: null, assigned: 0, submitted: 0, conflicts: 0, overdue: 0 }],
        };
        return json(overview, 201);
      }
      if (url === '/api/calls/c1/evaluators/e1' && init.method === 'DELETE') {
        return json({ statusCode: 400, error: 'Bad Request', message: 'This evaluator has started scoring on this call; reopen or keep their sheets instead', details: [{ field: 'userId', code: 'evaluator_has_scored', message: 'This evaluator has started scoring on this call; reopen or keep their sheets instead' }] }, 400);
      }
      return undefined;
    });
    render();

    const drita = within(await screen.findByTestId('pool-e1'));
    expect(drita.getByText('drita@example.org')).toBeTruthy();
    expect(drita.getByText(/^Signed on 2 Apr 2026/)).toBeTruthy();
    const marko = within(screen.getByTestId('pool-e2'));
    expect(marko.getByText('Not signed')).toBeTruthy();
    // assigned, submitted, conflicts, overdue
    expect(marko.getAllByRole('cell').slice(2, 6).map((c) => c.textContent)).toEqual(['1', '0', '1', '1']);
    expect(screen.getByText('Only people with an evaluator account can join the pool.', { exact: false })).toBeTruthy();

    // the rules, with the tie-break section named from the grid
    expect(screen.getByText('Mean of all sheets')).toBeTruthy();
    expect(await screen.findByText('Relevance')).toBeTruthy();

    const select = screen.getByRole('textbox', { name: 'Add an evaluator' });
    fireEvent.click(select);
    fireEvent.click(await screen.findByRole('option', { name: 'Besa Krasniqi (besa@example.org)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add to the pool' }));
    expect(await screen.findByTestId('pool-e3')).toBeTruthy();
    expect(sent.bodies('/api/calls/c1/evaluators', 'POST')[0]).toEqual({ userId: 'e3' });

    fireEvent.click(screen.getByRole('button', { name: 'Remove Drita Gashi from the pool' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('This evaluator has already scored on this call and cannot be removed. Reopen or keep their sheets instead.')).toBeTruthy();
    expect(screen.getByTestId('pool-e1')).toBeTruthy();
  });

  it('assigns automatically and says what was made and what stayed unfilled, then reloads the assignments', async () => {
    let autoDone = false;
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1') return json(CALL);
      if (url === '/api/calls/c1/evaluation') return json(autoDone ? { ...OVERVIEW, pool: OVERVIEW.pool.map((p) => ({ ...p, assigned: p.assigned + 1 })) } : OVERVIEW);
      if (url === '/api/calls/c1/assignments/auto' && init.method === 'POST') {
        autoDone = true;
        return json({ assigned: 3, unfilled: [{ applicationId: 'a2', missing: 1 }] } satisfies AutoAssignResult);
      }
      return undefined;
    });
    render();
    await screen.findByTestId('pool-e1');
    fireEvent.click(screen.getByRole('button', { name: 'Assign automatically' }));

    const result = within(await screen.findByTestId('auto-result'));
    expect(result.getByText('3 assignments made.')).toBeTruthy();
    expect(result.getByText('1 place could not be filled:')).toBeTruthy();
    expect(result.getByText('APP-2: 1 evaluator missing')).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId('pool-e2')).getAllByRole('cell')[2].textContent).toBe('2'));
    expect(sent.count('/api/calls/c1/evaluation')).toBe(2);
  });

  it('shows each assignment with its status and origin, and offers only the actions the rules allow', async () => {
    recordingFetch((url) => {
      if (url === '/api/calls/c1') return json(CALL);
      if (url === '/api/calls/c1/evaluation') return json(OVERVIEW);
      return undefined;
    });
    render();
    const submitted = within(await screen.findByTestId('assignment-s1'));
    expect(submitted.getByText('Submitted')).toBeTruthy();
    expect(submitted.getByText('automatic')).toBeTruthy();
    expect(submitted.getByText('78.5 points')).toBeTruthy();
    expect(submitted.getByRole('button', { name: 'Reopen the sheet of Drita Gashi on APP-1' })).toBeTruthy();
    expect(submitted.queryByRole('button', { name: /Take Drita Gashi off/ })).toBeNull();

    // scoring started: no removal by hand
    const started = within(screen.getByTestId('assignment-s2'));
    expect(started.getByText('by hand')).toBeTruthy();
    expect(started.queryByRole('button', { name: /Take .* off/ })).toBeNull();

    const fresh = within(screen.getByTestId('assignment-s3'));
    expect(fresh.getByText('replacement')).toBeTruthy();
    expect(fresh.getByRole('button', { name: 'Take Drita Gashi off APP-2' })).toBeTruthy();

    const conflict = within(screen.getByTestId('assignment-s4'));
    expect(conflict.getByText('Conflict of interest')).toBeTruthy();
    expect(conflict.getByText('Conflict: Board member of the organisation')).toBeTruthy();

    // sheets needed and the export links
    expect(within(screen.getByTestId('application-a1')).getByText('1 of 2 submitted')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download all scoring sheets (CSV)' }).getAttribute('href')).toBe('/api/calls/c1/sheets/export?format=csv');
    expect(screen.getByRole('link', { name: 'Download all scoring sheets (XLSX)' }).getAttribute('href')).toBe('/api/calls/c1/sheets/export?format=xlsx');
  });

  it('reopens a submitted sheet only with a reason', async () => {
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1') return json(CALL);
      if (url === '/api/calls/c1/evaluation') return json(OVERVIEW);
      if (url === '/api/assignments/s1/reopen' && init.method === 'POST') return json({ ok: true });
      return undefined;
    });
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Reopen the sheet of Drita Gashi on APP-1' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('button', { name: 'Reopen' }));
    expect(dialog.getByText('Give the reason for reopening the sheet.')).toBeTruthy();
    expect(sent.bodies('/api/assignments/s1/reopen', 'POST')[0]).toBeUndefined();

    fireEvent.change(dialog.getByLabelText(/Reason \(the evaluator will read it\)/), { target: { value: 'Comment on section 2 is missing' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(sent.bodies('/api/assignments/s1/reopen', 'POST')[0]).toEqual({ reason: 'Comment on section 2 is missing' }));
  });
});
