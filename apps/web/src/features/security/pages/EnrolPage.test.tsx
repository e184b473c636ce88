import { fireEvent, screen, waitFor } from '@testing-library/react';
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

function page() {
  const me: Me = makeMe({ role: 'evaluator', organizationId: null, orgRole: null, secondFactor: { state: 'enrol', methods: [], verifiedAt: null } });
  let confirmed = false;
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't1' });
    if (url === '/api/auth/me') return json(confirmed ? { ...me, secondFactor: { state: 'verified', methods: ['totp', 'recovery'], verifiedAt: new Date().toISOString() } } : me);
    if (url === '/api/auth/second-factor/totp/setup' && init.method === 'POST')
      return json({ secret: SECRET, otpauthUri: `otpauth://totp/Grants:${me.email}?secret=${SECRET}`, qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>' });
    if (url === '/api/auth/second-factor/totp/confirm' && init.method === 'POST') {
      const { code } = JSON.parse(String(init.body)) as { code: string };
      if (code !== '314159') return json({ statusCode: 400, error: 'Bad Request', message: 'x', details: [{ field: 'code', code: 'code_invalid', message: 'x' }] }, 400);
      confirmed = true;
      return json({ recoveryCodes: CODES, status: { required: true, state: 'verified', totp: true, passkeys: [], recoveryCodesLeft: 10, verifiedAt: new Date().toISOString() } });
    }
    return undefined;
  });
  const view = renderRoutes(
    [
      { path: '/account/security/enrol', element: <EnrolPage /> },
      { path: '/evaluations', element: <h1>My evaluations</h1> },
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

  it('offers a passkey only in a browser that has WebAuthn', async () => {
    page();
    expect(await screen.findByText(en.security.passkeyUnsupported)).toBeTruthy();
    expect((screen.getByRole('button', { name: en.security.choosePasskey }) as HTMLButtonElement).disabled).toBe(true);
  });
});
