import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../../../test/utils';
import { theme } from '../../../ui/theme';
import { SyncStatus, type SyncStatusProps } from './SyncStatus';

const now = new Date('2026-12-03T10:50:00Z'); // 11:50 in Kosovo

function show(props: Partial<SyncStatusProps> = {}) {
  const all: SyncStatusProps = {
    state: 'on_server',
    online: true,
    pending: { fields: [], fieldCount: 0, photos: 0 },
    savedOnServerAt: null,
    problem: null,
    refusedPhotos: [],
    keepMine: vi.fn(async () => undefined),
    takeServer: vi.fn(async () => undefined),
    syncNow: vi.fn(async () => undefined),
    now,
    ...props,
  };
  render(
    <MantineProvider theme={theme} env="test">
      <SyncStatus {...all} />
    </MantineProvider>,
  );
  return all;
}

describe('SyncStatus', () => {
  beforeEach(async () => {
    await setupI18n('en');
  });

  it('says what is only on this phone', () => {
    const p = show({ state: 'device_only', pending: { fields: ['rating', 'findings', 'x'], fieldCount: 3, photos: 2 } });
    expect(screen.getByRole('status').textContent).toContain('Saved on this phone only — not on the server yet (3 changes, 2 photos waiting)');
    fireEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(p.syncNow).toHaveBeenCalled();
  });

  it('says one photo waiting in the singular', () => {
    show({ state: 'device_only', pending: { fields: [], fieldCount: 0, photos: 1 } });
    expect(screen.getByRole('status').textContent).toContain('Saved on this phone only — not on the server yet (1 photo waiting)');
  });

  it('says it is saving', () => {
    show({ state: 'syncing' });
    expect(screen.getByRole('status').textContent).toContain('Saving to the server…');
  });

  it('says when it was saved on the server, in Kosovo time', () => {
    show({ state: 'on_server', savedOnServerAt: '2026-12-03T09:42:00Z' });
    expect(screen.getByRole('status').textContent).toContain('Saved on the server at 10:42');
  });

  it('says offline work is kept on the phone', () => {
    show({ state: 'device_only', online: false, pending: { fields: ['findings'], fieldCount: 1, photos: 2 } });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('You are offline: your work is kept on this phone and will be sent when the network is back');
    expect(status.textContent).toContain('(1 change, 2 photos waiting)');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows a conflict with its two choices; taking the server’s asks first', async () => {
    const p = show({ state: 'conflict' });
    expect(screen.getByRole('alert').textContent).toContain('Conflict: this report was changed elsewhere since you opened it');
    fireEvent.click(screen.getByRole('button', { name: 'Keep my version' }));
    expect(p.keepMine).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: "Take the server's version" }));
    expect(p.takeServer).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('Your changes written on this phone are replaced by the version on the server.');
    fireEvent.click(screen.getAllByRole('button', { name: "Take the server's version" }).at(-1)!);
    expect(p.takeServer).toHaveBeenCalledTimes(1);
  });

  it('says why the server refused it, and that the work is kept', () => {
    show({ state: 'error', problem: { code: 'unauthorized', statusCode: 401, message: '', details: [] } });
    expect(screen.getByRole('alert').textContent).toContain('Not saved on the server: you are signed out — sign in again to send it. Your work is kept on this phone.');
  });

  it('speaks Albanian and Serbian', async () => {
    await setupI18n('sq');
    show({ state: 'device_only', pending: { fields: [], fieldCount: 0, photos: 2 } });
    expect(screen.getByRole('status').textContent).toContain('Ruajtur vetëm në këtë telefon — ende jo në server (2 foto në pritje)');
    document.body.innerHTML = '';
    await setupI18n('sr');
    show({ state: 'on_server', online: false });
    expect(screen.getByRole('status').textContent).toContain('Niste na mreži: vaš rad je sačuvan na ovom telefonu i biće poslat kada se mreža vrati');
  });
});
