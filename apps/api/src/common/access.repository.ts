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

  safeguardingReports(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM safeguarding_reports WHERE id = ANY($1::uuid[])`);
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

  narrativeReports(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM narrative_reports WHERE id = ANY($1::uuid[])`);
  }

  /** Narrative reports of the organisation's grants. */
  organizationNarrativeReports(organizationId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT r.id FROM narrative_reports r JOIN grants g ON g.id = r.grant_id WHERE r.id = ANY($1::uuid[]) AND g.organization_id = $2`, [organizationId]);
  }

  /** Narrative reports of the grants the monitor follows. */
  monitorNarrativeReports(monitorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT r.id FROM narrative_reports r JOIN grants g ON g.id = r.grant_id WHERE r.id = ANY($1::uuid[]) AND g.monitor_id = $2`, [monitorId]);
  }

  visits(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM monitoring_visits WHERE id = ANY($1::uuid[])`);
  }

  /** Visits of the grants assigned to this monitor (today's assignment: a grant reassigned takes its visits along). */
  monitorVisits(monitorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT v.id FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id WHERE v.id = ANY($1::uuid[]) AND g.monitor_id = $2`, [monitorId]);
  }

  /**
   * Visits of the organisation's grants that it may see: announced ones at once, an unannounced one only from its day
   * on (Kosovo's calendar), as libs/domain isVisitVisibleToOrganisation says.
   */
  organizationVisits(organizationId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids,
      `SELECT v.id FROM monitoring_visits v JOIN grants g ON g.id = v.grant_id
        WHERE v.id = ANY($1::uuid[]) AND g.organization_id = $2
          AND (v.type <> 'unannounced' OR v.visit_date <= (now() AT TIME ZONE 'Europe/Belgrade')::date)`, [organizationId]);
  }

  /** Visits whose report is shared (what an observer reads). */
  sharedVisits(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT r.visit_id AS id FROM visit_reports r WHERE r.visit_id = ANY($1::uuid[]) AND r.status = 'shared'`);
  }

  actionPoints(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM action_points WHERE id = ANY($1::uuid[])`);
  }

  monitorActionPoints(monitorId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT p.id FROM action_points p JOIN grants g ON g.id = p.grant_id WHERE p.id = ANY($1::uuid[]) AND g.monitor_id = $2`, [monitorId]);
  }

  /** Live action points (of a shared report) of the organisation's grants. */
  organizationActionPoints(organizationId: string, ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT p.id FROM action_points p JOIN grants g ON g.id = p.grant_id WHERE p.id = ANY($1::uuid[]) AND p.live AND g.organization_id = $2`, [organizationId]);
  }

  liveActionPoints(ids: string[]): Promise<Set<string>> {
    return this.ids(ids, `SELECT id FROM action_points WHERE id = ANY($1::uuid[]) AND live`);
  }
}
