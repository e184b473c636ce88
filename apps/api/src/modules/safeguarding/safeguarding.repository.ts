import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../notifications/notifications.service';
import { SafeguardingMessageEntity, SafeguardingReportEntity } from './entities/safeguarding-report.entity';

export type ReportSummaryRow = SafeguardingReportEntity & { messages: number; reporterWaiting: boolean };

/** The SQL of the safeguarding channel. */
@Injectable()
export class SafeguardingRepository {
  insertReport(m: EntityManager, row: Omit<SafeguardingReportEntity, 'status' | 'outcome' | 'closedAt' | 'receivedAt' | 'updatedAt'>) {
    return m.insert(SafeguardingReportEntity, { ...row, status: 'received' });
  }

  insertMessage(m: EntityManager, row: Omit<SafeguardingMessageEntity, 'createdAt'>) {
    return m.insert(SafeguardingMessageEntity, row);
  }

  byFollowUpHash(m: EntityManager, hash: string) {
    return m.findOneBy(SafeguardingReportEntity, { followUpHash: hash });
  }

  byId(m: EntityManager, id: string) {
    return m.findOneBy(SafeguardingReportEntity, { id });
  }

  messages(m: EntityManager, reportId: string) {
    return m.find(SafeguardingMessageEntity, { where: { reportId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  touch(m: EntityManager, id: string) {
    return m.query(`UPDATE safeguarding_reports SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** Every report with its message count and whether the reporter wrote last: open ones oldest first, then closed ones newest first. */
  async list(m: EntityManager): Promise<ReportSummaryRow[]> {
    const rows: { id: string; status: string; outcome: string | null; category: string; received_at: Date; messages: number; reporter_waiting: boolean }[] = await m.query(`
      SELECT r.id, r.status, r.outcome, r.category, r.received_at,
             (SELECT count(*)::int FROM safeguarding_messages x WHERE x.report_id = r.id) AS messages,
             coalesce((SELECT x.author = 'reporter' FROM safeguarding_messages x WHERE x.report_id = r.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1), false) AS reporter_waiting
        FROM safeguarding_reports r
       ORDER BY (r.status = 'closed'), CASE WHEN r.status <> 'closed' THEN r.received_at END ASC, r.received_at DESC`);
    return rows.map((r) => ({ id: r.id, status: r.status, outcome: r.outcome, category: r.category, receivedAt: r.received_at, messages: r.messages, reporterWaiting: r.reporter_waiting }) as ReportSummaryRow);
  }

  /** The active focal points, as recipients. */
  focalPoints(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE safeguarding_focal_point AND active ORDER BY email`);
  }

  /** The staff accounts an admin may designate (an organisation's or an evaluator's account is not a focal point). */
  designatable(m: EntityManager): Promise<{ id: string; full_name: string; email: string; role: string; active: boolean; safeguarding_focal_point: boolean }[]> {
    return m.query(`SELECT id, full_name, email, role, active, safeguarding_focal_point FROM users
                     WHERE role IN ('secretariat', 'secretariat_admin', 'monitor', 'observer') ORDER BY full_name, email`);
  }

  setFocalPoint(m: EntityManager, userId: string, focalPoint: boolean): Promise<{ id: string; email: string; role: string }[]> {
    return m.query(`UPDATE users SET safeguarding_focal_point = $2, updated_at = now() WHERE id = $1
                     AND role IN ('secretariat', 'secretariat_admin', 'monitor', 'observer') RETURNING id, email, role`, [userId, focalPoint]);
  }
}
