import { permissionsFor } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, renderPage, setupI18n } from '../../../test/utils';
import { callKeys, useCall } from '../hooks';
import type { Call, InfoSession } from '../types';
import { InfoSessionsSection } from './InfoSessionsSection';

const SESSION: InfoSession = {
  id: 's1',
  startsAt: '2099-03-10T09:00:00Z',
  place: 'Hotel Sirius, Prishtina',
  onlineLink: null,
  capacity: 20,
  registered: 18,
  registeredByMe: false,
  myAttendees: null,
  status: 'planned',
  cancelledAt: null,
  cancelReason: null,
};
const CALL = { id: 'c1', reference: 'CFP-2027-01', status: 'published', infoSessions: [SESSION] } as unknown as Call;

/** The section as the call page renders it: from the cached call, which a registration updates. */
function FromCache() {
  const call = useCall('c1');
  return call.data ? <InfoSessionsSection call={call.data} /> : null;
}

function client(role: 'applicant' | 'secretariat' = 'applicant') {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const orgRole = role === 'applicant' ? 'owner' : null;
  const me = makeMe({ role, orgRole, organizationId: role === 'applicant' ? 'o1' : null });
  qc.setQueryData(['me'], { ...me, permissions: permissionsFor({ role, orgRole }) });
  return qc;
}

describe('InfoSessionsSection register form', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the number of attendees and shows session_full on the field', async () => {
    let sent: unknown;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1/info-sessions/s1/registration' && init.method === 'POST') {
        sent = JSON.parse(String(init.body));
        return json({ statusCode: 400, message: 'Validation failed', details: [{ field: 'attendees', code: 'session_full', message: 'Only 2 places are left' }] }, 400);
      }
      return undefined;
    });
    renderPage(<InfoSessionsSection call={CALL} />, '/calls/c1', client());
    expect(screen.getByText('18 of 20 places taken')).toBeTruthy();
    const input = screen.getByLabelText('Number of attendees (1–10)');
    fireEvent.change(input, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    expect(await screen.findByText('There are not enough places left in this session.')).toBeTruthy();
    expect(sent).toEqual({ attendees: 3 });
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
  });

  it('shows how many people the organisation registered, as the server says after a reload, and changes that number', async () => {
    const registered = { ...SESSION, registered: 18, registeredByMe: true, myAttendees: 3 };
    let sent: unknown;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1/info-sessions/s1/registration' && init.method === 'POST') {
        sent = JSON.parse(String(init.body));
        return json([{ ...registered, registered: 17, myAttendees: JSON.parse(String(init.body)).attendees }]);
      }
      return undefined;
    });
    const qc = client();
    qc.setQueryData(callKeys.one('c1'), { ...CALL, infoSessions: [registered] });
    renderPage(<FromCache />, '/calls/c1', qc);

    expect(screen.getByText('You registered 3 people')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Register' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Change the number' }));
    const input = screen.getByLabelText('Number of attendees (1–10)') as HTMLInputElement;
    expect(input.value).toBe('3');
    fireEvent.change(input, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the new number' }));

    expect(await screen.findByText('You registered 2 people')).toBeTruthy();
    expect(screen.getByText('17 of 20 places taken')).toBeTruthy();
    expect(sent).toEqual({ attendees: 2 });
    await waitFor(() => expect(screen.queryByLabelText('Number of attendees (1–10)')).toBeNull());
  });

  it('says "1 person" in the singular and offers no change once the session has taken place', () => {
    const held = { ...SESSION, startsAt: '2001-03-10T09:00:00Z', registeredByMe: true, myAttendees: 1 };
    mockFetch(() => undefined);
    renderPage(<InfoSessionsSection call={{ ...CALL, infoSessions: [held] } as Call} />, '/calls/c1', client());
    expect(screen.getByText('You registered 1 person')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change the number' })).toBeNull();
  });
});

describe('InfoSessionsSection cancellation by the Secretariat', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  const CANCELLED: InfoSession = {
    ...SESSION,
    status: 'cancelled',
    cancelledAt: '2099-02-20T10:00:00Z',
    cancelReason: 'The venue is closed for repairs',
  };

  it('the officer cancels a planned session with a reason, and the list shows it cancelled', async () => {
    let sent: unknown;
    let calls = 0;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1/info-sessions/s1/cancel' && init.method === 'POST') {
        sent = JSON.parse(String(init.body));
        return json([CANCELLED]);
      }
      if (url === '/api/calls/c1' && (init.method ?? 'GET') === 'GET') {
        calls += 1;
        return json({ ...CALL, infoSessions: [CANCELLED] });
      }
      return undefined;
    });
    const qc = client('secretariat');
    qc.setQueryData(callKeys.one('c1'), CALL);
    renderPage(<FromCache />, '/calls/c1', qc);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel session' }));
    const reason = await screen.findByLabelText(/Reason for cancelling/);
    fireEvent.change(reason, { target: { value: '  The venue is closed for repairs ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the session' }));

    expect(await screen.findByText('Cancelled')).toBeTruthy();
    expect(sent).toEqual({ reason: 'The venue is closed for repairs' });
    expect(screen.getByText(/Reason: The venue is closed for repairs/)).toBeTruthy();
    await waitFor(() => expect(calls).toBeGreaterThan(0));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel session' })).toBeNull());
  });

  it('an empty reason shows the field error and sends nothing', async () => {
    let sent = 0;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.endsWith('/cancel') && init.method === 'POST') {
        sent += 1;
        return json([CANCELLED]);
      }
      return undefined;
    });
    renderPage(<InfoSessionsSection call={CALL} />, '/calls/c1', client('secretariat'));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel session' }));
    const reason = await screen.findByLabelText(/Reason for cancelling/);
    fireEvent.change(reason, { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the session' }));

    expect(await screen.findByText('This field is required.')).toBeTruthy();
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(sent).toBe(0);
  });

  it("puts the API's field error on the reason", async () => {
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url.endsWith('/cancel') && init.method === 'POST') {
        return json({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'reason', code: 'max_length', message: 'reason is too long' }] }, 400);
      }
      return undefined;
    });
    renderPage(<InfoSessionsSection call={CALL} />, '/calls/c1', client('secretariat'));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel session' }));
    fireEvent.change(await screen.findByLabelText(/Reason for cancelling/), { target: { value: 'Too long, the server says' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the session' }));

    expect(await screen.findByText('This is too long.')).toBeTruthy();
  });

  it('an organisation sees a cancelled session with its date and reason, and cannot register', () => {
    mockFetch(() => undefined);
    renderPage(<InfoSessionsSection call={{ ...CALL, infoSessions: [{ ...CANCELLED, registeredByMe: true, myAttendees: 2 }] } as Call} />, '/calls/c1', client());

    expect(screen.getByText('Cancelled')).toBeTruthy();
    expect(screen.getByText(/Cancelled on 20 Feb 2099\./)).toBeTruthy();
    expect(screen.getByText(/Reason: The venue is closed for repairs/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Register' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel registration' })).toBeNull();
    expect(screen.queryByLabelText('Number of attendees (1–10)')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel session' })).toBeNull();
  });
});
