import { describe, expect, it } from 'vitest';
import { parseEuroToCents } from '@grants/domain';
import { formatAmountInput, formatBasisPoints, formatCount, formatMoney, formatNumber, formatPercent, formatPoints, formatPointsOf } from './format-number';

describe('numbers in the reader’s language', () => {
  it('writes points with the language’s decimal mark, like the money beside them', () => {
    expect(formatPoints(82.5, 'en')).toBe('82.5');
    expect(formatPoints(82.5, 'sq')).toBe('82,5');
    expect(formatPoints(82.5, 'sr')).toBe('82,5');
    expect(formatPoints(82.5, 'sr-Cyrl')).toBe('82,5');
    expect(formatPoints(72.675, 'sq')).toBe('72,68'); // decimal rounding, not binary (toFixed gives 72.67)
    expect(formatPoints(null, 'sq')).toBe('—');
    expect(formatPointsOf(22.5, 30, 'sr')).toBe('22,5 / 30');
    expect(formatMoney(4_161_900, 'sq')).toBe('41.619,00 €');
    expect(formatMoney(4_161_900, 'sr-Cyrl')).toBe('41.619,00 €');
    expect(formatMoney(4_161_900, 'en')).toBe('€41,619.00');
  });

  it('writes percentages and basis points: "2.000,00 € (5,40 %)", never "5.40 %" in Albanian', () => {
    expect(formatPercent(5.4, 'sq', 2)).toBe('5,40 %');
    expect(formatPercent(5.4, 'en', 2)).toBe('5.40%');
    expect(formatBasisPoints(540, 'sr')).toBe('5,4 %');
    expect(formatBasisPoints(2000, 'sq')).toBe('20 %');
    expect(formatBasisPoints(1, 'en')).toBe('0.01%');
    expect(`${formatMoney(200_000, 'sq')} (${formatBasisPoints(540, 'sq', 2)})`).toBe('2.000,00 € (5,40 %)');
  });

  it('starts an amount box with what the reader would type, which reads back to the same cents', () => {
    expect(formatAmountInput(123_450, 'en')).toBe('1234.50');
    expect(formatAmountInput(123_450, 'sq')).toBe('1234,50');
    expect(formatAmountInput(5, 'sr-Cyrl')).toBe('0,05');
    for (const cents of [0, 5, 99, 100, 123_450, 1_000_000_00, 9_999_999_999]) {
      for (const lng of ['en', 'sq', 'sr', 'sr-Cyrl']) expect(parseEuroToCents(formatAmountInput(cents, lng))).toBe(cents);
    }
  });

  it('groups thousands and keeps signs', () => {
    expect(formatNumber(1_234_567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(1_234_567.891, 'sq')).toBe('1.234.567,89');
    expect(formatNumber(-0.001, 'sq')).toBe('0');
    expect(formatNumber(-12.5, 'sr')).toBe('-12,5');
    expect(formatNumber(3, 'en', { minDecimals: 2 })).toBe('3.00');
    expect(formatNumber(1e-9, 'en')).toBe('0');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
    expect(formatCount(12_000, 'sq')).toBe('12.000');
  });
});
