/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and the previous
 * entry's hash, so changing, removing or reordering any entry breaks the chain from that entry on. Anchors (the
 * head's length and hash, published at intervals) catch what the chain alone cannot: a cut or a rewritten tail.
 * The hash function (SHA-256, hex) is injected, so this stays pure and runs in the API and the browser.
 */

/**
 * How an entry's hash is computed. 1: the first rule, which left `actorEmail` out; 2: every column of the row
 * (`actorEmail` and the version itself included); 3 (issue 14): no personal data: the actor is an
 * `actorPseudonym` (a random id per person, linked to the person only in a table that erasure empties), with
 * neither `actorEmail` nor `actorId` (both stored empty). Entries keep the rule they were written under, so the
 * history written before still verifies; once an entry of a version exists, a later entry of a lower one is a forgery.
 */
export type AuditHashVersion = 1 | 2 | 3;
export const CURRENT_AUDIT_HASH_VERSION: AuditHashVersion = 3;

export type AuditEntryFields = {
  seq: number;
  at: string;
  actorId: string | null;
  /** Hashed from version 2 on. */
  actorEmail?: string | null;
  /** Hashed from version 3 on, instead of actorId and actorEmail. */
  actorPseudonym?: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  prevHash: string;
  /** Missing means 1 (entries written before versions existed). */
  hashVersion?: number;
};

export type AuditEntry = AuditEntryFields & { hash: string };

/**
 * The head of the chain as published at some moment (in the daily digest, in a decision record): the chain had
 * `seq` entries and the last one's hash was `hash` (seq 0 and GENESIS_HASH for an empty chain).
 */
export type AuditAnchor = { seq: number; hash: string };

export type AuditChainProblem = 'hash_mismatch' | 'prev_mismatch' | 'seq_gap' | 'version_downgrade' | 'truncated' | 'anchor_mismatch';

export type AuditChainVerification = {
  ok: boolean;
  /** Entries verified intact, in order, before the first broken one (all of them when ok). */
  checked: number;
  /** `seq` of the first entry that fails, as stored (for `truncated`: the first entry missing). */
  brokenAt: number | null;
  reason: AuditChainProblem | null;
};

/** prevHash of the first entry (seq 1). */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of each version, in the (sorted) order they are serialised. Anything else is not covered. */
const HASHED_FIELDS = {
  1: ['action', 'actorId', 'at', 'entity', 'entityId', 'prevHash', 'seq', 'summary'],
  2: ['action', 'actorEmail', 'actorId', 'at', 'entity', 'entityId', 'hashVersion', 'prevHash', 'seq', 'summary'],
  3: ['action', 'actorPseudonym', 'at', 'entity', 'entityId', 'hashVersion', 'prevHash', 'seq', 'summary'],
} as const satisfies Record<AuditHashVersion, readonly (keyof AuditEntryFields)[]>;

const versionOf = (e: AuditEntryFields): number => e.hashVersion ?? 1;

/**
 * Stable JSON of the hashed fields of the entry's version, with sorted keys (`hash` and any other property left out).
 * `at` is hashed as the exact string given, so the writer must store and re-read it in one format
 * (ISO 8601 UTC with milliseconds, e.g. `2025-06-01T08:30:00.000Z`). Throws on an unknown version.
 */
export function canonicalAuditPayload(e: AuditEntryFields): string {
  const version = versionOf(e);
  if (version !== 1 && version !== 2 && version !== 3) throw new RangeError(`Unknown audit hash version ${version}`);
  const ordered: Record<string, unknown> = {};
  for (const key of HASHED_FIELDS[version]) ordered[key] = e[key] === undefined ? null : e[key];
  return JSON.stringify(ordered);
}

/** The hash to store on a new entry. */
export function computeAuditHash(e: AuditEntryFields, sha256Hex: (s: string) => string): string {
  return sha256Hex(canonicalAuditPayload(e));
}

/**
 * Verifies entries given in seq order. The first entry must chain to GENESIS_HASH when it is seq 1; a
 * window that starts later is trusted for its first prevHash and checked from there on.
 * Stops at the first broken entry. Then each anchor (a head published earlier) must still be there: an anchor
 * beyond the last entry means entries were removed from the tail (`truncated`), and an entry whose hash differs from
 * its anchor was rewritten, even with its hash recomputed (`anchor_mismatch`). Anchors before the window are skipped.
 */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  sha256Hex: (s: string) => string,
  anchors: readonly AuditAnchor[] = [],
): AuditChainVerification {
  let previous: AuditEntry | null = null;
  let highest = 1;
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
    const version = versionOf(entry);
    if (version !== 1 && version !== 2 && version !== 3) return broken('hash_mismatch');
    if (version < highest) return broken('version_downgrade');
    // a version-3 entry carries no actor id nor e-mail: one that does was not written by the rule
    if (version === 3 && ((entry.actorId ?? null) !== null || (entry.actorEmail ?? null) !== null)) return broken('hash_mismatch');
    highest = version;
    if (computeAuditHash(entry, sha256Hex) !== entry.hash) return broken('hash_mismatch');
    previous = entry;
  }
  const first = entries[0]?.seq ?? 1;
  const last = entries.at(-1)?.seq ?? 0;
  for (const anchor of [...anchors].sort((a, b) => a.seq - b.seq)) {
    if (anchor.seq > last) return { ok: false, checked: entries.length, brokenAt: last + 1, reason: 'truncated' };
    if (anchor.seq < first) {
      if (anchor.seq === 0 && anchor.hash !== GENESIS_HASH) return { ok: false, checked: 0, brokenAt: 0, reason: 'anchor_mismatch' };
      continue;
    }
    const index = anchor.seq - first;
    if (entries[index]!.hash !== anchor.hash) return { ok: false, checked: index, brokenAt: anchor.seq, reason: 'anchor_mismatch' };
  }
  return { ok: true, checked: entries.length, brokenAt: null, reason: null };
}
