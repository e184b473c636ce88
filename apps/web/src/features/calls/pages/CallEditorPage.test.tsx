import { demoCallDraft, permissionsFor } from '@grants/domain';
import { QueryClient } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetCsrfToken } from '../../../api/csrf';
import { json, makeMe, mockFetch, renderRoutes, setupI18n } from '../../../test/utils';
import type { RequestBodyOf } from '../../../api/client';
import type { Call } from '../types';

type UpdateCall = RequestBodyOf<'/api/calls/{id}', 'patch'>;
import { CallEditorPage } from './CallEditorPage';

const DRAFT = demoCallDraft('2099-01-05T09:00:00Z', 'CFP-2027-01');
/** The demo grid cut down to its first section and two criteria (a full grid makes jsdom slow). */
const GRID = { ...DRAFT.grid, sections: [{ ...DRAFT.grid.sections[0], criteria: DRAFT.grid.sections[0].criteria.slice(0, 2) }] };

const CALL: Call = {
  id: 'c1',
  reference: 'CFP-2027-01',
  status: 'draft',
  title: { en: 'Call', sq: 'Thirrja', sr: 'Poziv' },
  programme: 'Moving Forward',
  budgetEnvelopeCents: 0,
  minGrantCents: 0,
  maxGrantCents: 0,
  questionsDeadlineAt: null,
  submissionDeadlineAt: null,
  publishedAt: null,
  myApplication: null,
  version: 1,
  definition: { ...DRAFT, grid: GRID, requiredAttachments: [] },
  serverNow: '2099-01-01T09:00:00Z',
  questionsOpen: false,
  submissionOpen: false,
  following: false,
  amendments: [],
  documents: [],
  problems: [],
  infoSessions: [],
};

function client() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  qc.setQueryData(['me'], { ...makeMe({ role: 'secretariat', organizationId: null, orgRole: null }), permissions: permissionsFor({ role: 'secretariat', orgRole: null }) });
  return qc;
}

describe('CallEditorPage evaluation grid', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });
  beforeEach(() => resetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('edits section and criterion titles in English, Albanian and Serbian', async () => {
    let patched: UpdateCall | undefined;
    mockFetch((url, init) => {
      if (url === '/api/auth/csrf') return json({ csrfToken: 't' });
      if (url === '/api/calls/c1' && init.method === 'GET') return json(CALL);
      if (url === '/api/calls/c1' && init.method === 'PATCH') {
        patched = JSON.parse(String(init.body)) as UpdateCall;
        const saved: Call = { ...CALL, version: 2, definition: { ...CALL.definition, ...patched.definition } };
        return json(saved);
      }
      return undefined;
    });
    renderRoutes([{ path: '/calls/:id/edit', element: <CallEditorPage /> }], ['/calls/c1/edit'], client());

    const criterionSq = (await screen.findByLabelText('Criterion 1.1 (Albanian)')) as HTMLInputElement;
    expect(criterionSq.value).toBe('Përvoja në menaxhimin e projekteve të madhësisë dhe llojit të ngjashëm');
    expect((screen.getByLabelText('Criterion 1.1 (Serbian)') as HTMLInputElement).value).toBe('Iskustvo u upravljanju projektima slične veličine i vrste');
    fireEvent.change(criterionSq, { target: { value: 'Përvoja me projekte të ngjashme' } });
    fireEvent.change(screen.getByLabelText('Title of section capacity (Serbian)'), { target: { value: 'Kapacitet organizacije' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(patched).toBeDefined());
    const sent = (patched as UpdateCall).definition;
    // what the server keeps itself is not sent back (the API refuses it as unknown fields)
    expect(sent).not.toHaveProperty('reference');
    expect(sent).not.toHaveProperty('documents');
    const section = sent.grid.sections[0];
    expect(section.title).toEqual({ en: 'Financial and operational capacity', sq: 'Kapaciteti financiar dhe operacional', sr: 'Kapacitet organizacije' });
    expect(section.criteria[0].title).toEqual({
      en: 'Experience in managing projects of similar size and kind',
      sq: 'Përvoja me projekte të ngjashme',
      sr: 'Iskustvo u upravljanju projektima slične veličine i vrste',
    });
  });
});
