import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { AssignmentPage } from '../pages/AssignmentPage';
import { accepted, assignment } from '../test/fixtures';
import { recordingFetch } from '../test/requests';
import type { ConflictAnswer } from '../types';

const routes = [{ path: '/evaluations/assignments/:id', element: <AssignmentPage /> }];

describe('evaluator: the conflict-of-interest step', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('shows only the organisation and the reference; a conflict needs a reason, then the evaluator is told a replacement comes', async () => {
    let current = assignment();
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/conflict' && init.method === 'POST') {
        const body = JSON.parse(String(init.body));
        current = assignment({ status: 'conflict', conflictReason: body.reason, version: 2 });
        return json(current);
      }
      if (url === '/api/assignments/as1') return json(current);
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);

    expect(await screen.findByText('Do you have a conflict of interest with this organisation?')).toBeTruthy();
    expect(screen.getByTestId('conflict-organization').textContent).toBe('Qendra Zëri');
    expect(screen.getAllByText('MF-C3-2026-00-003').length).toBeGreaterThan(0);
    // nothing of the application and no sheet before the answer
    expect(screen.queryByTestId('snapshot-view')).toBeNull();
    expect(screen.queryByTestId('scoring-sheet')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'I have a conflict' }));
    fireEvent.click(screen.getByRole('button', { name: 'Declare the conflict of interest' }));
    expect(await screen.findByText('Give the reason for the conflict of interest.')).toBeTruthy();
    expect(sent.bodies('/api/assignments/as1/conflict', 'POST')).toEqual([]);

    fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: 'I sat on its board until 2025.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Declare the conflict of interest' }));

    expect(await screen.findByTestId('conflict-declared')).toBeTruthy();
    expect(screen.getByText('You have been taken off this application and will not see its content. Another evaluator will be assigned in your place.')).toBeTruthy();
    expect(sent.bodies('/api/assignments/as1/conflict', 'POST')).toEqual([{ conflict: true, reason: 'I sat on its board until 2025.' }]);
    expect(screen.queryByRole('button', { name: /No conflict/ })).toBeNull();
  });

  it('also handles the short answer the API gives when the assignment is no longer readable after the conflict', async () => {
    recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/conflict' && init.method === 'POST') return json({ id: 'as1', status: 'conflict' } satisfies ConflictAnswer);
      if (url === '/api/assignments/as1') return json(assignment());
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    fireEvent.click(await screen.findByRole('button', { name: 'I have a conflict' }));
    fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: 'My sister runs it.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Declare the conflict of interest' }));
    expect(await screen.findByTestId('conflict-declared')).toBeTruthy();
    expect(screen.getByText('My sister runs it.')).toBeTruthy();
  });

  it('"No conflict" opens the submitted application next to the scoring sheet', async () => {
    let current = assignment();
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/conflict' && init.method === 'POST') {
        current = accepted();
        return json(current);
      }
      if (url === '/api/assignments/as1') return json(current);
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    fireEvent.click(await screen.findByRole('button', { name: 'No conflict — open the application' }));

    expect(await screen.findByTestId('snapshot-view')).toBeTruthy();
    expect(screen.getByTestId('scoring-sheet')).toBeTruthy();
    expect(sent.bodies('/api/assignments/as1/conflict', 'POST')).toEqual([{ conflict: false }]);
    expect(screen.getByText('Safe homes for survivors')).toBeTruthy();
    expect(screen.getByTestId('snapshot-requested').textContent).toBe('€37,800.00');
    expect(screen.getByText('Safe accommodation for 40 women')).toBeTruthy();
    // no link to the receipt, which evaluators may not download
    expect(document.querySelector('a[href*="receipt.pdf"]')).toBeNull();
  });
});
