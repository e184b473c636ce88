import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import type { AcceptInvitationBody, InvitationPreview, Session } from '../types';
import { AcceptInvitationPage } from './AcceptInvitationPage';

const PREVIEW: InvitationPreview = {
  email: 'blerina@secretariat.example.org',
  role: 'evaluator',
  organizationName: null,
  expiresAt: '2099-01-10T12:00:00Z',
  fullName: 'Blerina Hoxha',
};

function page(preview: InvitationPreview, onAccept?: (body: AcceptInvitationBody) => void) {
  const fetchMock = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
    if (url === '/api/auth/invitations/tok%2F1') return json(preview);
    if (url === '/api/auth/accept-invitation' && init.method === 'POST') {
      const body = JSON.parse(String(init.body)) as AcceptInvitationBody;
      onAccept?.(body);
      const user = makeMe({ email: preview.email, fullName: body.fullName, role: preview.role, orgRole: null, organizationId: null, language: body.language });
      return json({ user, csrfToken: 't2' } satisfies Session);
    }
    return undefined;
  });
  const view = renderRoutes(
    [
      { path: '/accept-invitation', element: <AcceptInvitationPage /> },
      { path: '/home', element: <h1>Home</h1> },
    ],
    ['/accept-invitation?token=tok%2F1'],
    queryClientWith(null),
  );
  return { ...view, fetchMock };
}

describe('AcceptInvitationPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it('starts from the name the Secretariat gave when inviting, and sends the one the person keeps', async () => {
    let sent: AcceptInvitationBody | undefined;
    const { router, fetchMock } = page(PREVIEW, (body) => (sent = body));
    const name = (await screen.findByLabelText(/^Full name/)) as HTMLInputElement;
    await waitFor(() => expect(name.value).toBe('Blerina Hoxha'));
    expect(screen.getByText('Evaluator')).toBeTruthy();

    fireEvent.change(name, { target: { value: 'Blerina Hoxha-Krasniqi' } });
    fireEvent.change(screen.getByLabelText(/^Password/, { selector: 'input' }), { target: { value: 'amber kettle orbit meadow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Activate my account' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/home'));
    expect(sent).toEqual({ token: 'tok/1', fullName: 'Blerina Hoxha-Krasniqi', password: 'amber kettle orbit meadow', language: 'en' });
    expect(bodyOf<AcceptInvitationBody>(fetchMock.sent('POST', '/api/auth/accept-invitation')[0]).token).toBe('tok/1');
  });

  it('leaves the name empty when the invitation names nobody', async () => {
    page({ ...PREVIEW, fullName: null });
    const name = (await screen.findByLabelText(/^Full name/)) as HTMLInputElement;
    expect(screen.getByText(PREVIEW.email)).toBeTruthy();
    expect(name.value).toBe('');
  });
});
