import { screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { Mailbox, MailboxItem } from '../types';
import { MailboxPage } from './MailboxPage';

const mail = (over: Partial<MailboxItem>): MailboxItem => ({
  id: 'm1',
  to: 'arta@example.org',
  subject: 'Confirm your e-mail address',
  text: 'Open the link to confirm.',
  html: '',
  status: 'caught',
  createdAt: '2026-12-01T09:00:00Z',
  ...over,
});

describe('MailboxPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('marks an e-mail still waiting for the worker or one that failed, and not the ones kept here', async () => {
    const box: Mailbox = {
      enabled: true,
      items: [
        mail({ id: 'm1', subject: 'Reset your password', status: 'pending', createdAt: '2026-12-01T10:00:00Z' }),
        mail({ id: 'm2', subject: 'You are invited', status: 'failed', createdAt: '2026-12-01T09:30:00Z' }),
        mail({ id: 'm3', subject: 'Confirm your e-mail address', status: 'caught', createdAt: '2026-12-01T09:00:00Z' }),
      ],
    };
    mockFetch((url) => (url === '/api/dev/mailbox' ? json(box) : undefined));
    renderPage(<MailboxPage />, '/mailbox', queryClientWith(null));
    const list = await screen.findByRole('navigation', { name: 'Caught e-mails' });
    const entries = within(list).getAllByRole('button');
    expect(entries.map((b) => b.textContent)).toEqual([
      expect.stringContaining('Waiting to be sent'),
      expect.stringContaining('Sending failed'),
      expect.not.stringMatching(/Waiting to be sent|Sending failed|Kept here/),
    ]);
    // the open e-mail (the newest) names its status too
    const open = screen.getByRole('article', { name: 'Reset your password' });
    expect(within(open).getByText('Waiting to be sent')).toBeTruthy();
  });
});
