import { DEMO_PROGRAMME_NAME } from '@grants/domain';
import { describe, expect, it } from 'vitest';
import { setupI18n } from '../test/utils';
import { programmeName } from './format-names';

describe('programme names', () => {
  it.each([
    ['en', 'Moving Forward – Cluster 3 grant scheme'],
    ['sq', 'Moving Forward – skema e granteve e Klasterit 3'],
    ['sr', 'Moving Forward – šema grantova Klastera 3'],
    ['sr-Cyrl', 'Moving Forward – шема грантова Кластера 3'],
  ])('names the programme under a call’s title in %s', async (lng, name) => {
    const i18n = await setupI18n(lng);
    expect(programmeName(DEMO_PROGRAMME_NAME, i18n.t)).toBe(name);
    // a programme the portal does not know is shown as stored
    expect(programmeName('Another scheme', i18n.t)).toBe('Another scheme');
    expect(programmeName(null, i18n.t)).toBe('');
  });
});
