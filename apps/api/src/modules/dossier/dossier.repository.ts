import { Injectable } from '@nestjs/common';
import type { DossierAuditRow, DossierStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import { wholeNumber, wholeNumbers } from '../../common/whole-numbers';

export type DossierRow = {
  id: string; grantId: string; status: DossierStatus; progressDone: number; progressTotal: number; fileId: string | null;
  sha256: string | null; manifestSha256: string | null; size: number | null; fileCount: number | null; auditRows: number | null;
  error: string | null; attempts: number; requestedBy: string; requestedByName: string | null; requestedAt: string; startedAt: string | null; finishedAt: string | null;
  /** When its progress or status was last written (what tells a building dossier whose worker died). */
  updatedAt: string;
};

const COLUMNS = `d.id, d.grant_id AS "grantId", d.status, d.progress_done AS "progressDone", d.progress_total AS "progressTotal", d.file_id AS "fileId",
  d.sha256, d.manifest_sha256 AS "manifestSha256", d.size::text AS size, d.file_count AS "fileCount", d.audit_rows AS "auditRows", d.error, d.attempts,
  d.requested_by AS "requestedBy", u.full_name AS "requestedByName", d.requested_at AS "requestedAt", d.started_at AS "startedAt", d.finished_at AS "finishedAt", d.updated_at AS "updatedAt"`;


const toRow = (r: Record<string, unknown>): DossierRow => ({
  ...(wholeNumbers(r, ['size']) as DossierRow),
  requestedAt: (r.requestedAt as Date).toISOString(),
  startedAt: r.startedAt ? (r.startedAt as Date).toISOString() : null,
  finishedAt: r.finishedAt ? (r.finishedAt as Date).toISOString() : null,
  updatedAt: (r.updatedAt as Date).toISOString(),
});

/** A stored file the dossier copies (its bytes come from files/storage). */
export type StoredFile = { id: string; storageKey: string; fileName: string; sha256: string; size: number };

/** Everything about one grant that goes into its dossier, read in one snapshot. */
export type DossierSource = {
  grant: Record<string, unknown> & { id: string; agreementNumber: string; organization: string; callReference: string; callTitle: Record<string, string>; applicationId: string | null; awardId: string | null };
  submission: Record<string, unknown> | null;
  submitterName: string | null;
  attachments: (StoredFile & { requirementId: string })[];
  sheets: Record<string, unknown>[];
  award: Record<string, unknown> | null;
  decision: Record<string, unknown> | null;
  versions: Record<string, unknown>[];
  amendments: Record<string, unknown>[];
  tranches: Record<string, unknown>[];
  paymentOrderIds: string[];
  expenditure: Record<string, unknown>[];
  narrative: Record<string, unknown>[];
  narrativeVersions: Record<string, unknown>[];
  narrativeComments: Record<string, unknown>[];
  extensions: Record<string, unknown>[];
  visits: Record<string, unknown>[];
  visitReports: Record<string, unknown>[];
  photos: (StoredFile & { reportId: string; caption: string | null })[];
  actionPoints: Record<string, unknown>[];
  actionPointEvents: Record<string, unknown>[];
  recoveryOrders: Record<string, unknown>[];
  repayments: Record<string, unknown>[];
  files: Map<string, StoredFile>;
};

/** SQL of the auditor's dossiers: the rows of grant_dossiers, and the grant's records read for one. */
@Injectable()
export class DossierRepository {
  async list(m: EntityManager, grantId: string): Promise<DossierRow[]> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM grant_dossiers d LEFT JOIN users u ON u.id = d.requested_by WHERE d.grant_id = $1 ORDER BY d.requested_at DESC, d.id DESC`, [grantId]);
    return rows.map(toRow);
  }

  async find(m: EntityManager, id: string, lock = false): Promise<DossierRow | null> {
    const [row] = await m.query(`SELECT ${COLUMNS} FROM grant_dossiers d LEFT JOIN users u ON u.id = d.requested_by WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [id]);
    return row ? toRow(row) : null;
  }

  /** The database's clock (what `updated_at` is written with), for telling a stale dossier. */
  async now(m: EntityManager): Promise<Date> {
    const [row] = await m.query(`SELECT now() AS now`);
    return row.now as Date;
  }

  async grantOf(m: EntityManager, id: string): Promise<string | null> {
    const [row] = await m.query(`SELECT grant_id FROM grant_dossiers WHERE id = $1`, [id]);
    return row?.grant_id ?? null;
  }

  /** Serialises requests for one grant's dossier (two at once see each other's row). */
  async lockGrant(m: EntityManager, grantId: string): Promise<{ agreementNumber: string } | null> {
    const [row] = await m.query(`SELECT agreement_number AS "agreementNumber" FROM grants WHERE id = $1 FOR UPDATE`, [grantId]);
    return row ?? null;
  }

  async insert(m: EntityManager, grantId: string, requestedBy: string): Promise<string> {
    const [row] = await m.query(`INSERT INTO grant_dossiers (grant_id, requested_by) VALUES ($1, $2) RETURNING id`, [grantId, requestedBy]);
    return row.id;
  }

  async progress(m: EntityManager, id: string, done: number, total: number): Promise<void> {
    await m.query(`UPDATE grant_dossiers SET progress_done = $2, progress_total = $3, updated_at = now() WHERE id = $1 AND status = 'building'`, [id, done, total]);
  }

  async requester(m: EntityManager, userId: string): Promise<{ id: string; email: string; language: 'en' | 'sq' | 'sr'; fullName: string } | null> {
    const [row] = await m.query(`SELECT id, email, language, full_name AS "fullName" FROM users WHERE id = $1 AND active`, [userId]);
    return row ?? null;
  }

  async insertFile(m: EntityManager, f: { id: string; storage: string; storageKey: string; fileName: string; size: number; sha256: string; createdBy: string }): Promise<void> {
    await m.query(
      `INSERT INTO files (id, storage, storage_key, file_name, mime_type, size, sha256, created_by) VALUES ($1, $2, $3, $4, 'application/zip', $5, $6, $7)`,
      [f.id, f.storage, f.storageKey, f.fileName, f.size, f.sha256, f.createdBy]);
  }

  async file(m: EntityManager, id: string): Promise<StoredFile | null> {
    const [row] = await m.query(`SELECT id, storage_key AS "storageKey", file_name AS "fileName", sha256, size::text AS size FROM files WHERE id = $1`, [id]);
    return row ? wholeNumbers(row as StoredFile, ['size']) : null;
  }

  /** The grant's records, as they are in the caller's snapshot (call it in a REPEATABLE READ transaction). */
  async source(m: EntityManager, grantId: string): Promise<DossierSource | null> {
    const [grantRow] = await m.query(
      `SELECT g.id, g.agreement_number AS "agreementNumber", g.status, g.amount_cents::text AS "amountCents", g.start_date::text AS "startDate", g.end_date::text AS "endDate",
              g.submission_sha256 AS "submissionSha256", g.agreement_sha256 AS "agreementSha256", g.agreement_language AS "agreementLanguage", g.agreement_file_id AS "agreementFileId",
              g.signed_copy_file_id AS "signedCopyFileId", g.signatory_name AS "signatoryName", g.signatory_function AS "signatoryFunction", g.signed_at AS "signedAt",
              g.countersigned_at AS "countersignedAt", g.sent_at AS "sentAt", g.final_balance AS "finalBalance", g.final_balance_sha256 AS "finalBalanceSha256",
              g.final_balance_at AS "finalBalanceAt", g.closed_at AS "closedAt", g.closing_note AS "closingNote", g.iban, g.account_holder AS "accountHolder",
              o.legal_name AS organization, o.registration_number AS "registrationNumber", c.reference AS "callReference", c.definition->'title' AS "callTitle",
              coalesce(g.application_id, a.application_id) AS "applicationId", g.award_id AS "awardId", a.decision_id AS "decisionId"
         FROM grants g JOIN organizations o ON o.id = g.organization_id JOIN calls c ON c.id = g.call_id LEFT JOIN awards a ON a.id = g.award_id
        WHERE g.id = $1`, [grantId]);
    if (!grantRow) return null;
    const grant = wholeNumbers(grantRow as Record<string, unknown>, ['amountCents']) as DossierSource['grant'] & { submissionSha256: string | null; decisionId: string | null };
    const appId: string | null = grant.applicationId;
    const q = async (sql: string, params: unknown[], ints: readonly string[] = []) =>
      ((await m.query(sql, params)) as Record<string, unknown>[]).map((r) => wholeNumbers(r, ints));

    const submissions = appId ? await q(
      `SELECT s.id, s.seq, s.reference, s.snapshot, s.sha256, s.submitted_at AS "submittedAt", s.superseded_at AS "supersededAt", u.full_name AS "submittedByName"
         FROM application_submissions s LEFT JOIN users u ON u.id = s.submitted_by WHERE s.application_id = $1 ORDER BY s.seq DESC`, [appId]) : [];
    const submission = submissions.find((s) => s.sha256 === grant.submissionSha256) ?? submissions[0] ?? null;
    const attachments = appId ? await q(
      `SELECT f.id, f.storage_key AS "storageKey", f.file_name AS "fileName", f.sha256, f.size::text AS size, a.requirement_id AS "requirementId"
         FROM application_attachments a JOIN files f ON f.id = a.file_id WHERE a.application_id = $1 AND a.deleted_at IS NULL ORDER BY a.created_at, a.id`, [appId], ['size']) : [];
    const sheets = appId ? await q(
      `SELECT e.id, u.full_name AS evaluator, e.status, e.origin, e.due_at AS "dueAt", e.confirmed_at AS "confirmedAt", e.conflict_reason AS "conflictReason",
              e.conflict_at AS "conflictAt", e.scores, e.comments, e.total::float8 AS total, e.submitted_at AS "submittedAt"
         FROM evaluation_assignments e LEFT JOIN users u ON u.id = e.evaluator_id WHERE e.application_id = $1 ORDER BY e.created_at, e.id`, [appId]) : [];
    const [award] = grant.awardId ? await q(
      `SELECT id, amount_cents::text AS "amountCents", adjustment_reason AS "adjustmentReason", status, answered_at AS "answeredAt", declined_at AS "declinedAt" FROM awards WHERE id = $1`,
      [grant.awardId], ['amountCents']) : [];
    const [decisionRow] = grant.decisionId ? await q(
      `SELECT id, seq, kind, committee_members AS "committeeMembers", decided_on::text AS "decidedOn", envelope_cents::text AS "envelopeCents", snapshot, sha256, recorded_at AS "recordedAt"
         FROM award_decisions WHERE id = $1`, [grant.decisionId], ['envelopeCents']) : [];
    let decision: Record<string, unknown> | null = null;
    if (decisionRow) {
      const snapshot = (decisionRow.snapshot ?? {}) as { ranking?: { applicationId?: string }[]; awardedCents?: number; remainingCents?: number };
      const { snapshot: _s, ...rest } = decisionRow;
      decision = {
        ...rest,
        awardedCents: snapshot.awardedCents ?? null, remainingCents: snapshot.remainingCents ?? null,
        // the decision's line of this application only: the other applicants are not the auditor's subject
        rankingLine: (snapshot.ranking ?? []).filter((r) => r.applicationId === appId),
      };
    }
    const versions = await q(`SELECT id, version, snapshot, sha256, amendment_id AS "amendmentId", created_at AS "createdAt" FROM grant_versions WHERE grant_id = $1 ORDER BY version`, [grantId]);
    const amendments = await q(
      `SELECT id, kind, status, change, justification, bank_letter_file_id AS "bankLetterFileId", requested_at AS "requestedAt", decided_at AS "decidedAt", decision_reason AS "decisionReason",
              version_id AS "versionId", notice, reallocation, addendum_file_id AS "addendumFileId", addendum_sha256 AS "addendumSha256"
         FROM grant_amendments WHERE grant_id = $1 ORDER BY requested_at, id`, [grantId]);
    const tranches = await q(
      `SELECT t.id, t.seq, t.kind, t.amount_cents::text AS "amountCents", t.planned_date::text AS "plannedDate", t.period_start::text AS "periodStart", t.period_end::text AS "periodEnd",
              t.conditions, t.status, t.requested_at AS "requestedAt", t.expenditure_report_id AS "expenditureReportId", t.document_file_ids AS "documentFileIds", t.request_note AS "requestNote",
              t.approved_at AS "approvedAt", ua.full_name AS "approvedBy", t.approved_on::text AS "approvedOn", t.paid_at AS "paidAt", t.paid_on::text AS "paidOn", t.bank_reference AS "bankReference",
              t.payment_order_id AS "paymentOrderId", t.return_reason AS "returnReason"
         FROM tranches t LEFT JOIN users ua ON ua.id = t.approved_by WHERE t.grant_id = $1 ORDER BY t.seq`, [grantId], ['amountCents']);
    const expenditure = await q(
      `SELECT id, seq, period_start::text AS "periodStart", period_end::text AS "periodEnd", lines, spent_cents::text AS "spentCents", status, submitted_at AS "submittedAt",
              reviewed_at AS "reviewedAt", document_file_ids AS "documentFileIds", line_comments AS "lineComments", return_comment AS "returnComment"
         FROM expenditure_reports WHERE grant_id = $1 ORDER BY seq`, [grantId], ['spentCents']);
    const narrative = await q(
      `SELECT id, seq, kind, period_start::text AS "periodStart", period_end::text AS "periodEnd", due_date::text AS "dueDate", extended_due_date::text AS "extendedDueDate", status,
              submitted_version AS "submittedVersion", sha256, submitted_at AS "submittedAt", expenditure_report_id AS "expenditureReportId"
         FROM narrative_reports WHERE grant_id = $1 ORDER BY seq`, [grantId]);
    const reportIds = narrative.map((r) => r.id);
    const narrativeVersions = reportIds.length ? await q(
      `SELECT report_id AS "reportId", version, content, sha256, privacy_confirmations AS "privacyConfirmations", submitted_at AS "submittedAt"
         FROM narrative_report_versions WHERE report_id = ANY($1::uuid[]) ORDER BY report_id, version`, [reportIds]) : [];
    const narrativeComments = reportIds.length ? await q(
      `SELECT report_id AS "reportId", version, kind, author_role AS "authorRole", section, indicator_id AS "indicatorId", body, created_at AS "createdAt"
         FROM narrative_report_comments WHERE report_id = ANY($1::uuid[]) ORDER BY created_at, id`, [reportIds]) : [];
    const extensions = reportIds.length ? await q(
      `SELECT id, report_id AS "reportId", requested_due_date::text AS "requestedDueDate", reason, status, requested_at AS "requestedAt", decided_at AS "decidedAt", decision_note AS "decisionNote"
         FROM report_extension_requests WHERE report_id = ANY($1::uuid[]) ORDER BY requested_at, id`, [reportIds]) : [];
    const visits = await q(
      `SELECT v.id, v.type, v.visit_date::text AS "visitDate", v.purpose, u.full_name AS monitor, v.created_at AS "createdAt"
         FROM monitoring_visits v LEFT JOIN users u ON u.id = v.monitor_id WHERE v.grant_id = $1 ORDER BY v.visit_date, v.id`, [grantId]);
    const visitReports = await q(
      `SELECT id, visit_id AS "visitId", status, content, rating, sha256, review_comment AS "reviewComment", submitted_at AS "submittedAt", reviewed_at AS "reviewedAt", shared_at AS "sharedAt"
         FROM visit_reports WHERE grant_id = $1 ORDER BY created_at, id`, [grantId]);
    const visitReportIds = visitReports.map((r) => r.id);
    const photos = visitReportIds.length ? await q(
      `SELECT f.id, f.storage_key AS "storageKey", f.file_name AS "fileName", f.sha256, f.size::text AS size, p.report_id AS "reportId", p.caption
         FROM visit_report_photos p JOIN files f ON f.id = p.file_id WHERE p.report_id = ANY($1::uuid[]) ORDER BY p.created_at, p.id`, [visitReportIds], ['size']) : [];
    const actionPoints = await q(
      `SELECT id, report_id AS "reportId", seq, what, owner, priority, due_date::text AS "dueDate", status, live, answer, evidence_file_ids AS "evidenceFileIds",
              answered_at AS "answeredAt", reopen_reason AS "reopenReason", closed_at AS "closedAt", created_at AS "createdAt"
         FROM action_points WHERE grant_id = $1 ORDER BY report_id, seq`, [grantId]);
    const actionPointEvents = actionPoints.length ? await q(
      `SELECT action_point_id AS "actionPointId", kind, body, evidence_file_ids AS "evidenceFileIds", created_at AS "createdAt"
         FROM action_point_events WHERE action_point_id = ANY($1::uuid[]) ORDER BY created_at, id`, [actionPoints.map((a) => a.id)]) : [];
    const recoveryOrders = await q(
      `SELECT id, number, amount_cents::text AS "amountCents", repaid_cents::text AS "repaidCents", due_date::text AS "dueDate", status, final_balance AS "finalBalance", created_at AS "createdAt"
         FROM recovery_orders WHERE grant_id = $1 ORDER BY created_at`, [grantId], ['amountCents', 'repaidCents']);
    const repayments = recoveryOrders.length ? await q(
      `SELECT recovery_order_id AS "recoveryOrderId", amount_cents::text AS "amountCents", received_on::text AS "receivedOn", bank_reference AS "bankReference", recorded_at AS "recordedAt"
         FROM recovery_repayments WHERE recovery_order_id = ANY($1::uuid[]) ORDER BY recorded_at`, [recoveryOrders.map((r) => r.id)], ['amountCents']) : [];

    const fileIds = new Set<string>();
    const addIds = (ids: unknown) => { for (const id of (Array.isArray(ids) ? ids : [ids])) if (typeof id === 'string') fileIds.add(id); };
    addIds(grant.agreementFileId); addIds(grant.signedCopyFileId);
    for (const a of amendments) { addIds(a.bankLetterFileId); addIds(a.addendumFileId); }
    for (const t of tranches) addIds(t.documentFileIds);
    for (const e of expenditure) addIds(e.documentFileIds);
    for (const a of actionPoints) addIds(a.evidenceFileIds);
    for (const ev of actionPointEvents) addIds(ev.evidenceFileIds);
    const fileRows = fileIds.size ? await q(`SELECT id, storage_key AS "storageKey", file_name AS "fileName", sha256, size::text AS size FROM files WHERE id = ANY($1::uuid[])`, [[...fileIds]], ['size']) : [];

    return {
      grant, submission, submitterName: (submission?.submittedByName as string | null) ?? null,
      attachments: attachments as DossierSource['attachments'], sheets, award: award ?? null, decision, versions, amendments, tranches,
      paymentOrderIds: [...new Set(tranches.map((t) => t.paymentOrderId).filter((x): x is string => typeof x === 'string'))],
      expenditure, narrative, narrativeVersions, narrativeComments, extensions, visits, visitReports, photos: photos as DossierSource['photos'],
      actionPoints, actionPointEvents, recoveryOrders, repayments,
      files: new Map((fileRows as unknown as StoredFile[]).map((f) => [f.id, f])),
    };
  }

  /** The audit rows about any of these records (ids of the grant's records), in chain order, and the chain's head. */
  async auditRows(m: EntityManager, ids: readonly string[]): Promise<{ rows: DossierAuditRow[]; head: { seq: number; hash: string } }> {
    const rows = ids.length ? await m.query(
      `SELECT seq::text AS seq, at, actor_id AS "actorId", actor_email AS "actorEmail", actor_pseudonym AS "actorPseudonym", action, entity, entity_id AS "entityId", summary, prev_hash AS "prevHash", hash, hash_version AS "hashVersion",
              audit_shown_actor(actor_email, actor_pseudonym) AS actor, audit_shown_summary(summary) AS "summaryShown"
         FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY seq`, [[...new Set(ids)]]) : [];
    const [head] = await m.query(`SELECT seq::text AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return {
      // bigint seq read as text and checked into a whole number, as the other bigint columns here (never through a float)
      rows: rows.map((r: Omit<DossierAuditRow, 'seq'> & { seq: string; at: Date }) => ({ ...r, seq: wholeNumber(r.seq, 'audit seq'), at: r.at.toISOString() })),
      head: head ? { seq: wholeNumber(head.seq, 'audit seq'), hash: head.hash } : { seq: 0, hash: '0'.repeat(64) },
    };
  }
}
