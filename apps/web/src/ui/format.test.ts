import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, shortHash } from './format';

describe('format', () => {
  it('shows calendar dates in each language without shifting the day', () => {
    expect(formatDate('2027-03-31', 'en')).toBe('31 Mar 2027');
    expect(formatDate('2027-03-31', 'sq')).toBe('31 mar 2027');
    expect(formatDate('2026-11-24', 'sq')).toBe('24 nën 2026');
    expect(formatDate('2026-11-24', 'sr')).toBe('24. nov. 2026.');
    expect(formatDate('2026-11-24', 'sr-Cyrl')).toBe('24. нов. 2026.');
  });

  it("reads timestamps in Kosovo's time zone", () => {
    // 23:30 UTC on 30 November is already 1 December in Prishtina (UTC+1)
    expect(formatDate('2026-11-30T23:30:00Z', 'en')).toBe('1 Dec 2026');
    expect(formatDateTime('2026-07-01T10:05:00Z', 'en')).toBe('1 Jul 2026 12:05');
  });

  it('formats sizes and hashes', () => {
    expect(formatBytes(45, 'en')).toBe('45 B');
    expect(formatBytes(10 * 1024 * 1024, 'en')).toBe('10 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'sq')).toBe('1,5 MB');
    expect(formatBytes(2.25 * 1024, 'sr-Cyrl')).toBe('2,3 KB');
    expect(shortHash('a'.repeat(64))).toBe('aaaaaaaa…aaaaaa');
  });
});
