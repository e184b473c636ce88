import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { MessageAnswer } from '../types';
import { ForgotPasswordPage } from './ForgotPasswordPage';

describe('ForgotPasswordPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('takes the 202 answer (the same for any address) as sent, and says so in the reader’s words', async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/auth/forgot-password' && init.method === 'POST') {
        return json({ message: 'If an account exists for this address, a reset link is on its way' } satisfies MessageAnswer, 202);
      }
      return undefined;
    });
    renderPage(<ForgotPasswordPage />, '/forgot-password', queryClientWith(null));
    fireEvent.change(screen.getByLabelText(/^E-mail/, { selector: 'input' }), { target: { value: ' arta@example.org ' } });
    fireEvent.click(screen.getByRole('button', { name: /link/i }));
    expect((await screen.findByRole('status')).textContent).toContain('If an account exists for this address, an e-mail with a reset link is on its way.');
    expect(bodyOf(fetchMock.sent('POST', '/api/auth/forgot-password')[0])).toEqual({ email: 'arta@example.org' });
  });
});
