import { Injectable } from '@nestjs/common';
import { grantOverdue, type ExpenditureReportRef, type GrantOverdueInput, type GrantStatus, type Language, type ScheduledReport } from '@grants/domain';
import { type EntityManager, type ValueTransformer } from 'typeorm';
import { AppError } from '../../common/errors';
import { refuseClosedGrant } from './closed-grant';
import { cents } from '../../common/whole-numbers';
import type { Recipient } from '../notifications/notifications.service';
import { GrantAmendmentEntity, GrantBudgetRevisionEntity, GrantEntity, GrantVersionEntity, PaymentOrderEntity, TrancheEntity } from './entities/grant.entity';

export type AwardForGrant = {
  awardId: string; awardStatus: string; amountCents: number; callId: string; callReference: string; callDefinition: Record<string, unknown>;
  applicationId: string; applicationReference: string; requestedCents: number; organizationId: string; organizationName: string; organizationIban: string | null;
};
export type GrantListRow = {
  id: string; agreementNumber: string | null; status: string; amountCents: number; callId: string; callReference: string; organizationId: string;
  organizationName: string; monitorId: string | null; monitorName: string | null; startDate: string | null; endDate: string | null;
  paidCents: number; nextTrancheDate: string | null; overdue: boolean; overdueSince: string | null;
};
export type GrantListFilter = {
  organizationId?: string; monitorId?: string; callId?: string; status?: string; overdue?: boolean;
  sort?: 'newest' | 'agreementNumber' | 'organization' | 'amount' | 'paid' | 'startDate' | 'endDate' | 'nextTranche' | 'overdue' | 'monitoringPriority'; order?: 'asc' | 'desc';
};
export type GrantListCounts = { total: number; overdue: number; byStatus: { status: string; count: number }[] };
export type PendingAwardRow = {
  awardId: string; callId: string; callReference: string; applicationId: string; applicationReference: string; organizationId: string; organizationName: string;
  awardedCents: number; requestedCents: number; stage: 'waiting_revision' | 'revision_to_accept' | 'ready'; since: string;
  plannedStartDate: string | null; durationMonths: number | null; maxDurationMonths: number | null;
};
export type PayableRow = {
  trancheId: string; grantId: string; agreementNumber: string; seq: number; kind: 'pre_financing' | 'instalment' | 'balance'; status: 'approved';
  approvedOn: string; amountCents: number; beneficiaryName: string; iban: string; paymentOrderId: string | null;
};

type Reader<E> = { select: string; map: (row: Record<string, unknown>) => E };
const readers = new Map<object, Reader<unknown>>();

/**
 * The hot reads of a grant page and a tranche approval in plain SQL: the entity's columns come from TypeORM's
 * metadata once, and rows are mapped as TypeORM maps them (dates as YYYY-MM-DD, bigint cents through the column's
 * transformer), without building a query per call (TypeORM's find cost more CPU than the query itself, bench:grants).
 */
function reader<E extends object>(m: EntityManager, entity: { new (): E; prototype: E }): Reader<E> {
  let r = readers.get(entity) as Reader<E> | undefined;
  if (!r) {
    const cols = m.connection.getMetadata(entity).columns.map((c) => ({ db: c.databaseName, prop: c.propertyName, date: c.type === 'date', transformer: c.transformer }));
    const from = (t: ValueTransformer | ValueTransformer[], v: unknown) => (Array.isArray(t) ? t.reduceRight((x, tt) => tt.from(x), v) : t.from(v));
    r = {
      select: cols.map((c) => (c.date ? `"${c.db}"::text AS "${c.db}"` : `"${c.db}"`)).join(', '),
      map: (row) => {
        const e = Object.create(entity.prototype) as Record<string, unknown>;
        for (const c of cols) e[c.prop] = c.transformer ? from(c.transformer, row[c.db]) : row[c.db];
        return e as E;
      },
    };
    readers.set(entity, r);
  }
  return r;
}

async function readRows<E extends object>(m: EntityManager, entity: { new (): E; prototype: E }, sql: (columns: string) => string, params: unknown[]): Promise<E[]> {
  const r = reader(m, entity);
  const rows: Record<string, unknown>[] = await m.query(sql(r.select), params);
  return rows.map(r.map);
}

/** Every query of grants, tranches, payment orders and bank-account changes. Status columns move only through grant-status.ts. */
@Injectable()
export class GrantsRepository {
  async awardForGrant(m: EntityManager, awardId: string, lock = false): Promise<AwardForGrant> {
    const [row] = await m.query(
      `SELECT w.id AS "awardId", w.status AS "awardStatus", w.amount_cents AS "amountCents", c.id AS "callId", c.reference AS "callReference",
              c.definition AS "callDefinition", a.id AS "applicationId", a.reference AS "applicationReference", a.requested_cents AS "requestedCents",
              o.id AS "organizationId", o.legal_name AS "organizationName", o.iban AS "organizationIban"
         FROM awards w JOIN applications a ON a.id = w.application_id JOIN calls c ON c.id = w.call_id JOIN organizations o ON o.id = a.organization_id
        WHERE w.id = $1 ${lock ? 'FOR UPDATE OF w' : ''}`, [awardId]);
    if (!row) throw AppError.notFound('award');
    return { ...row, amountCents: cents(row.amountCents), requestedCents: cents(row.requestedCents) };
  }

  /** The submission the award was made on: the latest one not superseded. */
  async submission(m: EntityManager, applicationId: string): Promise<{ snapshot: Record<string, unknown>; sha256: string } | null> {
    const [row] = await m.query(
      `SELECT snapshot, sha256 FROM application_submissions WHERE application_id = $1 AND superseded_at IS NULL ORDER BY seq DESC LIMIT 1`, [applicationId]);
    return row ?? null;
  }

  revision(m: EntityManager, awardId: string, lock = false): Promise<GrantBudgetRevisionEntity | null> {
    return m.findOne(GrantBudgetRevisionEntity, { where: { awardId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  async saveRevision(m: EntityManager, row: Partial<GrantBudgetRevisionEntity> & { awardId: string }): Promise<GrantBudgetRevisionEntity> {
    const existing = await this.revision(m, row.awardId, true);
    if (existing) {
      await m.update(GrantBudgetRevisionEntity, { id: existing.id }, { ...row, acceptedAt: null, acceptedBy: null, version: existing.version + 1 } as never);
      return (await this.revision(m, row.awardId))!;
    }
    return m.save(m.create(GrantBudgetRevisionEntity, row));
  }

  async acceptRevision(m: EntityManager, id: string, by: string): Promise<void> {
    await m.update(GrantBudgetRevisionEntity, { id }, { acceptedAt: new Date(), acceptedBy: by });
  }

  grantOfAward(m: EntityManager, awardId: string): Promise<GrantEntity | null> {
    return m.findOne(GrantEntity, { where: { awardId } });
  }

  /** The next per-call sequence of agreements; the call's row is locked so two draw-ups never take the same number. */
  async nextCallSeq(m: EntityManager, callId: string): Promise<number> {
    await m.query(`SELECT id FROM calls WHERE id = $1 FOR UPDATE`, [callId]);
    const [{ n }] = await m.query(`SELECT coalesce(max(call_seq), 0)::int + 1 AS n FROM grants WHERE call_id = $1`, [callId]);
    return n;
  }

  async insertGrant(m: EntityManager, row: Partial<GrantEntity>): Promise<GrantEntity> {
    return m.save(m.create(GrantEntity, row));
  }

  async insertTranches(m: EntityManager, rows: Partial<TrancheEntity>[]): Promise<void> {
    if (rows.length) await m.insert(TrancheEntity, rows);
  }

  async grant(m: EntityManager, id: string, lock = false): Promise<GrantEntity> {
    const [g] = await readRows(m, GrantEntity, (cols) => `SELECT ${cols} FROM grants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!g) throw AppError.notFound('grant');
    // a grant is locked to be written: a closed one is read-only (409 grant_closed)
    if (lock) refuseClosedGrant(g);
    return g;
  }

  /** Columns other than the status (the status goes through grant-status.ts). */
  async updateGrant(m: EntityManager, id: string, set: Partial<Omit<GrantEntity, 'id' | 'status'>>): Promise<void> {
    await m.update(GrantEntity, { id }, set);
  }

  async names(m: EntityManager, grant: GrantEntity): Promise<{ callReference: string; callTitle: Record<string, string>; organizationName: string; monitorName: string | null; monitorEmail: string | null }> {
    const [row] = await m.query(
      `SELECT c.reference AS "callReference", c.definition->'texts'->'title' AS "callTitle", o.legal_name AS "organizationName",
              u.full_name AS "monitorName", u.email AS "monitorEmail"
         FROM grants g JOIN calls c ON c.id = g.call_id JOIN organizations o ON o.id = g.organization_id LEFT JOIN users u ON u.id = g.monitor_id
        WHERE g.id = $1`, [grant.id]);
    return row;
  }

  /**
   * The grants list: all of them, or an organisation's, or a monitor's, filtered by call, status, monitor and
   * overdue (libs/domain grantOverdue on each grant's reporting schedule, expenditure reports and tranches, on
   * today's Kosovo date), sorted; with the counts the filters show.
   */
  async list(m: EntityManager, filter: GrantListFilter): Promise<{ items: GrantListRow[]; counts: GrantListCounts }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
    if (filter.organizationId) add('g.organization_id = ?', filter.organizationId);
    if (filter.monitorId) add('g.monitor_id = ?', filter.monitorId);
    if (filter.callId) add('g.call_id = ?', filter.callId);
    const scope = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const dir = filter.order === 'asc' ? 'ASC' : filter.order === 'desc' ? 'DESC' : null;
    const by = (col: string, natural: 'ASC' | 'DESC') => `${col} ${dir ?? natural} NULLS LAST, g.agreement_number`;
    const orderBy = {
      newest: `g.created_at ${dir ?? 'DESC'}, g.agreement_number`,
      agreementNumber: by('g.agreement_number', 'ASC'),
      organization: by('o.legal_name', 'ASC'),
      amount: by('g.amount_cents', 'DESC'),
      paid: by('"paidCents"', 'DESC'),
      startDate: by('g.start_date', 'ASC'),
      endDate: by('g.end_date', 'ASC'),
      nextTranche: by('"nextTrancheDate"', 'ASC'),
      overdue: `g.created_at DESC, g.agreement_number`,
      // ordered by the service, which scores the grants (MonitoringPriorityService)
      monitoringPriority: `g.agreement_number`,
    }[filter.sort ?? 'newest'];
    const rows: (GrantListRow & { amountCents: string; paidCents: string; schedule: ScheduledReport[] | null; reports: ExpenditureReportRef[] | null; trancheRows: GrantOverdueInput['tranches'] | null; today: string })[] = await m.query(
      `SELECT g.id, g.agreement_number AS "agreementNumber", g.status, g.amount_cents AS "amountCents", g.call_id AS "callId", c.reference AS "callReference",
              g.organization_id AS "organizationId", o.legal_name AS "organizationName", g.monitor_id AS "monitorId", u.full_name AS "monitorName",
              to_char(g.start_date, 'YYYY-MM-DD') AS "startDate", to_char(g.end_date, 'YYYY-MM-DD') AS "endDate",
              coalesce(t.paid, 0) AS "paidCents", t.next AS "nextTrancheDate", t.rows AS "trancheRows",
              CASE WHEN g.status = 'in_force' THEN g.reporting_schedule END AS schedule,
              CASE WHEN g.status = 'in_force' THEN (SELECT json_agg(json_build_object('periodEnd', to_char(e.period_end, 'YYYY-MM-DD'), 'status', e.status))
                                                      FROM expenditure_reports e WHERE e.grant_id = g.id) END AS reports,
              to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today
         FROM grants g JOIN calls c ON c.id = g.call_id JOIN organizations o ON o.id = g.organization_id LEFT JOIN users u ON u.id = g.monitor_id
         LEFT JOIN LATERAL (
           SELECT sum(x.amount_cents) FILTER (WHERE x.status = 'paid') AS paid,
                  to_char(min(x.planned_date) FILTER (WHERE x.status <> 'paid'), 'YYYY-MM-DD') AS next,
                  json_agg(json_build_object('kind', x.kind, 'status', x.status, 'plannedDate', to_char(x.planned_date, 'YYYY-MM-DD'))) FILTER (WHERE x.status = 'planned') AS rows
             FROM tranches x WHERE x.grant_id = g.id) t ON true
        ${scope}
        ORDER BY ${orderBy} LIMIT 5000`, params);
    const all = rows.map(({ schedule, reports, trancheRows, today, ...r }) => {
      const o = grantOverdue({ status: r.status as GrantStatus, schedule: schedule ?? [], reports: reports ?? [], tranches: trancheRows ?? [], today });
      return { ...r, amountCents: cents(r.amountCents), paidCents: cents(r.paidCents), overdue: o.overdue, overdueSince: o.since };
    });
    const overdueOk = (r: GrantListRow) => filter.overdue === undefined || r.overdue === filter.overdue;
    const byStatus = new Map<string, number>();
    for (const r of all) if (overdueOk(r)) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    let items = all.filter((r) => overdueOk(r) && (!filter.status || r.status === filter.status));
    if (filter.sort === 'overdue') {
      const sign = filter.order === 'desc' ? -1 : 1;
      items = [...items].sort((a, b) => (a.overdueSince === b.overdueSince ? 0 : a.overdueSince === null ? 1 : b.overdueSince === null ? -1 : a.overdueSince < b.overdueSince ? -sign : sign));
    }
    return {
      items,
      counts: { total: items.length, overdue: items.filter((r) => r.overdue).length, byStatus: [...byStatus].map(([status, count]) => ({ status, count })) },
    };
  }

  /** Awards in force with no grant yet, the oldest waiting first: lowered ones waiting for or with a revision, and those ready to draw up. */
  async pendingAwards(m: EntityManager): Promise<PendingAwardRow[]> {
    const rows = await m.query(
      `SELECT w.id AS "awardId", c.id AS "callId", c.reference AS "callReference", ap.id AS "applicationId", ap.reference AS "applicationReference",
              o.id AS "organizationId", o.legal_name AS "organizationName", w.amount_cents AS "awardedCents", ap.requested_cents AS "requestedCents",
              CASE WHEN w.amount_cents >= ap.requested_cents OR r.accepted_at IS NOT NULL THEN 'ready'
                   WHEN r.id IS NOT NULL THEN 'revision_to_accept' ELSE 'waiting_revision' END AS stage,
              coalesce(r.accepted_at, r.submitted_at, w.answered_at, w.created_at) AS since,
              s.snapshot->'content'->'project'->>'startDate' AS "plannedStartDate",
              (s.snapshot->'content'->'project'->>'durationMonths')::int AS "durationMonths",
              (c.definition->>'maxDurationMonths')::int AS "maxDurationMonths"
         FROM awards w JOIN applications ap ON ap.id = w.application_id JOIN calls c ON c.id = w.call_id
         JOIN organizations o ON o.id = ap.organization_id LEFT JOIN grant_budget_revisions r ON r.award_id = w.id
         LEFT JOIN LATERAL (SELECT snapshot FROM application_submissions x WHERE x.application_id = ap.id AND x.superseded_at IS NULL ORDER BY x.seq DESC LIMIT 1) s ON true
        WHERE w.status = 'awarded' AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.award_id = w.id)
        ORDER BY since, ap.reference`);
    return rows.map((r: PendingAwardRow & { awardedCents: string; requestedCents: string; since: Date }) => ({
      ...r, awardedCents: cents(r.awardedCents), requestedCents: cents(r.requestedCents), since: new Date(r.since).toISOString(),
      plannedStartDate: r.plannedStartDate || null,
    }));
  }

  tranches(m: EntityManager, grantId: string): Promise<TrancheEntity[]> {
    return readRows(m, TrancheEntity, (cols) => `SELECT ${cols} FROM tranches WHERE grant_id = $1 ORDER BY seq`, [grantId]);
  }

  async tranche(m: EntityManager, id: string, lock = false): Promise<TrancheEntity> {
    const [t] = await readRows(m, TrancheEntity, (cols) => `SELECT ${cols} FROM tranches WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!t) throw AppError.notFound('tranche');
    return t;
  }

  async trancheGrantId(m: EntityManager, trancheId: string): Promise<string> {
    const [row] = await m.query(`SELECT grant_id AS "grantId" FROM tranches WHERE id = $1`, [trancheId]);
    if (!row) throw AppError.notFound('tranche');
    return row.grantId;
  }

  /** Accepted (and other) expenditure reports of a grant, with what each reports as spent. */
  async expenditure(m: EntityManager, grantId: string): Promise<{ id: string; status: 'draft' | 'submitted' | 'accepted' | 'returned'; spentCents: number }[]> {
    const rows = await m.query(`SELECT id, status, spent_cents AS "spentCents" FROM expenditure_reports WHERE grant_id = $1 ORDER BY seq`, [grantId]);
    return rows.map((r: { id: string; status: 'accepted'; spentCents: string }) => ({ ...r, spentCents: cents(r.spentCents) }));
  }

  /** The grant's narrative reports (interim, final) with their status, in due order: the balance tranche waits for the final one accepted. */
  narrativeReports(m: EntityManager, grantId: string): Promise<{ kind: 'interim' | 'final'; status: 'draft' | 'submitted' | 'accepted' | 'returned' }[]> {
    return m.query(`SELECT kind, status FROM narrative_reports WHERE grant_id = $1 ORDER BY due_date, seq`, [grantId]);
  }

  async expenditureReportOfGrant(m: EntityManager, grantId: string, id: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM expenditure_reports WHERE grant_id = $1 AND id = $2`, [grantId, id]);
    return rows.length > 0;
  }

  async filesOfOrganization(m: EntityManager, organizationId: string, ids: string[]): Promise<{ id: string; fileName: string }[]> {
    if (!ids.length) return [];
    return m.query(`SELECT id, file_name AS "fileName" FROM files WHERE id = ANY($1::uuid[]) AND organization_id = $2`, [ids, organizationId]);
  }

  async file(m: EntityManager, id: string): Promise<{ id: string; fileName: string; sha256: string; size: number } | null> {
    const [row] = await m.query(`SELECT id, file_name AS "fileName", sha256, size::int AS size FROM files WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Every tranche approved on a day (Kosovo time) and not yet paid, with what the bank needs. */
  async payable(m: EntityManager, day: string): Promise<PayableRow[]> {
    const rows = await m.query(
      `SELECT t.id AS "trancheId", g.id AS "grantId", g.agreement_number AS "agreementNumber", t.seq, t.kind, t.status, to_char(t.approved_on, 'YYYY-MM-DD') AS "approvedOn",
              t.amount_cents AS "amountCents", coalesce(g.account_holder, o.legal_name) AS "beneficiaryName", coalesce(g.iban, '') AS iban, t.payment_order_id AS "paymentOrderId"
         FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE t.status = 'approved' AND t.approved_on = $1 ORDER BY g.agreement_number, t.seq`, [day]);
    return rows.map((r: PayableRow & { amountCents: string }) => ({ ...r, amountCents: cents(r.amountCents) }));
  }

  async insertPaymentOrder(m: EntityManager, row: Partial<PaymentOrderEntity>, trancheIds: string[]): Promise<PaymentOrderEntity> {
    const order = await m.save(m.create(PaymentOrderEntity, row));
    await m.query(`UPDATE tranches SET payment_order_id = $1, updated_at = now() WHERE id = ANY($2::uuid[])`, [order.id, trancheIds]);
    return order;
  }

  async paymentOrder(m: EntityManager, id: string): Promise<PaymentOrderEntity> {
    const o = await m.findOne(PaymentOrderEntity, { where: { id } });
    if (!o) throw AppError.notFound('payment order');
    return o;
  }

  paymentOrders(m: EntityManager, day?: string): Promise<PaymentOrderEntity[]> {
    return m.find(PaymentOrderEntity, { where: day ? { day } : {}, order: { createdAt: 'DESC' }, take: 200 });
  }

  async paymentOrderTrancheIds(m: EntityManager, id: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM tranches WHERE payment_order_id = $1`, [id]);
    return rows.map((r) => r.id);
  }

  /** The lines of a recorded payment order, as they were (approved or since paid). */
  async paymentOrderRows(m: EntityManager, id: string): Promise<(Omit<PayableRow, 'status'> & { status: string })[]> {
    const rows = await m.query(
      `SELECT t.id AS "trancheId", g.id AS "grantId", g.agreement_number AS "agreementNumber", t.seq, t.kind, t.status, to_char(t.approved_on, 'YYYY-MM-DD') AS "approvedOn",
              t.amount_cents AS "amountCents", coalesce(g.account_holder, o.legal_name) AS "beneficiaryName", coalesce(g.iban, '') AS iban
         FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN organizations o ON o.id = g.organization_id
        WHERE t.payment_order_id = $1 ORDER BY g.agreement_number, t.seq`, [id]);
    return rows.map((r: PayableRow & { amountCents: string }) => ({ ...r, amountCents: cents(r.amountCents) }));
  }

  versions(m: EntityManager, grantId: string): Promise<GrantVersionEntity[]> {
    return readRows(m, GrantVersionEntity, (cols) => `SELECT ${cols} FROM grant_versions WHERE grant_id = $1 ORDER BY version`, [grantId]);
  }

  async insertVersion(m: EntityManager, row: Partial<GrantVersionEntity>): Promise<GrantVersionEntity> {
    return m.save(m.create(GrantVersionEntity, row));
  }

  amendments(m: EntityManager, grantId: string): Promise<GrantAmendmentEntity[]> {
    return readRows(m, GrantAmendmentEntity, (cols) => `SELECT ${cols} FROM grant_amendments WHERE grant_id = $1 ORDER BY requested_at`, [grantId]);
  }

  async amendment(m: EntityManager, id: string, lock = false): Promise<GrantAmendmentEntity> {
    const a = await m.findOne(GrantAmendmentEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!a) throw AppError.notFound('amendment');
    return a;
  }

  async insertAmendment(m: EntityManager, row: Partial<GrantAmendmentEntity>): Promise<GrantAmendmentEntity> {
    return m.save(m.create(GrantAmendmentEntity, row));
  }

  /** What happened to a grant, oldest first: its audit rows and those of its tranches and amendments (by audit_log_entity_id_idx). */
  async timeline(m: EntityManager, grantId: string): Promise<{ at: string; action: string; actorEmail: string | null; summary: string }[]> {
    const rows = await m.query(
      `SELECT at, action, audit_shown_actor(actor_email, actor_pseudonym) AS "actorEmail", audit_shown_summary(summary) AS summary FROM audit_log
        WHERE entity_id = ANY(ARRAY(SELECT $1::text UNION ALL SELECT id::text FROM tranches WHERE grant_id = $2::uuid UNION ALL SELECT id::text FROM grant_amendments WHERE grant_id = $2::uuid))
        ORDER BY seq`, [grantId, grantId]);
    return rows.map((r: { at: Date }) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  /** One active user as a recipient (none when inactive or unknown). */
  recipient(m: EntityManager, userId: string): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE id = $1 AND active`, [userId]);
  }

  owners(m: EntityManager, organizationId: string): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language, script FROM users WHERE active AND organization_id = $1 AND org_role = 'owner'`, [organizationId]);
  }

  /** The reference of the application a grant was drawn up from (printed on the agreement). */
  async applicationReference(m: EntityManager, applicationId: string | null): Promise<{ reference: string } | undefined> {
    const [row] = await m.query(`SELECT reference FROM applications WHERE id = $1`, [applicationId]);
    return row;
  }

  /** The organisation's legal name and IBAN as they stand (the IBAN is frozen on the grant at signature). */
  async organizationBank(m: EntityManager, organizationId: string): Promise<{ legalName: string; iban: string | null } | undefined> {
    const [row] = await m.query(`SELECT legal_name AS "legalName", iban FROM organizations WHERE id = $1`, [organizationId]);
    return row;
  }

  async organizationLanguage(m: EntityManager, organizationId: string): Promise<Language> {
    const [row] = await m.query(
      `SELECT language FROM users WHERE organization_id = $1 AND active ORDER BY (org_role = 'owner') DESC, created_at LIMIT 1`, [organizationId]);
    return (row?.language ?? 'en') as Language;
  }

  async isMonitor(m: EntityManager, userId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'monitor' AND active`, [userId]);
    return rows.length > 0;
  }

  async passwordHash(m: EntityManager, userId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT password_hash AS h FROM users WHERE id = $1`, [userId]);
    return row?.h ?? null;
  }

  /** The audit chain's head (its last seq): every audited change moves it (the grants list shares a computation only under the same head). */
  async auditHead(m: EntityManager): Promise<string> {
    const [{ head }] = await m.query(`SELECT coalesce(max(seq), 0)::text AS head FROM audit_log`);
    return head;
  }

  async today(m: EntityManager): Promise<string> {
    const [{ today }] = await m.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
    return today;
  }
}
