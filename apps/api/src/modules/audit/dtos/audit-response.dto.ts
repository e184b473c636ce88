/** One entry of the append-only, hash-chained audit log. */
export class AuditEntryResponseDto {
  seq!: number;
  /** ISO instant. */
  at!: string;
  /** The actor's user id: stored on entries before version 3; from version 3 on, read through the pseudonym's link (null once erased). */
  actorId!: string | null;
  /** The actor's e-mail: stored before version 3; from version 3 on, read through the pseudonym's link (null once erased). */
  actorEmail!: string | null;
  /** Version 3: the pseudonym the entry hashes. */
  actorPseudonym!: string | null;
  /** The person behind the pseudonym was erased on request: the entry still verifies, and nobody can tell who acted. */
  actorErased!: boolean;
  action!: string;
  entity!: string;
  entityId!: string | null;
  summary!: string;
  prevHash!: string;
  hash!: string;
  /** The summary with each `person:<pseudonym>` reference replaced by the person's e-mail ("erased person" once erased), for reading. */
  summaryShown!: string;
  /** The rule the hash was computed under: 1 (before actor e-mails were hashed), 2 (every column), 3 (a pseudonym, no personal data). */
  hashVersion!: number;
}

export class AuditPageResponseDto {
  items!: AuditEntryResponseDto[];
  total!: number;
}

/** The result of recomputing the chain from its first entry. */
export class AuditVerificationResponseDto {
  ok!: boolean;
  /** Entries verified intact, in order, before the first broken one. */
  checked!: number;
  /** seq of the first entry that fails. */
  brokenAt!: number | null;
  /**
   * hash_mismatch, prev_mismatch, seq_gap, version_downgrade, truncated (entries missing below a published anchor),
   * anchor_mismatch (an entry no longer has the hash an anchor recorded); null when ok.
   */
  reason!: string | null;
  /** Anchors (heads of the chain recorded daily and at each decision) checked against the chain. */
  anchorsChecked!: number;
}
