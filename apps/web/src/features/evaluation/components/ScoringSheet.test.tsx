import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { AssignmentPage } from '../pages/AssignmentPage';
import { accepted } from '../test/fixtures';
import { recordingFetch } from '../test/requests';
import type { Assignment, SaveSheetAnswer } from '../types';

const routes = [{ path: '/evaluations/assignments/:id', element: <AssignmentPage /> }];
const SAVE_WAIT = { timeout: 4000 };


const score = (name: RegExp) => screen.getByRole('textbox', { name });
const section = (id: string) => within(screen.getByTestId(`section-${id}`));

describe('evaluator: the scoring sheet', () => {
  it('takes and shows half points with the Albanian decimal comma (3,5), like the sums beside them', async () => {
    await setupI18n('sq');
    recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/sheet' && init.method === 'PUT') return json({ version: 4, totals: { sections: {}, total: 0 } } satisfies SaveSheetAnswer);
      if (url === '/api/assignments/as1') return json(accepted());
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    await screen.findByTestId('scoring-sheet');
    const boxes = within(screen.getByTestId('section-relevance')).getAllByRole('textbox');
    fireEvent.change(boxes[0]!, { target: { value: '3,5' } });
    fireEvent.change(boxes[1]!, { target: { value: '4' } });
    expect(screen.getByTestId('subtotal-relevance').textContent).toBe('7,5 / 10');
    await setupI18n('en');
  });

  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('takes half points, adds up sections and the total, saves the draft with the version it holds and places the server’s field errors', async () => {
    let version = 3;
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/sheet' && init.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        if (body.comments.capacity === 'x'.repeat(10)) {
          return json({ statusCode: 400, error: 'Bad Request', message: 'Some scores or comments break the grid', details: [{ field: 'comments.capacity', code: 'too_long', message: 'too_long' }] }, 400);
        }
        version += 1;
        return json({ version, totals: { sections: {}, total: 0 } } satisfies SaveSheetAnswer);
      }
      if (url === '/api/assignments/as1') return json(accepted());
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    await screen.findByTestId('scoring-sheet');
    expect(screen.getByText('Half points (0.5) are allowed in this call.')).toBeTruthy();
    expect(screen.getByText('Threshold for this section: 6 points')).toBeTruthy();

    fireEvent.change(score(/Relevance to the call/), { target: { value: '3.5' } });
    fireEvent.change(score(/Needs of the target groups/), { target: { value: '4' } });
    expect(screen.getByTestId('subtotal-relevance').textContent).toBe('7.5 / 10');
    expect(screen.getByTestId('subtotal-capacity').textContent).toBe('0 / 10');
    expect(screen.getByTestId('sheet-total').textContent).toBe('Total: 7.5 of 20 points');

    await waitFor(() => expect(screen.getByTestId('sheet-save-state').textContent).toMatch(/^Saved at/), SAVE_WAIT);
    expect(sent.bodies('/api/assignments/as1/sheet', 'PUT')).toEqual([{ scores: { '1.1': 3.5, '1.2': 4 }, comments: {}, version: 3 }]);

    // a score that is neither whole nor half, or above the maximum, is flagged as it is typed
    fireEvent.change(score(/Staff and experience/), { target: { value: '2.3' } });
    expect(await screen.findByText('Use whole or half points (for example 3 or 3.5).')).toBeTruthy();
    fireEvent.change(score(/Staff and experience/), { target: { value: '12' } });
    expect(await screen.findByText('Give between 0 and 10 points.')).toBeTruthy();
    fireEvent.change(score(/Staff and experience/), { target: { value: '9.5' } });
    expect(screen.getByTestId('sheet-total').textContent).toBe('Total: 17 of 20 points');

    // the next save carries the version the last one answered; a field error from the server lands on its field
    fireEvent.change(section('capacity').getByRole('textbox', { name: /Comment on this section/ }), { target: { value: 'x'.repeat(10) } });
    expect(await section('capacity').findByText('This comment is too long (at most 4,000 characters).', {}, SAVE_WAIT)).toBeTruthy();
    expect(screen.getByTestId('sheet-save-state').textContent).toBe('Not saved. Some scores or comments need your attention (see the marked fields).');
    const puts = sent.bodies('/api/assignments/as1/sheet', 'PUT');
    expect(puts[puts.length - 1]).toEqual({ scores: { '1.1': 3.5, '1.2': 4, '2.1': 9.5 }, comments: { capacity: 'xxxxxxxxxx' }, version: 4 });
  });

  it('blocks submitting while criteria or comments are missing, then confirms, saves, submits with the latest version and locks', async () => {
    let current: Assignment = accepted({
      sheet: { scores: { '1.1': 4, '1.2': 3, '2.1': 8 }, comments: { relevance: 'Fits the call well.' }, totals: { sections: { relevance: 7, capacity: 8 }, total: 15 } },
    });
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/sheet' && init.method === 'PUT') return json({ version: 4, totals: { sections: { relevance: 7, capacity: 8 }, total: 15 } } satisfies SaveSheetAnswer);
      if (url === '/api/assignments/as1/submit' && init.method === 'POST') {
        current = {
          ...current,
          status: 'submitted',
          version: 5,
          submittedAt: '2026-05-12T10:00:00Z',
          sheet: { scores: { '1.1': 4, '1.2': 3, '2.1': 8 }, comments: { relevance: 'Fits the call well.', capacity: 'A small but experienced team.' }, totals: { sections: { relevance: 7, capacity: 8 }, total: 15 } },
          others: [{ label: 'A', scores: { '1.1': 5, '1.2': 4.5, '2.1': 6 }, comments: { relevance: 'Very relevant.', capacity: 'Thin staffing.' }, total: 15.5 }],
        };
        return json(current);
      }
      if (url === '/api/assignments/as1') return json(current);
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    await screen.findByTestId('scoring-sheet');
    expect(screen.getByTestId('sheet-total').textContent).toBe('Total: 15 of 20 points');

    fireEvent.click(screen.getByRole('button', { name: 'Submit the sheet' }));
    expect(await section('capacity').findByText('Write a comment on this section.')).toBeTruthy();
    expect(section('relevance').queryByText('Write a comment on this section.')).toBeNull();
    expect(screen.getByTestId('sheet-problems').textContent).toBe('1 thing to fix before you can submit (see the marked fields).');
    expect(screen.queryByText(/Once submitted, the sheet is locked/)).toBeNull();
    expect(sent.bodies('/api/assignments/as1/submit', 'POST')).toEqual([]);

    // a criterion left empty is a problem too
    fireEvent.change(score(/Needs of the target groups/), { target: { value: '' } });
    expect(await section('relevance').findByText('Score this criterion.')).toBeTruthy();
    fireEvent.change(score(/Needs of the target groups/), { target: { value: '3' } });
    fireEvent.change(section('capacity').getByRole('textbox', { name: /Comment on this section/ }), { target: { value: 'A small but experienced team.' } });
    await waitFor(() => expect(screen.queryByTestId('sheet-problems')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Submit the sheet' }));
    expect(await screen.findByText('Once submitted, the sheet is locked: you can no longer change it. Only the Secretariat can reopen it.')).toBeTruthy();
    expect(screen.getByText('You give this application 15 of 20 points.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit and lock' }));

    expect(await screen.findByTestId('sheet-locked')).toBeTruthy();
    expect(screen.getByText('Locked — only the Secretariat can reopen it.')).toBeTruthy();
    // the pending change was saved first, and the submission carries the version that save answered
    expect(sent.bodies('/api/assignments/as1/sheet', 'PUT').at(-1)).toEqual({
      scores: { '1.1': 4, '1.2': 3, '2.1': 8 }, comments: { relevance: 'Fits the call well.', capacity: 'A small but experienced team.' }, version: 3,
    });
    expect(sent.bodies('/api/assignments/as1/submit', 'POST')).toEqual([{ version: 4 }]);
    // read-only now, next to the other evaluator's sheet (labelled, not named)
    expect(screen.queryByTestId('scoring-sheet')).toBeNull();
    expect(screen.getAllByText('Evaluator A').length).toBeGreaterThan(0);
    expect(screen.getByText('Thin staffing.')).toBeTruthy();
    expect(screen.getByTestId('review-subtotal-relevance-A').textContent).toBe('9.5');
    expect(screen.getByTestId('review-subtotal-relevance-mine').textContent).toBe('7');
  });

  it('says so when the sheet was saved elsewhere (409) and reloads the saved sheet', async () => {
    let reloaded = false;
    recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/assignments/as1/sheet' && init.method === 'PUT') {
        return json({ statusCode: 409, error: 'Conflict', message: 'This sheet was saved elsewhere', details: [{ field: 'version', code: 'version_conflict', message: 'changed' }] }, 409);
      }
      if (url === '/api/assignments/as1') {
        if (!reloaded) return json(accepted());
        return json(accepted({ version: 7, sheet: { scores: { '1.1': 2 }, comments: {}, totals: { sections: { relevance: 2, capacity: 0 }, total: 2 } } }));
      }
      return undefined;
    });
    renderRoutes(routes, ['/evaluations/assignments/as1']);
    await screen.findByTestId('scoring-sheet');
    fireEvent.change(score(/Relevance to the call/), { target: { value: '5' } });
    expect(await screen.findByText('This sheet was saved elsewhere', {}, SAVE_WAIT)).toBeTruthy();
    expect(screen.getByTestId('sheet-save-state').textContent).toBe('Not saved: this sheet was changed elsewhere.');
    expect((screen.getByRole('button', { name: 'Submit the sheet' }) as HTMLButtonElement).disabled).toBe(true);

    reloaded = true;
    fireEvent.click(screen.getByRole('button', { name: 'Load the saved sheet' }));
    await waitFor(() => expect(screen.getByTestId('sheet-total').textContent).toBe('Total: 2 of 20 points'));
    expect((score(/Relevance to the call/) as HTMLInputElement).value).toBe('2');
    expect(screen.queryByText('This sheet was saved elsewhere')).toBeNull();
  });
});
