/** One entry of the append-only, hash-chained audit log. */
export class AuditEntryResponseDto {
  seq!: number;
  /** ISO instant. */
  at!: string;
  actorId!: string | null;
  actorEmail!: string | null;
  action!: string;
  entity!: string;
  entityId!: string | null;
  summary!: string;
  prevHash!: string;
  hash!: string;
  /** The rule the hash was computed under: 1 (before actor e-mails were hashed) or 2 (every column). */
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
