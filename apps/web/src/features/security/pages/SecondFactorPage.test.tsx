import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import en from '../../../i18n/en.json';
import sq from '../../../i18n/sq.json';
import sr from '../../../i18n/sr.json';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { SecondFactorPage } from './SecondFactorPage';

const LOCALES = { en, sq, sr } as const;

function challenged(methods: Me['secondFactor']['methods'] = ['totp', 'recovery']): Me {
  return makeMe({ role: 'secretariat', organizationId: null, orgRole: null, secondFactor: { state: 'challenge', methods, verifiedAt: null } });
}

function page(me: Me, answer: (url: string, body: { code: string }) => Response | undefined) {
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    if (url.startsWith('/api/auth/second-factor/challenge/') && init.method === 'POST') return answer(url, JSON.parse(String(init.body)) as { code: string });
    return undefined;
  });
  const view = renderRoutes(
    [
      { path: '/login/second-factor', element: <SecondFactorPage /> },
      { path: '/grants/g1', element: <h1>The grant</h1> },
      { path: '/login', element: <h1>Login</h1> },
    ],
    ['/login/second-factor?next=%2Fgrants%2Fg1'],
    queryClientWith(me),
  );
  return { ...view, fetchMock };
}

const verified = (me: Me) => json({ user: { ...me, secondFactor: { state: 'verified', methods: me.secondFactor.methods, verifiedAt: new Date().toISOString() } }, csrfToken: 't2' });
const wrong = () =>
  json({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'code', code: 'code_invalid', message: 'The code is wrong or has expired' }] }, 400);

describe('SecondFactorPage (the login\'s second step)', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: a wrong code is said at the field, the right one goes on to the page asked for', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].security;
    const me = challenged();
    const { router, fetchMock } = page(me, (url, body) => (url.endsWith('/totp') && body.code === '123456' ? verified(me) : wrong()));
    expect(await screen.findByRole('heading', { name: L.challengeTitle })).toBeTruthy();
    const box = screen.getByLabelText(new RegExp(`^${L.code}`)) as HTMLInputElement;
    expect(box.getAttribute('autocomplete')).toBe('one-time-code');

    fireEvent.change(box, { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: L.verify }));
    expect(await screen.findByText(L.codeShape)).toBeTruthy();
    expect(fetchMock.sent('POST', '/api/auth/second-factor/challenge/totp')).toHaveLength(0);

    fireEvent.change(box, { target: { value: '654 321' } });
    fireEvent.click(screen.getByRole('button', { name: L.verify }));
    expect(await screen.findByText(L.wrongCode)).toBeTruthy();
    expect(box.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(box, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: L.verify }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/grants/g1'));
    const sent = fetchMock.sent('POST', '/api/auth/second-factor/challenge/totp');
    expect(sent.map((r) => bodyOf<{ code: string }>(r).code)).toEqual(['654321', '123456']);
  });

  it('takes a recovery code instead, normalised, and says when there were too many wrong codes', async () => {
    const me = challenged();
    let calls = 0;
    const { router, fetchMock } = page(me, (url) => {
      if (!url.endsWith('/recovery')) return undefined;
      calls += 1;
      return calls === 1 ? json({ statusCode: 429, error: 'Too Many Requests', message: 'too_many_requests', details: [] }, 429) : verified(me);
    });
    fireEvent.click(await screen.findByRole('button', { name: en.security.useRecovery }));
    const box = screen.getByLabelText(new RegExp(`^${en.security.recoveryCode}`));
    fireEvent.change(box, { target: { value: 'ABCD EFGH JK' } });
    fireEvent.click(screen.getByRole('button', { name: en.security.verify }));
    expect(await screen.findByText(en.security.tooManyCodes)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: en.security.verify }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/grants/g1'));
    expect(bodyOf<{ code: string }>(fetchMock.sent('POST', '/api/auth/second-factor/challenge/recovery')[0]).code).toBe('abcdefghjk');
  });

  it('sends a session that is already through its factor on to the page asked for', async () => {
    const me = makeMe({ secondFactor: { state: 'verified', methods: ['totp'], verifiedAt: new Date().toISOString() } });
    const { router } = page(me, () => undefined);
    await waitFor(() => expect(router.state.location.pathname).toBe('/grants/g1'));
  });
});
