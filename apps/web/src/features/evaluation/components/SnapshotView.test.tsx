import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import { SUBMISSION } from '../test/fixtures';
import { SnapshotView } from './SnapshotView';

describe('evaluator: the submitted application', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('names the organisation as it stood at submission and opens each submitted file that is still stored', async () => {
    renderPage(<SnapshotView submission={SUBMISSION} organizationName="Name on the assignment" />);
    expect(screen.getByText(SUBMISSION.snapshot.organization.legalName)).toBeTruthy();
    expect(screen.getByTestId('snapshot-requested').textContent).toBe('€37,800.00');

    fireEvent.click(screen.getByRole('tab', { name: 'Attachments' }));
    const stored = within(await screen.findByTestId('snapshot-attachment-statute'));
    expect(stored.getByRole('link', { name: 'statute.pdf' }).getAttribute('href')).toBe('/api/files/f1/download');
    expect(stored.getByText('2 KB')).toBeTruthy();
    // a file the portal no longer keeps (fileId null) is named, not linked
    const gone = within(screen.getByTestId('snapshot-attachment-cv'));
    expect(gone.queryByRole('link')).toBeNull();
    expect(gone.getByText('cv-lead.pdf')).toBeTruthy();
    expect(gone.getByText('(no longer stored)')).toBeTruthy();
  });
});
