import { serbianLatinToCyrillic } from '@grants/domain';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import { GRANT } from '../test/fixtures';
import type { Grant } from '../types';
import { GrantLogframeSection } from './GrantLogframeSection';

const indicator = { name: 'Survivors placed in jobs', level: 'outcome' as const, unit: 'persons', baseline: '0', target: '20', meansOfVerification: 'contracts', frequency: 'Half-yearly' };
const WITH_LOGFRAME: Grant = {
  ...GRANT,
  logframe: {
    overallObjective: 'Survivors reintegrate',
    specificObjectives: [
      { text: 'Work and income', nsObjective: 'III.4.4', results: [{ text: 'Survivors employed', indicators: [indicator], activities: [] }] },
      { text: 'Care', results: [] },
    ],
  },
};

describe('the grant’s logframe', () => {
  it('shows each specific objective with the National Strategy objective it serves, and the indicators’ targets', async () => {
    await setupI18n('en');
    renderPage(<GrantLogframeSection grant={WITH_LOGFRAME} />);
    const section = screen.getByRole('region', { name: 'Logframe' });
    const first = within(section).getByTestId('grant-so-1');
    expect(first.textContent).toContain('Specific objective 1: Work and income');
    expect(within(first).getByTestId('ns-objective').textContent).toMatch(/National Strategy objective: III\.4\.4 — \S/);
    expect(first.textContent).toContain('Survivors placed in jobs — Target: 20 persons');
    expect(within(screen.getByTestId('grant-so-2')).getByTestId('ns-objective').textContent).toContain('not tied to an objective of its own');
  });

  it('in Serbian Cyrillic for a reader who chose it', async () => {
    await setupI18n('sr-Cyrl');
    renderPage(<GrantLogframeSection grant={WITH_LOGFRAME} />);
    expect(within(screen.getByTestId('grant-so-1')).getByTestId('ns-objective').textContent).toContain(serbianLatinToCyrillic('Cilj Nacionalne strategije'));
  });

  it('is left out while the grant has no logframe', async () => {
    await setupI18n('en');
    renderPage(<GrantLogframeSection grant={GRANT} />);
    expect(screen.queryByTestId('grant-logframe')).toBeNull();
  });
});
