import { Injectable } from '@nestjs/common';
import type { ExpenditureLine } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';
import { ExpenditureReportEntity } from './entities/expenditure-report.entity';

/** The SQL of expenditure reports. The status is written by expenditure-status.ts only. */
@Injectable()
export class ExpenditureRepository {
  /** The grant a report belongs to (for the access check); an unknown report is a 404. */
  async grantIdOf(m: EntityManager, id: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM expenditure_reports WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound('expenditure report');
    return row.grantId;
  }

  async report(m: EntityManager, id: string, lock = false): Promise<ExpenditureReportEntity> {
    const row = await m.findOne(ExpenditureReportEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!row) throw AppError.notFound('expenditure report');
    return row;
  }

  reports(m: EntityManager, grantId: string): Promise<ExpenditureReportEntity[]> {
    return m.find(ExpenditureReportEntity, { where: { grantId }, order: { seq: 'ASC' } });
  }

  /** A new draft, numbered after the grant's last report (the grant row is locked by the caller). */
  async insertDraft(m: EntityManager, row: { grantId: string; periodStart: string; periodEnd: string; lines: ExpenditureLine[]; createdBy: string }): Promise<string> {
    const [created] = await m.query(
      `INSERT INTO expenditure_reports (grant_id, seq, period_start, period_end, lines, spent_cents, status, created_by)
       VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM expenditure_reports WHERE grant_id = $1), $2, $3, $4, $5, 'draft', $6) RETURNING id`,
      [row.grantId, row.periodStart, row.periodEnd, JSON.stringify(row.lines), String(row.lines.reduce((s, l) => s + l.spentCents, 0)), row.createdBy]);
    return created.id;
  }

  /** The organisation's lines and documents, their total with them; the version moves. */
  async saveLines(m: EntityManager, id: string, lines: ExpenditureLine[], spentCents: number, documentFileIds: string[]): Promise<void> {
    await m.createQueryBuilder().update(ExpenditureReportEntity)
      .set({ lines, spentCents, documentFileIds })
      .where({ id }).execute();
  }

  /** Files of the organisation among these ids, with what a screen shows of them. */
  async files(m: EntityManager, organizationId: string, ids: readonly string[]): Promise<{ id: string; fileName: string; sha256: string; size: number; mimeType: string }[]> {
    if (!ids.length) return [];
    return m.query(
      `SELECT id, file_name AS "fileName", sha256, size::int AS size, mime_type AS "mimeType" FROM files WHERE id = ANY($1::uuid[]) AND organization_id = $2 ORDER BY created_at, id`,
      [ids, organizationId]);
  }
}
