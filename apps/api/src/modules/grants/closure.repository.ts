import { Injectable } from '@nestjs/common';
import type { FinalBalance, RecoveryOrderStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { cents } from '../../common/whole-numbers';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export type GrantClosureRow = {
  finalBalance: FinalBalance | null;
  finalBalanceSha256: string | null;
  finalBalanceAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string | null;
};

export type RecoveryOrderRow = {
  id: string;
  grantId: string;
  agreementNumber: string;
  organizationId: string;
  organizationName: string;
  number: string;
  amountCents: number;
  repaidCents: number;
  dueDate: string;
  status: RecoveryOrderStatus;
  finalBalance: FinalBalance;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type RepaymentRow = { id: string; amountCents: number; receivedOn: string; bankReference: string; recordedBy: string; recordedByName: string | null; recordedAt: string };

const ORDER_COLUMNS = `
  r.id, r.grant_id AS "grantId", g.agreement_number AS "agreementNumber", g.organization_id AS "organizationId", o.legal_name AS "organizationName",
  r.number, r.amount_cents AS "amountCents", r.repaid_cents AS "repaidCents", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", r.status,
  r.final_balance AS "finalBalance", r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.version`;

function orderOf(r: Record<string, unknown>): RecoveryOrderRow {
  return {
    ...(r as unknown as RecoveryOrderRow),
    amountCents: cents(r.amountCents as string), repaidCents: cents(r.repaidCents as string),
    createdAt: iso(r.createdAt as Date)!, updatedAt: iso(r.updatedAt as Date)!, version: Number(r.version),
  };
}

/**
 * The SQL of closing a grant: the final balance frozen on the grant, the recovery order and its repayments, and the
 * figures of the closure checklist (the final narrative report, open action points, the documents of the file).
 * The grant's status is written by grant-status.ts only; the recovery order's by recovery-orders.service.ts.
 */
@Injectable()
export class ClosureRepository {
  async closure(m: EntityManager, grantId: string): Promise<GrantClosureRow> {
    const [row] = await m.query(
      `SELECT final_balance AS "finalBalance", final_balance_sha256 AS "finalBalanceSha256", final_balance_at AS "finalBalanceAt",
              closed_at AS "closedAt", closed_by AS "closedBy", closing_note AS "closingNote"
         FROM grants WHERE id = $1`, [grantId]);
    if (!row) throw AppError.notFound('grant');
    return { ...row, finalBalanceAt: iso(row.finalBalanceAt), closedAt: iso(row.closedAt) };
  }

  /** The final narrative report of the grant is accepted. */
  async finalReportAccepted(m: EntityManager, grantId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM narrative_reports WHERE grant_id = $1 AND kind = 'final' AND status = 'accepted'`, [grantId]);
    return rows.length > 0;
  }

  /** The status of the grant's final narrative report, or null when there is none yet. */
  async finalReportStatus(m: EntityManager, grantId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT status FROM narrative_reports WHERE grant_id = $1 AND kind = 'final' ORDER BY seq DESC LIMIT 1`, [grantId]);
    return row?.status ?? null;
  }

  /** Expenditure reports handed in and not yet reviewed: the balance waits for their decision. */
  async expenditureUnderReview(m: EntityManager, grantId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM expenditure_reports WHERE grant_id = $1 AND status = 'submitted'`, [grantId]);
    return Number(row.n);
  }

  async saveFinalBalance(m: EntityManager, grantId: string, balance: FinalBalance, sha256: string): Promise<void> {
    await m.query(
      `UPDATE grants SET final_balance = $2, final_balance_sha256 = $3, final_balance_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [grantId, JSON.stringify(balance), sha256]);
  }

  /** The closure written beside the status (the status itself goes through grant-status.ts in the same transaction). */
  async saveClosure(m: EntityManager, grantId: string, by: string, note: string): Promise<void> {
    await m.query(`UPDATE grants SET closed_at = now(), closed_by = $2, closing_note = $3 WHERE id = $1`, [grantId, by, note]);
  }

  /** The balance tranche's amount set to the final payment (0 when nothing is paid at the end). */
  async setTrancheAmount(m: EntityManager, trancheId: string, amountCents: number): Promise<void> {
    await m.query(`UPDATE tranches SET amount_cents = $2, version = version + 1, updated_at = now() WHERE id = $1`, [trancheId, String(amountCents)]);
  }

  /** Action points of the grant's visits not closed yet. */
  async openActionPoints(m: EntityManager, grantId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM action_points WHERE grant_id = $1 AND status <> 'closed'`, [grantId]);
    return Number(row.n);
  }

  /**
   * What is missing from the grant's file: the agreement (its PDF as sent for signature), the supporting documents of
   * every accepted expenditure report, the addendum of every approved amendment.
   */
  async missingDocuments(m: EntityManager, grantId: string): Promise<string[]> {
    const [g] = await m.query(`SELECT agreement_file_id AS "agreementFileId" FROM grants WHERE id = $1`, [grantId]);
    const missing: string[] = g?.agreementFileId ? [] : ['agreement'];
    const reports: { seq: number }[] = await m.query(
      `SELECT seq FROM expenditure_reports WHERE grant_id = $1 AND status = 'accepted' AND cardinality(document_file_ids) = 0 ORDER BY seq`, [grantId]);
    missing.push(...reports.map((r) => `expenditure_report:${r.seq}`));
    const addenda: { id: string }[] = await m.query(
      `SELECT id FROM grant_amendments WHERE grant_id = $1 AND status = 'approved' AND addendum_file_id IS NULL ORDER BY decided_at, id`, [grantId]);
    missing.push(...addenda.map((a) => `addendum:${a.id}`));
    return missing;
  }

  // -------------------------------------------------------------------------------------------------------
  // Recovery orders

  async insertRecoveryOrder(m: EntityManager, row: { grantId: string; number: string; amountCents: number; dueDate: string; finalBalance: FinalBalance; createdBy: string }): Promise<string> {
    const [created] = await m.query(
      `INSERT INTO recovery_orders (grant_id, number, amount_cents, due_date, final_balance, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.grantId, row.number, String(row.amountCents), row.dueDate, JSON.stringify(row.finalBalance), row.createdBy]);
    return created.id;
  }

  async recoveryOrderOfGrant(m: EntityManager, grantId: string): Promise<RecoveryOrderRow | null> {
    const rows = await m.query(
      `SELECT ${ORDER_COLUMNS} FROM recovery_orders r JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id WHERE r.grant_id = $1`, [grantId]);
    return rows.length ? orderOf(rows[0]) : null;
  }

  async recoveryOrder(m: EntityManager, id: string, lock = false): Promise<RecoveryOrderRow> {
    if (lock) await m.query(`SELECT 1 FROM recovery_orders WHERE id = $1 FOR UPDATE`, [id]);
    const rows = await m.query(
      `SELECT ${ORDER_COLUMNS} FROM recovery_orders r JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id WHERE r.id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('recovery order');
    return orderOf(rows[0]);
  }

  async recoveryOrderGrantId(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM recovery_orders WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('recovery order');
    return row.grantId;
  }

  /** Every recovery order, or an organisation's, oldest due first; unsettled ones before settled ones. */
  async recoveryOrders(m: EntityManager, filter: { organizationId?: string; status?: RecoveryOrderStatus }): Promise<RecoveryOrderRow[]> {
    const rows = await m.query(
      `SELECT ${ORDER_COLUMNS} FROM recovery_orders r JOIN grants g ON g.id = r.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE ($1::uuid IS NULL OR g.organization_id = $1) AND ($2::text IS NULL OR r.status = $2)
        ORDER BY (r.status = 'settled'), r.due_date, r.number`,
      [filter.organizationId ?? null, filter.status ?? null]);
    return rows.map(orderOf);
  }

  async repayments(m: EntityManager, orderId: string): Promise<RepaymentRow[]> {
    const rows = await m.query(
      `SELECT p.id, p.amount_cents AS "amountCents", to_char(p.received_on, 'YYYY-MM-DD') AS "receivedOn", p.bank_reference AS "bankReference",
              p.recorded_by AS "recordedBy", u.full_name AS "recordedByName", p.recorded_at AS "recordedAt"
         FROM recovery_repayments p LEFT JOIN users u ON u.id = p.recorded_by WHERE p.recovery_order_id = $1 ORDER BY p.received_on, p.recorded_at`, [orderId]);
    return rows.map((r: Record<string, unknown>) => ({ ...(r as unknown as RepaymentRow), amountCents: cents(r.amountCents as string), recordedAt: iso(r.recordedAt as Date)! }));
  }

  async insertRepayment(m: EntityManager, row: { orderId: string; amountCents: number; receivedOn: string; bankReference: string; recordedBy: string }): Promise<string> {
    const [created] = await m.query(
      `INSERT INTO recovery_repayments (recovery_order_id, amount_cents, received_on, bank_reference, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [row.orderId, String(row.amountCents), row.receivedOn, row.bankReference, row.recordedBy]);
    return created.id;
  }
}
