import { permissionsFor } from '@grants/domain';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { Dossier } from '../api';
import { POLL_MS } from '../hooks';
import { DossierCard } from './DossierCard';

const officer = makeMe({ id: 'u3', role: 'secretariat', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat' }) });
const GRANT_ID = '11111111-1111-4111-8111-111111111111';
const MANIFEST = 'ab12'.repeat(16);
const ZIP = 'cd34'.repeat(16);

const base: Dossier = {
  id: '22222222-2222-4222-8222-222222222222', grantId: GRANT_ID, status: 'queued', progressDone: 0, progressTotal: 0, progressPercent: 0,
  sha256: null, manifestSha256: null, size: null, fileCount: null, auditRows: null, error: null, requestedByName: 'Officer Demo',
  requestedAt: '2026-12-04T10:00:00.000Z', finishedAt: null, fileName: 'dossier-MF-G-001-2026-12-04.zip',
};
const building: Dossier = { ...base, status: 'building', progressDone: 3, progressTotal: 12, progressPercent: 25 };
const ready: Dossier = { ...base, status: 'ready', progressDone: 12, progressTotal: 12, progressPercent: 100, sha256: ZIP, manifestSha256: MANIFEST, size: 2_400_000, fileCount: 12, auditRows: 30, finishedAt: '2026-12-04T10:00:20.000Z' };
const failed: Dossier = { ...base, status: 'failed', error: 'The stored file receipt.png cannot be read' };
const older: Dossier = { ...ready, id: '33333333-3333-4333-8333-333333333333', requestedAt: '2026-11-01T09:00:00.000Z', manifestSha256: 'ef56'.repeat(16) };

const render = () => renderPage(<DossierCard grantId={GRANT_ID} />, '/', queryClientWith(officer));

function serve(lists: Dossier[][]) {
  let i = 0;
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
    if (url === `/api/grants/${GRANT_ID}/dossiers` && init.method === 'GET') return json({ items: lists[Math.min(i++, lists.length - 1)] });
    if (url === `/api/grants/${GRANT_ID}/dossiers` && init.method === 'POST') return json(base, 202);
    return undefined;
  });
}

describe('the auditor’s dossier card', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('offers to request the first dossier and shows it queued once asked', async () => {
    const fetch = serve([[], [base]]);
    render();
    const card = await screen.findByRole('region', { name: "Auditor's dossier" });
    expect(await within(card).findByText('No dossier has been requested for this grant yet.')).toBeTruthy();
    // what the auditor gets of a payment order: an extract of this grant's transfer, never the whole batch
    expect(within(card).getByTestId('dossier-payment-orders').textContent).toMatch(/extract with only this grant's credit transfer.*other organisations paid in the same batch are left out/);
    fireEvent.click(within(card).getByRole('button', { name: 'Request the dossier' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/dossiers`)).toHaveLength(1));
    expect(await within(card).findByText('Requested: waiting for the worker to start building it…')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /Request/ })).toBeNull();
  });

  it('shows the progress while building, asks again every 2 s, and offers the download with the manifest’s SHA-256 and how to verify once ready', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetch = serve([[building], [ready]]);
    render();
    const bar = await screen.findByRole('progressbar', { name: 'Dossier built 25 %' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText('Building the dossier: 3 of 12 steps done')).toBeTruthy();
    await act(async () => { await vi.advanceTimersByTimeAsync(POLL_MS); });
    const readyBox = await screen.findByTestId('dossier-ready');
    expect(fetch.sent('GET', `/api/grants/${GRANT_ID}/dossiers`).length).toBe(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const link = within(readyBox).getByRole('link', { name: 'Download the dossier (ZIP)' });
    expect(link.getAttribute('href')).toBe(`/api/dossiers/${ready.id}/download`);
    expect(within(readyBox).getByTestId('dossier-manifest-sha256').textContent).toBe(MANIFEST);
    expect(within(readyBox).getByText(`SHA-256 of the ZIP file: ${ZIP}`)).toBeTruthy();
    expect(within(readyBox).getByText('node verify.mjs')).toBeTruthy();
    expect(within(readyBox).getByText(/12 files/)).toBeTruthy();
    // ready: no more polling
    await act(async () => { await vi.advanceTimersByTimeAsync(POLL_MS * 2); });
    expect(fetch.sent('GET', `/api/grants/${GRANT_ID}/dossiers`).length).toBe(2);
  });

  it('shows why a dossier failed and tries again', async () => {
    const fetch = serve([[failed], [base]]);
    render();
    const alert = await screen.findByTestId('dossier-failed');
    expect(within(alert).getByText('The stored file receipt.png cannot be read')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(fetch.sent('POST', `/api/grants/${GRANT_ID}/dossiers`)).toHaveLength(1));
    expect(await screen.findByTestId('dossier-progress')).toBeTruthy();
  });

  it('lists earlier dossiers in a named table with their manifest hash and download', async () => {
    serve([[ready, older]]);
    render();
    const table = await screen.findByRole('table', { name: 'Earlier dossiers' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]!).getByText('Officer Demo')).toBeTruthy();
    expect(within(rows[1]!).getByText('Ready')).toBeTruthy();
    expect(within(rows[1]!).getByRole('link', { name: 'Download the dossier (ZIP)' }).getAttribute('href')).toBe(`/api/dossiers/${older.id}/download`);
    expect(screen.getByRole('button', { name: 'Request a new dossier' })).toBeTruthy();
  });

  it('speaks Albanian and Serbian', async () => {
    await setupI18n('sq');
    serve([[building]]);
    const { unmount } = render();
    expect(await screen.findByText('Dosja po ndërtohet: 3 nga 12 hapa të kryer')).toBeTruthy();
    unmount();
    await setupI18n('sr');
    serve([[failed]]);
    render();
    expect(await screen.findByRole('button', { name: 'Pokušaj ponovo' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Dosije za revizora' })).toBeTruthy();
  });
});
