import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { followUpCodeFromBytes } from '@grants/domain';

/**
 * Safeguarding content at rest: AES-256-GCM with the key of SAFEGUARDING_KEY (config/env.dto.ts). A sealed value is
 * IV (12 bytes) ‖ tag (16) ‖ ciphertext, bound to its record by the associated data (`safeguarding:<id>:<field>`), so a
 * value copied onto another record does not open.
 */
export function seal(key: Buffer, aad: string, plain: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

export function open(key: Buffer, aad: string, sealed: Buffer): string {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
}

/** A new follow-up code (125 random bits), shown once to the reporter. */
export const newFollowUpCode = () => followUpCodeFromBytes(randomBytes(32));

/** What is stored of a follow-up code: the SHA-256 of its canonical form (a high-entropy code needs no slow hash). */
export const followUpHash = (canonical: string) => createHash('sha256').update(`safeguarding-follow-up:${canonical}`, 'utf8').digest('hex');
