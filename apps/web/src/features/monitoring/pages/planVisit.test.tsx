import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderRoutes, setupI18n } from '../../../test/utils';
import { GRANT, GRANT_ID } from '../../grants/test/fixtures';
import { PlanVisitPage } from './PlanVisitPage';

const monitor = makeMe({ id: 'm1', role: 'monitor', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'monitor' }) });

/** The words shown under a field (Mantine links the error to the input with aria-describedby). */
function errorOf(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('planning a visit', () => {
  beforeEach(async () => {
    await setupI18n('en');
    resetCsrfToken();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says an unannounced visit is not told to the organisation, and puts the server’s date problem on the date', async () => {
    const fetch = mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 'csrf' });
      if (url === `/api/grants/${GRANT_ID}` && init.method === 'GET') return json(GRANT);
      if (url === `/api/grants/${GRANT_ID}/visits` && init.method === 'POST')
        return json({ statusCode: 400, error: 'invalid_visit', message: 'The visit cannot be planned', details: [{ field: 'date', code: 'after_grant_end', message: 'After the grant ends' }] }, 400);
      return undefined;
    });
    renderRoutes([{ path: '/grants/:id/visits/new', element: <PlanVisitPage /> }], [`/grants/${GRANT_ID}/visits/new`], queryClientWith(monitor));
    expect(await screen.findByRole('heading', { name: 'Plan a visit' })).toBeTruthy();
    expect(screen.queryByTestId('unannounced-note')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Unannounced/ }));
    expect(screen.getByTestId('unannounced-note').textContent).toContain('An unannounced visit is not told to the organisation');

    const date = screen.getByRole('textbox', { name: /Date of the visit/ });
    fireEvent.change(date, { target: { value: '15/01/2028' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Purpose/ }), { target: { value: 'The night shift' } });
    fireEvent.click(screen.getByRole('button', { name: 'Plan the visit' }));

    await waitFor(() => expect(errorOf(screen.getByRole('textbox', { name: /Date of the visit/ }))).toContain('After the grant ends'));
    expect(bodyOf(fetch.sent('POST', `/api/grants/${GRANT_ID}/visits`)[0])).toEqual({ type: 'unannounced', date: '2028-01-15', purpose: 'The night shift' });
  });
});
