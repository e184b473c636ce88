import { describe, expect, it } from 'vitest';
import { datePlaceholder, formatDateInput, parseDateInput } from './format-date-input';

describe('dates as typed in the portal’s language', () => {
  it('shows a date in each language’s notation, day first', () => {
    expect(formatDateInput('2027-03-31', 'en')).toBe('31/03/2027');
    expect(formatDateInput('2027-03-31', 'sq')).toBe('31.03.2027');
    expect(formatDateInput('2027-03-31', 'sr')).toBe('31.03.2027.');
    expect(formatDateInput('2027-03-31', 'sr-Cyrl')).toBe('31.03.2027.');
    expect(formatDateInput('', 'en')).toBe('');
    expect(datePlaceholder('en')).toBe('DD/MM/YYYY');
    expect(datePlaceholder('sq')).toBe('DD.MM.VVVV');
    expect(datePlaceholder('sr')).toBe('DD.MM.GGGG.');
    expect(datePlaceholder('sr-Cyrl')).toBe('ДД.ММ.ГГГГ.');
  });

  it('reads what people type, and refuses what is not a calendar date', () => {
    expect(parseDateInput('31/03/2027', 'en')).toBe('2027-03-31');
    expect(parseDateInput('1.3.2027', 'sq')).toBe('2027-03-01');
    expect(parseDateInput('31.03.2027.', 'sr')).toBe('2027-03-31');
    expect(parseDateInput(' 5-4-2027 ', 'en')).toBe('2027-04-05');
    expect(parseDateInput('2027-03-31', 'sq')).toBe('2027-03-31');
    expect(parseDateInput('29.02.2028', 'sq')).toBe('2028-02-29');
    // mm/dd/yyyy is not the portal's order: 03/31/2027 has no 31st month
    expect(parseDateInput('03/31/2027', 'en')).toBeNull();
    expect(parseDateInput('29.02.2027', 'sq')).toBeNull();
    expect(parseDateInput('31.04.2027', 'sr')).toBeNull();
    expect(parseDateInput('2027-13-01', 'en')).toBeNull();
    expect(parseDateInput('31.03.27', 'sq')).toBeNull();
    expect(parseDateInput('sot', 'sq')).toBeNull();
    expect(parseDateInput('', 'en')).toBeNull();
  });

  it('round-trips every day of a year in every language', () => {
    for (const lng of ['en', 'sq', 'sr', 'sr-Cyrl']) {
      for (let d = new Date(Date.UTC(2028, 0, 1)); d.getUTCFullYear() === 2028; d.setUTCDate(d.getUTCDate() + 1)) {
        const iso = d.toISOString().slice(0, 10);
        expect(parseDateInput(formatDateInput(iso, lng), lng)).toBe(iso);
      }
    }
  });
});
