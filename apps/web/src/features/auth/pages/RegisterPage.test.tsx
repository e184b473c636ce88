import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, mockFetch, renderRoutes, setupI18n } from '../../../test/utils';
import type { Mailbox } from '../../mailbox/types';
import type { MessageAnswer, RegisterBody } from '../types';
import { RegisterPage } from './RegisterPage';

function fill(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label, { selector: 'input' }), { target: { value } });
}

async function chooseMunicipality(name: string) {
  const input = screen.getByRole('textbox', { name: /Municipality/ });
  fireEvent.click(input);
  fireEvent.change(input, { target: { value: name } });
  fireEvent.click(await screen.findByRole('option', { name }));
}

async function fillValidForm() {
  fill(/Full name/, 'Arta Berisha');
  fill(/^E-mail/, 'arta@example.org');
  fill(/^Password/, 'correct horse battery staple');
  fill(/Legal name/, 'Qendra për Mbrojtjen e Viktimave');
  fill(/Registration number/, '5110001-7');
  await chooseMunicipality('Prizren');
}

describe('RegisterPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('puts each error the API returns on its own field', async () => {
    const fetchMock = mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'tok' });
      if (url === '/api/auth/register') {
        return json(
          {
            statusCode: 400,
            error: 'Bad Request',
            message: 'Validation failed',
            details: [
              { field: 'organization.registrationNumber', code: 'max_length', message: 'too long' },
              { field: 'email', code: 'email_taken', message: 'An account with this e-mail already exists' },
            ],
          },
          400,
        );
      }
      return undefined;
    });
    renderRoutes([{ path: '/register', element: <RegisterPage /> }], ['/register']);
    await fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const email = screen.getByLabelText(/^E-mail/, { selector: 'input' });
    await waitFor(() => expect((email).getAttribute('aria-invalid')).toBe('true'));
    const regNo = screen.getByLabelText(/Registration number/);
    expect((regNo).getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText(/Legal name/)).getAttribute('aria-invalid')).toBe('false');

    // the messages are the translated ones, linked to their inputs and announced
    const emailError = document.getElementById(email.getAttribute('aria-describedby')!.split(' ').find((id) => id.includes('error'))!);
    expect((emailError)?.textContent).toContain('An account with this e-mail address already exists.');
    expect(within(emailError!).getByRole('alert')).toBeTruthy();
    const regError = document.getElementById(regNo.getAttribute('aria-describedby')!.split(' ').find((id) => id.includes('error'))!);
    expect((regError)?.textContent).toContain('This is too long.');

    // what was sent: the contract's shape, with the CSRF header
    const [sent] = fetchMock.sent('POST', '/api/auth/register');
    expect(sent.headers['x-csrf-token']).toBe('tok');
    expect(bodyOf<RegisterBody>(sent)).toEqual({
      fullName: 'Arta Berisha',
      email: 'arta@example.org',
      password: 'correct horse battery staple',
      language: 'en',
      organization: { legalName: 'Qendra për Mbrojtjen e Viktimave', registrationNumber: '5110001-7', municipality: expect.any(String) },
    });
  });

  it('goes to the "check your e-mail" page when the API accepts the registration', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'tok' });
      if (url === '/api/auth/register') return json({ message: 'Check your e-mail' } satisfies MessageAnswer, 201);
      if (url === '/api/dev/mailbox') return json({ enabled: false, items: [] } satisfies Mailbox);
      return undefined;
    });
    const { RegisterSuccessPage } = await import('./RegisterSuccessPage');
    renderRoutes(
      [
        { path: '/register', element: <RegisterPage /> },
        { path: '/register/success', element: <RegisterSuccessPage /> },
      ],
      ['/register'],
    );
    await fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Check your e-mail' })).toBeTruthy();
    expect(screen.getByText(/arta@example.org/)).toBeTruthy();
  });

  it("shows the API's password_too_weak in the reader's words, on the password field", async () => {
    mockFetch((url) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'tok' });
      if (url === '/api/auth/register') {
        return json(
          {
            statusCode: 400,
            error: 'Bad Request',
            message: 'This password is too easy to guess',
            details: [{ field: 'password', code: 'password_too_weak', message: 'This password is too easy to guess' }],
          },
          400,
        );
      }
      return undefined;
    });
    renderRoutes([{ path: '/register', element: <RegisterPage /> }], ['/register']);
    await fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    const password = screen.getByLabelText(/^Password/, { selector: 'input' });
    await waitFor(() => expect(password.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(password.getAttribute('aria-describedby')!.split(' ').find((id) => id.includes('error'))!);
    expect(error?.textContent).toContain('This password is too easy to guess. Choose a longer one');
  });

  it('refuses a guessable password that a deny-list let through (Password1!) before sending anything', async () => {
    const fetchMock = mockFetch(() => json({}));
    renderRoutes([{ path: '/register', element: <RegisterPage /> }], ['/register']);
    fill(/^Password/, 'Password1!');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect((screen.getByLabelText(/^Password/, { selector: 'input' })).getAttribute('aria-invalid')).toBe('true'));
    expect(fetchMock.sent('POST', '/api/auth/register')).toHaveLength(0);
  });

  it('checks the password against the shared rules before sending anything', async () => {
    const fetchMock = mockFetch(() => json({}));
    renderRoutes([{ path: '/register', element: <RegisterPage /> }], ['/register']);
    fill(/^Password/, 'password123');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect((screen.getByLabelText(/^Password/, { selector: 'input' })).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This password does not meet the rules below.')).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/auth/register')).toHaveLength(0);
  });
});
