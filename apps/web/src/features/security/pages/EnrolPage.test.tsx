import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import en from '../../../i18n/en.json';
import sq from '../../../i18n/sq.json';
import sr from '../../../i18n/sr.json';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { Me } from '../../auth/types';
import { EnrolPage } from './EnrolPage';

const LOCALES = { en, sq, sr } as const;
const CODES = ['abcd-efgh-jk', 'mnpq-rstv-wx', '0123-4567-89', 'yzab-cdef-gh', 'jkmn-pqrs-tv', 'wxyz-0123-45', '6789-abcd-ef', 'ghjk-mnpq-rs', 'tvwx-yz01-23', '4567-89ab-cd'];
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function page({ meDuringConfirm }: { meDuringConfirm?: Me['secondFactor']['state'] } = {}) {
  const me: Me = makeMe({ role: 'evaluator', organizationId: null, orgRole: null, secondFactor: { state: 'enrol', methods: [], verifiedAt: null } });
  let confirmed = false;
  let confirming = false;
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    // a read of /me that crosses the confirmation: the factor is saved, the session not yet marked as through it
    if (url === '/api/auth/me' && confirming && meDuringConfirm) return json({ ...me, secondFactor: { state: meDuringConfirm, methods: ['totp', 'recovery'], verifiedAt: null } });
    if (url === '/api/auth/me') return json(confirmed ? { ...me, secondFactor: { state: 'verified', methods: ['totp', 'recovery'], verifiedAt: new Date().toISOString() } } : me);
    if (url === '/api/auth/second-factor/totp/setup' && init.method === 'POST')
      return json({ secret: SECRET, otpauthUri: `otpauth://totp/Grants:${me.email}?secret=${SECRET}`, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>' });
    if (url === '/api/auth/second-factor/totp/confirm' && init.method === 'POST') {
      const { code } = JSON.parse(String(init.body)) as { code: string };
      if (code !== '314159') return json({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ field: 'code', code: 'code_invalid', message: 'x' }] }, 400);
      if (meDuringConfirm && !confirming) {
        confirming = true;
        return json({ recoveryCodes: CODES, status: { required: true, state: 'verified', totp: true, passkeys: [], recoveryCodesLeft: 10, verifiedAt: new Date().toISOString() } });
      }
      confirmed = true;
      return json({ recoveryCodes: CODES, status: { required: true, state: 'verified', totp: true, passkeys: [], recoveryCodesLeft: 10, verifiedAt: new Date().toISOString() } });
    }
    return undefined;
  });
  const view = renderRoutes(
    [
      { path: '/account/security/enrol', element: <EnrolPage /> },
      { path: '/evaluations', element: <h1>My evaluations</h1> },
      { path: '/login/second-factor', element: <h1>Second step</h1> },
    ],
    ['/account/security/enrol?next=%2Fevaluations'],
    queryClientWith(me),
  );
  return { ...view, fetchMock };
}

describe('EnrolPage (forced enrolment of a second factor)', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: says why, sets up the app from the QR code or the key in groups of four, then shows the recovery codes once', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].security;
    const { router, fetchMock, queryClient } = page();
    expect(await screen.findByRole('heading', { name: L.enrolTitle })).toBeTruthy();
    expect(screen.getByText(L.enrolRequired)).toBeTruthy();
    expect(screen.getByText(L.why1)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: L.chooseApp }));
    expect(await screen.findByRole('img', { name: L.qrAlt })).toBeTruthy();
    expect(screen.getByTestId('totp-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    const box = screen.getByLabelText(new RegExp(`^${L.code}`));
    fireEvent.change(box, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: L.confirmApp }));
    expect(await screen.findByText(L.wrongCode)).toBeTruthy();

    fireEvent.change(box, { target: { value: '314 159' } });
    fireEvent.click(screen.getByRole('button', { name: L.confirmApp }));
    expect(await screen.findByText(L.codesIntro)).toBeTruthy();
    expect(screen.getAllByTestId('recovery-code').map((c) => c.textContent)).toEqual(CODES);
    expect(bodyOf<{ code: string }>(fetchMock.sent('POST', '/api/auth/second-factor/totp/confirm')[1]).code).toBe('314159');
    // the user stays until they say the codes are saved
    expect(router.state.location.pathname).toBe('/account/security/enrol');

    const go = screen.getByRole('button', { name: L.continue });
    expect((go as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(L.codesSaved));
    fireEvent.click(go);
    await waitFor(() => expect(router.state.location.pathname).toBe('/evaluations'));
    expect(queryClient.getQueryData<Me>(['me'])?.secondFactor.state).toBe('verified');
  });

  it('a /me read that crossed the confirmation ("challenge") does not send the user away before the recovery codes', async () => {
    const { router, queryClient } = page({ meDuringConfirm: 'challenge' });
    fireEvent.click(await screen.findByRole('button', { name: en.security.chooseApp }));
    const box = await screen.findByLabelText(new RegExp(`^${en.security.code}`));
    fireEvent.change(box, { target: { value: '314159' } });
    fireEvent.click(screen.getByRole('button', { name: en.security.confirmApp }));
    expect(await screen.findByText(en.security.codesIntro)).toBeTruthy();
    // what a refetch (window focus, another query's answer) brings while the codes are on the screen
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: ['me'] });
    });
    expect(queryClient.getQueryData<Me>(['me'])?.secondFactor.state).toBe('challenge');
    // let a redirect, if the page made one, happen
    await act(() => new Promise((r) => setTimeout(r, 200)));
    expect(router.state.location.pathname).toBe('/account/security/enrol');
    expect(screen.getAllByTestId('recovery-code').map((c) => c.textContent)).toEqual(CODES);

    fireEvent.click(screen.getByLabelText(en.security.codesSaved));
    fireEvent.click(screen.getByRole('button', { name: en.security.continue }));
    // the session was marked by then: the read after the codes says "verified", and the user goes on
    await waitFor(() => expect(router.state.location.pathname).toBe('/evaluations'));
  });

  it('a user whose session waits for its factor when the page opens is sent to the login\'s second step', async () => {
    const me: Me = makeMe({ role: 'evaluator', organizationId: null, orgRole: null, secondFactor: { state: 'challenge', methods: ['totp'], verifiedAt: null } });
    mockFetch((url) => (url === '/api/auth/me' ? json(me) : undefined));
    const { router } = renderRoutes(
      [
        { path: '/account/security/enrol', element: <EnrolPage /> },
        { path: '/login/second-factor', element: <h1>Second step</h1> },
      ],
      ['/account/security/enrol?next=%2Fevaluations'],
      queryClientWith(me),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/login/second-factor'));
    expect(router.state.location.search).toBe('?next=%2Fevaluations');
  });

  it('offers a passkey only in a browser that has WebAuthn', async () => {
    page();
    expect(await screen.findByText(en.security.passkeyUnsupported)).toBeTruthy();
    expect((screen.getByRole('button', { name: en.security.choosePasskey }) as HTMLButtonElement).disabled).toBe(true);
  });
});
