/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous
 * entry's hash, so changing, removing or reordering any entry breaks the chain from that entry on.
 * The hash function (SHA-256, hex) is injected, so this stays pure and runs in the API and the browser.
 */

export type AuditEntryFields = {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  prevHash: string;
};

export type AuditEntry = AuditEntryFields & { hash: string };

export type AuditChainProblem = 'hash_mismatch' | 'prev_mismatch' | 'seq_gap';

export type AuditChainVerification = {
  ok: boolean;
  /** Entries verified intact, in order, before the first broken one (all of them when ok). */
  checked: number;
  /** `seq` of the first entry that fails, as stored. */
  brokenAt: number | null;
  reason: AuditChainProblem | null;
};

/** prevHash of the first entry (seq 1). */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields, in the (sorted) order they are serialised. Anything else on a row is not covered. */
const HASHED_FIELDS = ['action', 'actorId', 'at', 'entity', 'entityId', 'prevHash', 'seq', 'summary'] as const satisfies readonly (keyof AuditEntryFields)[];

/**
 * Stable JSON of the hashed fields with sorted keys (`hash` and any other property are left out).
 * `at` is hashed as the exact string given, so the writer must store and re-read it in one format
 * (ISO 8601 UTC with milliseconds, e.g. `2025-06-01T08:30:00.000Z`).
 */
export function canonicalAuditPayload(e: AuditEntryFields): string {
  const ordered: Record<string, unknown> = {};
  for (const key of HASHED_FIELDS) ordered[key] = e[key] === undefined ? null : e[key];
  return JSON.stringify(ordered);
}

/** The hash to store on a new entry. */
export function computeAuditHash(e: AuditEntryFields, sha256Hex: (s: string) => string): string {
  return sha256Hex(canonicalAuditPayload(e));
}

/**
 * Verifies entries given in seq order. The first entry must chain to GENESIS_HASH when it is seq 1; a
 * window that starts later is trusted for its first prevHash and checked from there on.
 * Stops at the first broken entry.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], sha256Hex: (s: string) => string): AuditChainVerification {
  let previous: AuditEntry | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const broken = (reason: AuditChainProblem): AuditChainVerification => ({ ok: false, checked: i, brokenAt: entry.seq, reason });

    if (!Number.isSafeInteger(entry.seq) || entry.seq < 1) return broken('seq_gap');
    if (previous === null) {
      if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return broken('prev_mismatch');
    } else {
      if (entry.seq !== previous.seq + 1) return broken('seq_gap');
      if (entry.prevHash !== previous.hash) return broken('prev_mismatch');
    }
    if (computeAuditHash(entry, sha256Hex) !== entry.hash) return broken('hash_mismatch');
    previous = entry;
  }
  return { ok: true, checked: entries.length, brokenAt: null, reason: null };
}
