import { Button } from '@mantine/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, data } from '../../api/client';
import { resetCsrfToken } from '../../api/csrf';
import { isApiError } from '../../api/errors';
import i18n from '../../i18n';
import en from '../../i18n/en.json';
import sq from '../../i18n/sq.json';
import sr from '../../i18n/sr.json';
import { json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../test/utils';
import { StepUpDialog } from './StepUpDialog';

const LOCALES = { en, sq, sr } as const;
const stepUp = () => json({ statusCode: 403, error: 'Forbidden', message: 'step_up_required', code: 'step_up_required', details: [{ field: '', code: 'step_up_required', message: 'x' }] }, 403);

/** A sensitive action of some page: approving a tranche. */
function Approve() {
  const [result, setResult] = useState('');
  const go = () =>
    data(api.POST('/api/tranches/{id}/approve', { params: { path: { id: 'tr1' } }, body: {} as never })).then(
      () => setResult('approved'),
      (e: unknown) => setResult(isApiError(e) ? `refused: ${e.code}` : 'failed'),
    );
  return (
    <>
      <Button onClick={() => void go()}>Approve</Button>
      <p>{result}</p>
    </>
  );
}

function world() {
  const me = makeMe({ role: 'secretariat', organizationId: null, orgRole: null, secondFactor: { state: 'verified', methods: ['totp', 'recovery'], verifiedAt: '2026-01-01T10:00:00Z' } });
  let approvals = 0;
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'old' });
    if (url === '/api/tranches/tr1/approve') {
      approvals += 1;
      return approvals === 1 ? stepUp() : json({ id: 'tr1', status: 'approved' });
    }
    if (url === '/api/auth/second-factor/challenge/totp' && init.method === 'POST') {
      const { code } = JSON.parse(String(init.body)) as { code: string };
      if (code !== '246810') return json({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ field: 'code', code: 'code_invalid', message: 'x' }] }, 400);
      return json({ user: { ...me, secondFactor: { ...me.secondFactor, verifiedAt: new Date().toISOString() } }, csrfToken: 'rotated' });
    }
    return undefined;
  });
  renderRoutes(
    [
      {
        path: '*',
        element: (
          <>
            <Approve />
            <StepUpDialog />
          </>
        ),
      },
    ],
    ['/grants/g1'],
    queryClientWith(me),
  );
  return fetchMock;
}

describe('the step-up dialog', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: a sensitive action refused for an old check asks for the factor, then is sent again once', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].security;
    const fetchMock = world();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: L.stepUpTitle });
    expect(dialog.textContent).toContain(L.stepUpIntro);
    const box = screen.getByLabelText(new RegExp(`^${L.code}`));
    fireEvent.change(box, { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: L.verify }));
    expect(await screen.findByText(L.wrongCode)).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/tranches/tr1/approve')).toHaveLength(1);

    fireEvent.change(box, { target: { value: '246810' } });
    fireEvent.click(screen.getByRole('button', { name: L.verify }));
    expect(await screen.findByText('approved')).toBeTruthy();
    const approvals = fetchMock.sent('POST', '/api/tranches/tr1/approve');
    expect(approvals).toHaveLength(2);
    // the retry carries the token the challenge's answer rotated in
    expect(approvals.map((r) => r.headers['x-csrf-token'])).toEqual(['old', 'rotated']);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('closed without the factor, leaves the action undone and says why', async () => {
    const fetchMock = world();
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await screen.findByRole('dialog', { name: en.security.stepUpTitle });
    fireEvent.click(screen.getByRole('button', { name: en.common.close }));
    expect(await screen.findByText('refused: step_up_required')).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/tranches/tr1/approve')).toHaveLength(1);
  });
});
