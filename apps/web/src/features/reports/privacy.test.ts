import { personalDataConfirmation, scanPersonalData } from '@grants/domain';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeContent } from './fixtures.test-data';
import { confirmationsOf, findingKey, scanReportContent } from './privacy';

const nodeSha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the privacy check of a report’s free text', () => {
  it('finds passages in every free-text field, by field path', async () => {
    const c = completeContent();
    c.challenges = 'Write to arta.k@example.org about it.';
    c.indicators['so.1.result.1.indicator.1']!.comment = 'The victim Besa Gashi, born 12.03.2008, joined.';
    const findings = await scanReportContent(c);
    expect(findings.map((f) => [f.field, f.kind, f.excerpt])).toEqual([
      ['indicators.so.1.result.1.indicator.1.comment', 'name', 'Besa Gashi'],
      ['indicators.so.1.result.1.indicator.1.comment', 'date_of_birth', '12.03.2008'],
      ['challenges', 'email', 'arta.k@example.org'],
    ]);
  });

  it('hashes a confirmation as the API does (the same passage, the same hash as node:crypto)', async () => {
    const c = completeContent();
    c.lessons = 'Call  +383 44 123 456 for the coordinator.';
    const [finding] = await scanReportContent(c);
    const server = personalDataConfirmation(scanPersonalData(c.lessons)[0]!, nodeSha256);
    expect(finding!.excerptHash).toBe(server.excerptHash);
    expect(confirmationsOf([finding!], new Set([findingKey(finding!)]))).toEqual([{ field: 'lessons', kind: 'phone', excerptHash: server.excerptHash }]);
    expect(confirmationsOf([finding!], new Set())).toEqual([]);
  });

  it('finds nothing in counts-only text', async () => {
    expect(await scanReportContent(completeContent())).toEqual([]);
  });
});
