import { timeLeft } from '@grants/domain';
import { screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n';
import { renderPage, setupI18n } from '../../../test/utils';
import { DeadlineCountdown, formatTimeLeft, KosovoTime, rememberServerNow, serverOffsetMs } from './Kosovo';

describe('deadline countdown', () => {
  beforeAll(async () => {
    await setupI18n('en');
    await i18n.loadLanguages(['sq', 'sr']); // languages load on demand; getFixedT below reads them without switching
  });
  afterEach(() => {
    rememberServerNow(new Date().toISOString());
    vi.useRealTimers();
  });

  it('formats days, hours and minutes, and seconds on the last day', () => {
    const t = i18n.getFixedT('en');
    expect(formatTimeLeft(t, timeLeft('2027-01-01T10:00:00Z', '2027-01-04T13:05:09Z'))).toBe('3 days 3 h 05 min');
    expect(formatTimeLeft(t, timeLeft('2027-01-01T10:00:00Z', '2027-01-02T10:05:00Z'))).toBe('1 day 0 h 05 min');
    expect(formatTimeLeft(t, timeLeft('2027-01-01T10:00:00Z', '2027-01-01T14:02:09Z'))).toBe('4 h 02 min 09 s');
    expect(formatTimeLeft(t, timeLeft('2027-01-01T10:00:00Z', '2027-01-01T10:00:00Z'))).toBe('Deadline passed');
  });

  it('formats in Albanian and Serbian too', () => {
    expect(formatTimeLeft(i18n.getFixedT('sq'), timeLeft('2027-01-01T10:00:00Z', '2027-01-04T13:05:09Z'))).toBe('3 ditë 3 orë 05 min');
    expect(formatTimeLeft(i18n.getFixedT('sr'), timeLeft('2027-01-01T10:00:00Z', '2027-01-03T13:05:09Z'))).toBe('2 dana 3 č 05 min');
  });

  it("counts down on the server's clock, not the browser's", () => {
    vi.useFakeTimers({ now: new Date('2027-01-01T10:00:00Z') });
    // the browser is 2 hours fast: the server says it is 08:00
    expect(serverOffsetMs('2027-01-01T08:00:00Z')).toBe(-2 * 3600_000);
    rememberServerNow('2027-01-01T08:00:00Z');
    renderPage(<DeadlineCountdown deadline="2027-01-01T09:00:00Z" />);
    expect(screen.getByRole('timer').textContent).toContain('1 h 00 min 00 s left');
  });

  it('labels instants as Kosovo time (DST respected)', () => {
    renderPage(<KosovoTime iso="2027-07-01T15:00:00Z" />);
    expect(screen.getByText(/1 July 2027, 17:00/).textContent).toContain('1 July 2027, 17:00 (Kosovo time)');
  });
});
