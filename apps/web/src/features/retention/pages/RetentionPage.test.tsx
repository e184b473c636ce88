import { permissionsFor } from '@grants/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import i18n from '../../../i18n';
import en from '../../../i18n/en.json';
import sq from '../../../i18n/sq.json';
import sr from '../../../i18n/sr.json';
import { bodyOf, json, makeMe, mockFetch, queryClientWith, renderPage, setupI18n } from '../../../test/utils';
import type { RetentionRun, RetentionSetting } from '../types';
import { RetentionPage } from './RetentionPage';

const LOCALES = { en, sq, sr } as const;
const TYPES = ['application_unfunded', 'evaluation', 'grant', 'monitoring_photo', 'notification', 'safeguarding_report', 'session'] as const;
const ANCHOR: Record<string, string> = {
  application_unfunded: 'call_decision', evaluation: 'call_decision', grant: 'final_payment', monitoring_photo: 'final_payment',
  notification: 'created', safeguarding_report: 'case_closed', session: 'ended',
};
const DEFAULTS: Record<string, [number, string]> = {
  application_unfunded: [3, 'years'], evaluation: [3, 'years'], grant: [5, 'years'], monitoring_photo: [5, 'years'],
  notification: [1, 'years'], safeguarding_report: [5, 'years'], session: [30, 'days'],
};
const SETTINGS: RetentionSetting[] = TYPES.map((type) => ({
  type, amount: DEFAULTS[type]![0], unit: DEFAULTS[type]![1], anchor: ANCHOR[type]!, defaultAmount: DEFAULTS[type]![0], defaultUnit: DEFAULTS[type]![1], updatedAt: null,
}));
const RUN: RetentionRun = {
  id: 'r1', startedAt: '2026-12-06T02:30:00Z', finishedAt: '2026-12-06T02:30:04Z', status: 'done', byPerson: false, error: null,
  items: [
    { type: 'grant', table: 'grants', count: 2, firstId: '11111111-1111-4111-8111-111111111111', lastId: '22222222-2222-4222-8222-222222222222' },
    { type: 'session', table: 'sessions', count: 0, firstId: null, lastId: null },
  ],
};

const admin = () => queryClientWith(makeMe({ role: 'secretariat_admin', orgRole: null, organizationId: null, permissions: permissionsFor({ role: 'secretariat_admin' }) }));

function world(extra: (url: string, init: RequestInit) => Response | undefined = () => undefined) {
  return mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
    const answer = extra(url, init);
    if (answer) return answer;
    if (url === '/api/retention/settings' && (init.method ?? 'GET') === 'GET') return json(SETTINGS);
    if (url === '/api/retention/runs' && (init.method ?? 'GET') === 'GET') return json([RUN]);
    return undefined;
  });
}

describe('RetentionPage', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('en');
  });

  it.each(['en', 'sq', 'sr'] as const)('in %s: lists every record type with its period, what it counts from and the default', async (lng) => {
    await i18n.changeLanguage(lng);
    const L = LOCALES[lng].retention;
    world();
    renderPage(<RetentionPage />, '/admin/retention', admin());
    for (const type of TYPES) expect((await screen.findAllByText(L.types[type])).length).toBeGreaterThan(0);
    expect(screen.getAllByText(L.anchors.final_payment).length).toBe(2);
    // the last sweep's report: what it removed, by type
    expect(await screen.findByText(L.byJob)).toBeTruthy();
    expect(screen.getByText('grants')).toBeTruthy();
    expect(screen.queryByText('sessions')).toBeNull(); // nothing removed there: not listed
  });

  it('saves a changed period, and puts a refusal on the field it names', async () => {
    let attempt = 0;
    const fetchMock = world((url, init) => {
      if (url === '/api/retention/settings' && init.method === 'PUT') {
        attempt += 1;
        return attempt === 1
          ? json({ statusCode: 400, error: 'Bad Request', message: 'too short', details: [{ field: 'settings.0.amount', code: 'too_short', message: 'grant records must be kept longer' }] }, 400)
          : json(SETTINGS.map((s) => (s.type === 'grant' ? { ...s, amount: 7 } : s)));
      }
      return undefined;
    });
    renderPage(<RetentionPage />, '/admin/retention', admin());
    const amount = await screen.findByLabelText(en.retention.amountOf.replace('{{type}}', en.retention.types.grant));
    fireEvent.change(amount, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: en.retention.save }));
    expect(await screen.findByText(en.retention.errors.too_short)).toBeTruthy();
    expect(bodyOf(fetchMock.sent('PUT', '/api/retention/settings')[0])).toEqual({ settings: [{ type: 'grant', amount: 2, unit: 'years' }] });

    fireEvent.change(amount, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: en.retention.save }));
    await waitFor(() => expect(fetchMock.sent('PUT', '/api/retention/settings')).toHaveLength(2));
    expect(bodyOf(fetchMock.sent('PUT', '/api/retention/settings')[1])).toEqual({ settings: [{ type: 'grant', amount: 7, unit: 'years' }] });
  });

  it('shows what a dry run would remove, changing nothing', async () => {
    const fetchMock = world((url, init) => {
      if (url === '/api/retention/dry-run' && init.method === 'POST') {
        return json({ at: '2026-12-07T09:00:00Z', items: [
          { type: 'notification', table: 'notifications', count: 12, firstId: 'aaaaaaaa-0000-4000-8000-000000000001', lastId: 'ffffffff-0000-4000-8000-000000000009' },
          { type: 'grant', table: 'grants', count: 0, firstId: null, lastId: null },
        ] });
      }
      return undefined;
    });
    renderPage(<RetentionPage />, '/admin/retention', admin());
    fireEvent.click(await screen.findByRole('button', { name: en.retention.dryRun }));
    const table = (await screen.findByText(/Would be removed/)).closest('table') as HTMLElement;
    expect(within(table).getByText('notifications')).toBeTruthy();
    expect(within(table).getByText('12')).toBeTruthy();
    expect(within(table).queryByText(en.retention.types.grant)).toBeNull();
    expect(fetchMock.sent('POST', '/api/retention/runs')).toHaveLength(0);
  });
});
