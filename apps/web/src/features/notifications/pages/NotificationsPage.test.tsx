import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { AppNotification, NotificationPage } from '../types';
import { NotificationsPage } from './NotificationsPage';

const NOTE: AppNotification = {
  id: 'n1',
  kind: 'organization.member_joined',
  title: 'Drita Morina joined your organisation',
  body: 'Drita Morina accepted the invitation.',
  link: '/organization/members',
  createdAt: '2026-12-01T08:00:00Z',
  readAt: null,
};

describe('NotificationsPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the unread ones with the text the API takes (unread=true), and for all without the filter', async () => {
    const fetchMock = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.startsWith('/api/notifications?')) {
        const unread = new URL(url, 'http://x').searchParams.get('unread');
        const page: NotificationPage = unread === 'true' ? { items: [NOTE], unreadCount: 1, total: 1 } : { items: [NOTE, { ...NOTE, id: 'n0', title: 'Older', readAt: '2026-11-30T08:00:00Z' }], unreadCount: 1, total: 2 };
        return json(page);
      }
      if (url === '/api/notifications/n1/read' && init.method === 'POST') return new Response(null, { status: 204 });
      return undefined;
    });
    renderPage(<NotificationsPage />, '/notifications', queryClientWith(makeMe()));
    expect(await screen.findByText('Older')).toBeTruthy();
    expect(fetchMock.requests[0].url).toBe('/api/notifications?page=1&pageSize=20');

    fireEvent.click(screen.getByText('Unread only'));
    await waitFor(() => expect(screen.queryByText('Older')).toBeNull());
    expect(fetchMock.requests.map((r) => r.url)).toContain('/api/notifications?unread=true&page=1&pageSize=20');

    fireEvent.click(screen.getByRole('button', { name: `Mark "${NOTE.title}" as read` }));
    await waitFor(() => expect(fetchMock.sent('POST', '/api/notifications/n1/read')).toHaveLength(1));
  });
});
