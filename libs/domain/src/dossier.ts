/**
 * The auditor's dossier of one grant (issue 13): one ZIP with every record of the grant, a `manifest.json` listing each
 * file with its SHA-256 and size, the extract of the audit trail about the grant's records (with their hash-chain
 * fields), and a dependency-free `verify.mjs` that recomputes both offline. This file holds the dossier's states, the
 * manifest's shape and the verification rules; apps/api/src/modules/dossier/verify/verify.mjs mirrors
 * `compareDossierFiles` and `verifyAuditExtract` with node built-ins only (a spec checks they agree).
 */
import { canonicalAuditPayload, type AuditEntry } from './audit-chain';
import { centsToDecimal } from './payment-order';

// ---------------------------------------------------------------------------------------------------------------
// States

/** queued (requested, waiting for the worker) → building → ready | failed; a failed one can be requested again. */
export const DOSSIER_STATUSES = ['queued', 'building', 'ready', 'failed'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = Object.freeze({
  queued: ['building'],
  // a building dossier whose worker died is taken up again from the start by the retried job (building → building)
  building: ['building', 'ready', 'failed'],
  ready: [],
  failed: ['queued'],
});

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(value);
}

export function canTransitionDossier(from: DossierStatus, to: DossierStatus): boolean {
  return DOSSIER_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * What a request for a grant's dossier does, given its dossiers so far (newest first): a dossier still queued or
 * building is the answer (never two at once); the latest one failed is requested again (failed → queued, the same row);
 * otherwise (none yet, or the latest ready: a later snapshot is wanted) a new one is made.
 */
export type DossierRequestPlan = { kind: 'existing'; id: string } | { kind: 'retry'; id: string } | { kind: 'new' };

export function planDossierRequest(dossiers: readonly { id: string; status: DossierStatus }[]): DossierRequestPlan {
  const active = dossiers.find((d) => d.status === 'queued' || d.status === 'building');
  if (active) return { kind: 'existing', id: active.id };
  const latest = dossiers[0];
  if (latest?.status === 'failed') return { kind: 'retry', id: latest.id };
  return { kind: 'new' };
}

// ---------------------------------------------------------------------------------------------------------------
// A dossier whose worker died

/** A building dossier whose progress has not moved for this long is taken to have stopped (its worker died). */
export const DOSSIER_STALE_MINUTES = 10;
/** The error a stale dossier is marked failed with (by the next request for the grant). */
export const DOSSIER_STALE_REASON = `stopped: no progress for ${DOSSIER_STALE_MINUTES} minutes`;

/**
 * A dossier is stale when it is building and its last progress (`lastProgressAt`: the time its progress or status was
 * last written) is at least DOSSIER_STALE_MINUTES before `now`. Queued, ready and failed ones never are. Times that
 * are not valid dates count as not stale (nothing is failed on a doubt).
 */
export function isDossierStale(d: { status: DossierStatus; lastProgressAt: Date | string }, now: Date | string): boolean {
  if (d.status !== 'building') return false;
  const last = new Date(d.lastProgressAt).getTime();
  const at = new Date(now).getTime();
  if (!Number.isFinite(last) || !Number.isFinite(at)) return false;
  return at - last >= DOSSIER_STALE_MINUTES * 60_000;
}

/**
 * What a request for a grant's dossier does, given its dossiers so far (newest first) and the time now: a dossier still
 * queued, or building with progress moving, is the answer (never two at once); a building one whose progress has
 * stopped (isDossierStale) is marked failed and a new one is made (`replace_stale`); the latest one failed is requested
 * again (failed → queued, the same row); otherwise (none yet, or the latest ready: a later snapshot is wanted) a new
 * one is made.
 */
export type DossierRequestPlanWithStale = DossierRequestPlan | { kind: 'replace_stale'; staleId: string };

export function planDossierRequestAt(
  dossiers: readonly { id: string; status: DossierStatus; lastProgressAt: Date | string }[], now: Date | string,
): DossierRequestPlanWithStale {
  const active = dossiers.find((d) => d.status === 'queued' || d.status === 'building');
  if (active && isDossierStale(active, now)) return { kind: 'replace_stale', staleId: active.id };
  return planDossierRequest(dossiers);
}

/**
 * Whether a job builds its dossier: a queued one, or one left building (a re-run of the same job) is built from the
 * start; a ready one has nothing to do, and a failed one (e.g. marked stale by a new request) is left alone — only a
 * new request queues it again, with a new job.
 */
export function dossierNeedsBuilding(status: DossierStatus): boolean {
  return status === 'queued' || status === 'building';
}

/** Progress in whole percent, never 100 before every step is done. */
export function dossierProgressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  if (done >= total) return 100;
  return Math.min(99, Math.floor((Math.max(0, done) * 100) / total));
}

// ---------------------------------------------------------------------------------------------------------------
// Manifest

export const DOSSIER_FORMAT = 'grant-dossier/1';
/** The files every dossier has besides the records; the manifest lists every file except itself. */
export const DOSSIER_MANIFEST_PATH = 'manifest.json';
export const DOSSIER_AUDIT_PATH = 'audit/extract.json';
export const DOSSIER_VERIFIER_PATH = 'verify.mjs';
export const DOSSIER_README_PATH = 'README.txt';

export type DossierFileEntry = { path: string; sha256: string; size: number };

export type DossierAuditRow = {
  seq: number; at: string; actorId: string | null; actorEmail: string | null; actorPseudonym?: string | null; action: string; entity: string; entityId: string | null;
  summary: string; prevHash: string; hash: string; hashVersion: number;
  /**
   * For reading, outside the hash: who acted as the portal shows it when the dossier is built (the e-mail behind the
   * pseudonym; null for a person whose data was erased), and the summary with each person it names shown that way.
   */
  actor?: string | null; summaryShown?: string;
};

/** `audit/extract.json`: the rows about the grant's records, in seq order, and the head of the whole chain at build time. */
export type DossierAuditExtract = {
  format: typeof DOSSIER_FORMAT;
  grantId: string;
  /** The head of the whole chain when the dossier was built (length and last hash): compare with a published anchor. */
  head: { seq: number; hash: string };
  rows: DossierAuditRow[];
};

export type DossierManifest = {
  format: typeof DOSSIER_FORMAT;
  grant: { id: string; agreementNumber: string; organization: string; call: string };
  generatedAt: string;
  /** Every file of the ZIP but manifest.json, sorted by path. */
  files: DossierFileEntry[];
  audit: { path: string; rows: number; firstSeq: number | null; lastSeq: number | null; head: { seq: number; hash: string } };
};

export function buildDossierManifest(input: {
  grant: DossierManifest['grant']; generatedAt: string; files: readonly DossierFileEntry[]; audit: DossierAuditExtract;
}): DossierManifest {
  const paths = new Set<string>();
  for (const f of input.files) {
    if (!isSafeDossierPath(f.path)) throw new RangeError(`Unsafe path in the dossier: ${f.path}`);
    if (f.path === DOSSIER_MANIFEST_PATH) throw new RangeError('The manifest does not list itself');
    if (paths.has(f.path)) throw new RangeError(`Two files at ${f.path}`);
    if (!/^[0-9a-f]{64}$/.test(f.sha256) || !Number.isSafeInteger(f.size) || f.size < 0) throw new RangeError(`Bad entry for ${f.path}`);
    paths.add(f.path);
  }
  const rows = input.audit.rows;
  return {
    format: DOSSIER_FORMAT,
    grant: input.grant,
    generatedAt: input.generatedAt,
    files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
    audit: { path: DOSSIER_AUDIT_PATH, rows: rows.length, firstSeq: rows[0]?.seq ?? null, lastSeq: rows.at(-1)?.seq ?? null, head: input.audit.head },
  };
}

/** The manifest as written into the ZIP (its SHA-256 is what the portal shows and verify.mjs prints). */
export function serializeDossierManifest(m: DossierManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** A relative path of forward-slashed segments, none empty, '.' or '..', no control or reserved characters. */
export function isSafeDossierPath(path: string): boolean {
  if (!path || path.length > 240 || path.startsWith('/')) return false;
  return path.split('/').every((s) => s.length > 0 && s !== '.' && s !== '..' && ![...s].some((ch) => ch.charCodeAt(0) < 32 || '\\:*?"<>|'.includes(ch)));
}

/** A file name made safe for one path segment (keeps letters of every script, digits, dots, dashes). */
export function dossierFileName(name: string, fallback = 'file'): string {
  const cleaned = [...(name || '').normalize('NFC')].map((ch) => (/[\p{L}\p{N}._-]/u.test(ch) ? ch : '_')).join('')
    .replace(/_+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  return cleaned || fallback;
}

/** Paths made unique in the order given: a second `a/x.pdf` becomes `a/x-2.pdf`. */
export function uniqueDossierPaths(paths: readonly string[]): string[] {
  const used = new Set<string>();
  return paths.map((p) => {
    let candidate = p;
    for (let n = 2; used.has(candidate); n++) {
      const slash = p.lastIndexOf('/');
      const dot = p.lastIndexOf('.');
      candidate = dot > slash + 1 ? `${p.slice(0, dot)}-${n}${p.slice(dot)}` : `${p}-${n}`;
    }
    used.add(candidate);
    return candidate;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Payment orders: an extract per order, never the whole batch

/**
 * A payment order is one batch for the bank with the credit transfers of every grant approved that day: the dossier of
 * one grant never holds it whole (the other organisations' names and accounts are not the auditor's subject). It holds
 * per order an extract — a pain.001 document of its own, valid against the schema, with only this grant's credit
 * transfer(s) (its own number of transactions and control sum, so that the document stays true to itself) — and beside
 * it these facts of the whole batch, by which the auditor finds it at the bank: its message id, creation time,
 * execution date, number of transactions and control sum, and the SHA-256 of the whole file as the portal recorded it
 * when it made the order (and whether the order, made again from the records, still has that SHA-256).
 */
export const DOSSIER_PAYMENT_ORDER_EXTRACT_KIND = 'payment-order-extract';

export type DossierPaymentOrderBatch = {
  paymentOrderId: string; messageId: string; createdAt: string; requestedExecutionDate: string;
  numberOfTransactions: number; controlSumCents: number; sha256: string;
};

export type DossierPaymentOrderTransaction = { endToEndId: string; amountCents: number; remittanceInformation: string };

export type DossierPaymentOrderExtract = {
  format: typeof DOSSIER_FORMAT;
  kind: typeof DOSSIER_PAYMENT_ORDER_EXTRACT_KIND;
  agreementNumber: string;
  /** The whole batch, as the bank received it (its file is not in the dossier). */
  batch: Omit<DossierPaymentOrderBatch, 'sha256'> & { controlSum: string; sha256: string; sha256RecomputedMatches: boolean };
  /** The extract beside this file: only this grant's credit transfer(s). */
  extract: { path: string; numberOfTransactions: number; controlSumCents: number; controlSum: string; transactions: (DossierPaymentOrderTransaction & { amount: string })[] };
};

/**
 * The facts written beside a payment order's extract. Throws when the extract is not a part of the batch: no
 * transaction, more transactions or more money than the whole batch, or a malformed hash.
 */
export function dossierPaymentOrderExtract(input: {
  agreementNumber: string; batch: DossierPaymentOrderBatch; recomputedSha256: string; extractPath: string; transactions: readonly DossierPaymentOrderTransaction[];
}): DossierPaymentOrderExtract {
  const { batch, transactions } = input;
  if (!isSafeDossierPath(input.extractPath)) throw new RangeError(`Unsafe path in the dossier: ${input.extractPath}`);
  if (!/^[0-9a-f]{64}$/.test(batch.sha256)) throw new RangeError('The recorded SHA-256 of the payment order is not a SHA-256');
  if (!transactions.length) throw new RangeError(`Payment order ${batch.messageId} holds no credit transfer of ${input.agreementNumber}`);
  if (transactions.some((t) => !Number.isSafeInteger(t.amountCents) || t.amountCents <= 0)) throw new RangeError('A credit transfer of the extract has no positive amount in cents');
  const controlSumCents = transactions.reduce((sum, t) => sum + t.amountCents, 0);
  if (transactions.length > batch.numberOfTransactions || controlSumCents > batch.controlSumCents) {
    throw new RangeError(`The extract of ${batch.messageId} is larger than the batch (${transactions.length} of ${batch.numberOfTransactions}, ${controlSumCents} of ${batch.controlSumCents} cents)`);
  }
  return {
    format: DOSSIER_FORMAT,
    kind: DOSSIER_PAYMENT_ORDER_EXTRACT_KIND,
    agreementNumber: input.agreementNumber,
    batch: {
      paymentOrderId: batch.paymentOrderId, messageId: batch.messageId, createdAt: batch.createdAt, requestedExecutionDate: batch.requestedExecutionDate,
      numberOfTransactions: batch.numberOfTransactions, controlSumCents: batch.controlSumCents, controlSum: centsToDecimal(batch.controlSumCents),
      sha256: batch.sha256, sha256RecomputedMatches: input.recomputedSha256 === batch.sha256,
    },
    extract: {
      path: input.extractPath, numberOfTransactions: transactions.length, controlSumCents, controlSum: centsToDecimal(controlSumCents),
      transactions: transactions.map((t) => ({ endToEndId: t.endToEndId, amountCents: t.amountCents, amount: centsToDecimal(t.amountCents), remittanceInformation: t.remittanceInformation })),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Verification (verify.mjs does the same with node built-ins)

export type DossierFileCheck = { ok: boolean; changed: string[]; missing: string[]; extra: string[] };

/**
 * The files found (path → SHA-256 and size, manifest.json left out) against the manifest: which were changed (hash or
 * size differ), which are missing, which were added. Sorted by path.
 */
export function compareDossierFiles(manifest: Pick<DossierManifest, 'files'>, found: ReadonlyMap<string, { sha256: string; size: number }>): DossierFileCheck {
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [path, f] of listed) {
    const actual = found.get(path);
    if (!actual) missing.push(path);
    else if (actual.sha256 !== f.sha256 || actual.size !== f.size) changed.push(path);
  }
  const extra = [...found.keys()].filter((p) => p !== DOSSIER_MANIFEST_PATH && !listed.has(p));
  const sort = (a: string[]) => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { ok: !changed.length && !missing.length && !extra.length, changed: sort(changed), missing: sort(missing), extra: sort(extra) };
}

export type AuditExtractProblem = { seq: number; reason: 'hash_mismatch' | 'prev_mismatch' | 'order' };
export type AuditExtractCheck = { ok: boolean; checked: number; problems: AuditExtractProblem[] };

/**
 * The rows of an extract, each recomputed as the portal computes it (libs/domain audit-chain canonicalAuditPayload:
 * its own fields and its previous hash): a row whose hash does not recompute was changed. The extract holds only the
 * grant's rows, so links are checked where two rows are neighbours in the chain (seq n and n + 1: the second's
 * prevHash is the first's hash). Rows must come in increasing seq order. Every problem is listed, by seq.
 */
export function verifyAuditExtract(rows: readonly DossierAuditRow[], sha256Hex: (s: string) => string): AuditExtractCheck {
  const problems: AuditExtractProblem[] = [];
  let previous: DossierAuditRow | null = null;
  for (const row of rows) {
    if (previous && !(row.seq > previous.seq)) problems.push({ seq: row.seq, reason: 'order' });
    let recomputed: string | null = null;
    try {
      recomputed = sha256Hex(canonicalAuditPayload(row as AuditEntry));
    } catch {
      recomputed = null;
    }
    if (recomputed !== row.hash) problems.push({ seq: row.seq, reason: 'hash_mismatch' });
    else if (previous && row.seq === previous.seq + 1 && row.prevHash !== previous.hash) problems.push({ seq: row.seq, reason: 'prev_mismatch' });
    previous = row;
  }
  return { ok: problems.length === 0, checked: rows.length, problems };
}
