import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { NotificationPreferences as Preferences, PreferenceItem } from '../types';
import { NotificationPreferences } from './NotificationPreferences';

const PREFS: Preferences = {
  items: [
    { kind: 'organization.member_joined', delivery: 'immediate', mustAct: false },
    { kind: 'organization.licence_expiring', delivery: 'immediate', mustAct: true },
  ],
};

describe('NotificationPreferences', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('saves the chosen delivery of each kind the person may change, never one they must act on', async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/users/me/notification-preferences' && init.method === 'GET') return json(PREFS);
      if (url === '/api/users/me/notification-preferences' && init.method === 'PUT') {
        const { items } = JSON.parse(String(init.body)) as { items: PreferenceItem[] };
        return json({ items: PREFS.items.map((p) => ({ ...p, delivery: items.find((i) => i.kind === p.kind)?.delivery ?? p.delivery })) } satisfies Preferences);
      }
      return undefined;
    });
    renderPage(<NotificationPreferences />, '/settings', queryClientWith(makeMe()));
    const row = (await screen.findByRole('radiogroup', { name: 'A colleague joined the organisation' })) as HTMLElement;
    fireEvent.click(within(row).getByLabelText('Daily digest'));
    fireEvent.click(screen.getByRole('button', { name: 'Save notification settings' }));
    await waitFor(() => expect(fetchMock.sent('PUT', '/api/users/me/notification-preferences')).toHaveLength(1));
    expect(bodyOf(fetchMock.sent('PUT', '/api/users/me/notification-preferences')[0])).toEqual({
      items: [{ kind: 'organization.member_joined', delivery: 'digest' }],
    });
  });
});
