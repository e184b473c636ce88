import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prepared } from './prepared';

/** A string that cannot be a record's id never reaches a query (a cast error would be a 500, not a denial). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each question's SQL runs as a prepared statement of its own, planned once per connection instead of per request (one name per text, process-wide). */
const STATEMENT_NAMES = new Map<string, string>();

/**
 * The record-level queries of the access check (immich's access.repository.ts). Each answers "which of these
 * ids may this actor reach" as a set, in one query for the whole batch; the AccessService decides which
 * question a permission asks. The assignment statuses an evaluator still works on are 'assigned', 'accepted'
 * and 'submitted': after a declared conflict ('conflict') or being taken off ('removed') the assignment, and
 * the application behind it, no longer exist for them.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private async ids(ids: string[], sql: string, params: unknown[] = []): Promise<Set<string>> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (!valid.length) return new Set();
    let name = STATEMENT_NAMES.get(sql);
    if (!name) STATEMENT_NAMES.set(sql, (name = `grants-access-${STATEMENT_NAMES.size + 1}`));
    const rows = await prepared<{ id: string }>(this.ds.manager, name, sql, [valid, ...params]);
    return new Set(rows.map((r) => r.id));
  }

  organizations(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM organizations WHERE id = ANY($1::uuid[])`);
  }

  users(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM users WHERE id = ANY($1::uuid[])`);
  }

  ownNotifications(userId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM notifications WHERE id = ANY($1::uuid[]) AND user_id = $2`, [userId]);
  }

  calls(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM calls WHERE id = ANY($1::uuid[])`);
  }

  /** Calls anyone logged in may read: every call once it left the draft. */
  publishedCalls(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM calls WHERE id = ANY($1::uuid[]) AND status <> 'draft'`);
  }

  applications(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM applications WHERE id = ANY($1::uuid[])`);
  }

  organizationApplications(organizationId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM applications WHERE id = ANY($1::uuid[]) AND organization_id = $2`, [organizationId]);
  }

  /**
   * Applications an evaluator may read as evaluation material: assigned to them, the absence of a conflict
   * confirmed (accepted) or the sheet submitted, on a call whose declaration they signed.
   */
  evaluatorApplications(evaluatorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids,
      `SELECT DISTINCT a.application_id AS id FROM evaluation_assignments a
         JOIN evaluator_declarations d ON d.call_id = a.call_id AND d.user_id = a.evaluator_id
        WHERE a.application_id = ANY($1::uuid[]) AND a.evaluator_id = $2 AND a.status IN ('accepted','submitted')`, [evaluatorId]);
  }

  /** An evaluator's own assignments that are still theirs (not conflicted, not removed), under a signed declaration. */
  evaluatorAssignments(evaluatorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids,
      `SELECT a.id FROM evaluation_assignments a
         JOIN evaluator_declarations d ON d.call_id = a.call_id AND d.user_id = a.evaluator_id
        WHERE a.id = ANY($1::uuid[]) AND a.evaluator_id = $2 AND a.status IN ('assigned','accepted','submitted')`, [evaluatorId]);
  }

  /** Whether a user is in a call's evaluator pool, and whether they signed its declaration; null if not in it. */
  async callEvaluator(userId: string, callId: string): Promise<{ declared: boolean } | null> {
    if (!UUID.test(callId)) return null;
    const rows: { declared: boolean }[] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM evaluator_declarations d WHERE d.call_id = p.call_id AND d.user_id = p.user_id) AS declared
         FROM call_evaluators p WHERE p.call_id = $1 AND p.user_id = $2`, [callId, userId]);
    return rows.length ? { declared: rows[0].declared } : null;
  }

  grants(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM grants WHERE id = ANY($1::uuid[])`);
  }

  organizationGrants(organizationId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM grants WHERE id = ANY($1::uuid[]) AND organization_id = $2`, [organizationId]);
  }

  /** The grants a monitor follows: only those assigned to them. */
  monitorGrants(monitorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM grants WHERE id = ANY($1::uuid[]) AND monitor_id = $2`, [monitorId]);
  }
}
