import { describe, expect, it } from 'vitest';
import { setupI18n } from '../../test/utils';
import { conditionText } from './conditions';
import type { TrancheCondition } from './types';

const f = { money: (c: number) => `${c / 100} €`, basisPoints: (bp: number) => `${bp / 100} %` };
const notInForce = { kind: 'grant_in_force', met: false, figure: 'sent_for_signature', params: { status: 'sent_for_signature' } } as unknown as TrancheCondition;

describe('tranche conditions in words', () => {
  it('names the grant status as a status, not as a word in the middle of a sentence', async () => {
    const i18n = await setupI18n('en');
    expect(conditionText(i18n.t, notInForce, f)).toBe('the grant is not in force (status: Sent for signature)');
    await i18n.changeLanguage('sq');
    expect(conditionText(i18n.t, notInForce, f)).toMatch(/^granti nuk është në fuqi \(statusi: .+\)$/);
    await i18n.changeLanguage('sr-Cyrl');
    expect(conditionText(i18n.t, notInForce, f)).toMatch(/^грант није на снази \(статус: [^A-Za-z]+\)$/);
  });
});
