import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors';

/**
 * The queries of amendments that GrantsRepository does not already make: a grant's version by number, what an
 * amendment records besides its status (its classification, its addendum), the accepted spending by budget line,
 * the call's rules, the reader of an addendum, and what an approved change writes on the grant's schedules.
 * Statuses move only through grant-status.ts; grant_versions rows are only ever inserted.
 */
@Injectable()
export class AmendmentsRepository {
  async version(m: EntityManager, grantId: string, version: number): Promise<{ id: string; version: number; snapshot: Record<string, unknown>; sha256: string; amendmentId: string | null; createdAt: Date }> {
    const [row] = await m.query(
      `SELECT id, version, snapshot, sha256, amendment_id AS "amendmentId", created_at AS "createdAt" FROM grant_versions WHERE grant_id = $1 AND version = $2`, [grantId, version]);
    if (!row) throw AppError.notFound('version');
    return row;
  }

  async recordClassification(m: EntityManager, id: string, reallocation: Record<string, unknown> | null, notice: boolean): Promise<void> {
    await m.query(`UPDATE grant_amendments SET reallocation = $2, notice = $3 WHERE id = $1`, [id, reallocation === null ? null : JSON.stringify(reallocation), notice]);
  }

  async recordAddendum(m: EntityManager, id: string, fileId: string, sha256: string): Promise<void> {
    await m.query(`UPDATE grant_amendments SET addendum_file_id = $2, addendum_sha256 = $3 WHERE id = $1`, [id, fileId, sha256]);
  }

  /** Accepted spending per budget line of a grant (the lines of its accepted expenditure reports, summed). */
  async acceptedSpendByLine(m: EntityManager, grantId: string): Promise<Map<string, number>> {
    const rows: { lineId: string; cents: string }[] = await m.query(
      `SELECT l->>'lineId' AS "lineId", SUM((l->>'spentCents')::bigint)::text AS cents
         FROM expenditure_reports r, jsonb_array_elements(r.lines) l
        WHERE r.grant_id = $1 AND r.status = 'accepted' AND jsonb_typeof(r.lines) = 'array' AND l ? 'lineId'
        GROUP BY 1`, [grantId]);
    return new Map(rows.map((r) => [r.lineId, Number(r.cents)]));
  }

  async callRules(m: EntityManager, callId: string): Promise<{ costHeadings: { code: string; capPct: number | null }[]; maxDurationMonths: number | null; priorityObjectives: string[] }> {
    const [row] = await m.query(`SELECT definition FROM calls WHERE id = $1`, [callId]);
    const def = (row?.definition ?? {}) as {
      costHeadings?: { code: string; capPct?: number | null }[]; maxDurationMonths?: number | null; priorities?: { nsObjective?: unknown }[];
    };
    return {
      costHeadings: (def.costHeadings ?? []).map((h) => ({ code: h.code, capPct: h.capPct ?? null })),
      maxDurationMonths: typeof def.maxDurationMonths === 'number' ? def.maxDurationMonths : null,
      // the call's National Strategy priorities, against which a logframe change's tags are checked as at application
      priorityObjectives: (def.priorities ?? []).map((p) => p?.nsObjective).filter((c): c is string => typeof c === 'string'),
    };
  }

  /** The script the organisation's owner reads in (a Serbian owner may read Cyrillic). */
  async ownerScript(m: EntityManager, organizationId: string): Promise<'latin' | 'cyrillic'> {
    const [row] = await m.query(`SELECT script FROM users WHERE active AND organization_id = $1 AND org_role = 'owner' ORDER BY created_at LIMIT 1`, [organizationId]);
    return row?.script === 'cyrillic' ? 'cyrillic' : 'latin';
  }

  async moveTranche(m: EntityManager, trancheId: string, plannedDate: string, periodEnd: string | null): Promise<void> {
    await m.query(`UPDATE tranches SET planned_date = $2, period_end = $3, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'planned'`, [trancheId, plannedDate, periodEnd]);
  }
}
