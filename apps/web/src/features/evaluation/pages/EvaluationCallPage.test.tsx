import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, renderRoutes, setupI18n } from '../../../test/utils';
import { recordingFetch } from '../test/requests';
import type { Declaration, MyAssignments, MyEvaluationCalls } from '../types';
import { EvaluationCallPage } from './EvaluationCallPage';
import { EvaluationsPage } from './EvaluationsPage';

const CALL_ID = '11111111-1111-4111-8111-111111111111';
const TEXT = {
  en: 'I declare that I will evaluate impartially.',
  sq: 'Deklaroj se do të vlerësoj në mënyrë të paanshme.',
  sr: 'Izjavljujem da ću ocenjivati nepristrasno.',
};
const UNSIGNED: Declaration = {
  call: { id: CALL_ID, reference: 'MF-C3-2026-00', title: { en: 'Reintegration grants', sq: 'Grante për riintegrim', sr: 'Grantovi za reintegraciju' } },
  text: TEXT,
  signedAt: null,
  signedLanguage: null,
};
const ASSIGNMENTS: MyAssignments = {
  call: { id: CALL_ID, reference: 'MF-C3-2026-00', title: UNSIGNED.call.title, status: 'in_evaluation' },
  items: [
    { id: 'a1', status: 'assigned', dueAt: '2026-05-20T22:00:00Z', total: null, submittedAt: null, reference: 'MF-C3-2026-00-003', organizationName: 'Qendra Zëri', projectTitle: null },
    { id: 'a2', status: 'submitted', dueAt: '2026-05-20T22:00:00Z', total: 72.5, submittedAt: '2026-05-10T09:00:00Z', reference: 'MF-C3-2026-00-001', organizationName: 'Rrjeti', projectTitle: 'Safe homes' },
  ],
};

const routes = [
  { path: '/evaluations', element: <EvaluationsPage /> },
  { path: '/evaluations/:callId', element: <EvaluationCallPage /> },
];

describe('evaluator: the declaration gate', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('shows the declaration in my language and the other two, refuses to sign without the tick, then signs in the language read and lists my assignments', async () => {
    let signed: Declaration | null = null;
    const sent = recordingFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === `/api/evaluations/${CALL_ID}/declaration` && init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { language: Declaration['signedLanguage'] };
        signed = { ...UNSIGNED, signedAt: '2026-05-02T08:30:00Z', signedLanguage: body.language };
        return json(signed, 201);
      }
      if (url === `/api/evaluations/${CALL_ID}/declaration`) return json(signed ?? UNSIGNED);
      if (url === `/api/evaluations/${CALL_ID}/assignments`) {
        return signed ? json(ASSIGNMENTS) : json({ statusCode: 404, error: 'Not Found', message: 'not_found', details: [] }, 404);
      }
      return undefined;
    });
    renderRoutes(routes, [`/evaluations/${CALL_ID}`]);

    expect(await screen.findByRole('heading', { name: 'Evaluation of MF-C3-2026-00' })).toBeTruthy();
    expect(screen.getByTestId('declaration-text').textContent).toBe(TEXT.en);
    fireEvent.click(screen.getByText('Shqip'));
    expect(screen.getByTestId('declaration-text').textContent).toBe(TEXT.sq);

    // the assignments stay hidden (the API would answer 404) until the declaration is signed
    expect(sent.sent.some((r) => r.url.endsWith('/assignments'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Sign the declaration' }));
    expect(await screen.findByText('Tick the box to confirm that you have read and accept the declaration.')).toBeTruthy();
    expect(sent.bodies(`/api/evaluations/${CALL_ID}/declaration`, 'POST')).toEqual([]);

    fireEvent.click(screen.getByLabelText('I have read and accept this declaration'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign the declaration' }));

    expect(await screen.findByTestId('declaration-signed')).toBeTruthy();
    expect(screen.getByTestId('declaration-signed').textContent).toContain('(in Shqip)');
    expect(sent.bodies(`/api/evaluations/${CALL_ID}/declaration`, 'POST')).toEqual([{ language: 'sq', accept: true }]);

    const link = await screen.findByRole('link', { name: 'MF-C3-2026-00-003' });
    expect(link.getAttribute('href')).toBe('/evaluations/assignments/a1');
    expect(screen.getByText('Qendra Zëri')).toBeTruthy();
    expect(screen.getByText('To confirm')).toBeTruthy();
    expect(screen.getByText('72.5')).toBeTruthy();
    expect(screen.queryByTestId('declaration-text')).toBeNull();
  });

  it('lists the calls of my pool with the declaration state, counts and next due date', async () => {
    recordingFetch((url) => {
      if (url === '/api/evaluations') {
        return json({
          items: [
            { id: CALL_ID, reference: 'MF-C3-2026-00', status: 'in_evaluation', title: UNSIGNED.call.title, declarationSignedAt: null, assigned: 3, submitted: 1, nextDueAt: '2026-05-20T22:00:00Z' },
          ],
        } satisfies MyEvaluationCalls);
      }
      return undefined;
    });
    renderRoutes(routes, ['/evaluations']);
    const link = await screen.findByRole('link', { name: 'MF-C3-2026-00' });
    expect(link.getAttribute('href')).toBe(`/evaluations/${CALL_ID}`);
    expect(screen.getByText('Reintegration grants')).toBeTruthy();
    expect(screen.getByText('Not signed yet')).toBeTruthy();
    expect(screen.getByText('3')).toBeTruthy();
    expect(screen.getByText('1')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('21 May 2026')).toBeTruthy());
  });
});
