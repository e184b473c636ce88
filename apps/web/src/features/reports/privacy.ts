import { narrativeReportFreeText, normalisedExcerpt, personalDataConfirmation, scanFields, type PersonalDataFinding } from '@grants/domain';
import type { PrivacyConfirmation, PrivacyFinding } from './types';

async function sha256Hex(s: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The passages of the report's free text that look like a person's data (libs/domain scanFields over
 * narrativeReportFreeText), each with the hash its confirmation carries (personalDataConfirmation, hashed with
 * Web Crypto as the API hashes with node:crypto). The server scans again on submitting and refuses a finding
 * left unconfirmed.
 */
export async function scanReportContent(content: unknown): Promise<PrivacyFinding[]> {
  return scanTexts(narrativeReportFreeText(content));
}

/** The same check on any texts by field (a comment: `text`; a review's comments: `comments.<i>.text`, as the API names them). */
export async function scanTexts(texts: Readonly<Record<string, string>>): Promise<PrivacyFinding[]> {
  const byField = scanFields(texts);
  const out: PrivacyFinding[] = [];
  for (const [field, findings] of Object.entries(byField)) {
    for (const finding of findings) out.push({ field, ...finding, excerptHash: await confirmationHash(finding) });
  }
  return out;
}

async function confirmationHash(finding: PersonalDataFinding): Promise<string> {
  const input = `${finding.kind}\n${normalisedExcerpt(finding.excerpt)}`;
  const hex = await sha256Hex(input);
  return personalDataConfirmation(finding, (s) => (s === input ? hex : '')).excerptHash;
}

export const findingKey = (f: Pick<PrivacyFinding, 'field' | 'kind' | 'start'>) => `${f.field}:${f.kind}:${f.start}`;

export function confirmationsOf(findings: readonly PrivacyFinding[], confirmed: ReadonlySet<string>): PrivacyConfirmation[] {
  return findings.filter((f) => confirmed.has(findingKey(f))).map((f) => ({ field: f.field, kind: f.kind, excerptHash: f.excerptHash }));
}
