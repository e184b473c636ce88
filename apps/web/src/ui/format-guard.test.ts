import { describe, expect, it } from 'vitest';

/**
 * Numbers and dates reach the reader only through ui/format*.ts (and the domain's money and Kosovo-time
 * formatters): a feature that calls toFixed, toLocaleString or Intl itself prints the browser's or the
 * English notation next to the portal's ("82.5" beside "41.619,00 €"), and a native date input shows the
 * browser's mm/dd/yyyy. This reads every feature's source and names the lines that do.
 */
const sources = import.meta.glob(['../features/**/*.{ts,tsx}', '!../features/**/*.test.{ts,tsx}', '!../features/**/test/**'], {
  query: '?raw', import: 'default', eager: true,
}) as Record<string, string>;

const RAW: readonly { what: string; re: RegExp }[] = [
  { what: 'toFixed (binary rounding, always a decimal point)', re: /\.toFixed\(/ },
  { what: 'toLocaleString/DateString/TimeString (the browser’s locale)', re: /\.toLocale(?:Date|Time)?String\(/ },
  { what: 'Intl number or date formats (browsers lack Albanian)', re: /\bIntl\.(?:NumberFormat|DateTimeFormat)\b/ },
  { what: 'a native date input (the browser’s mm/dd/yyyy)', re: /type=["']date["']|type:\s*["']date["']/ },
];

describe('formatting goes through ui/format*', () => {
  it('reads the features’ sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it('finds no raw number or date formatting in a feature', () => {
    const found: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      text.split('\n').forEach((line, i) => {
        for (const r of RAW) if (r.re.test(line)) found.push(`${file.replace('../features/', '')}:${i + 1} ${r.what}`);
      });
    }
    expect(found).toEqual([]);
  });
});
