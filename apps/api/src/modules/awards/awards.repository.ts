import { Injectable } from '@nestjs/common';
import type { AwardStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../notifications/notifications.service';
import { AppError } from '../../common/errors';
import { cents } from '../../common/whole-numbers';
import { AwardDecisionEntity, AwardEntity } from './entities/award.entity';

export type DecisionView = {
  id: string; seq: number; kind: 'decision' | 'move_up'; committeeMembers: string[]; decidedOn: string; envelopeCents: number;
  sha256: string; recordedAt: string; snapshot: Record<string, unknown>;
  /** The head of the audit chain anchored with this record (audit_anchors, reason decision:<id>). */
  anchor: { seq: number; hash: string } | null;
};
export type AwardRow = {
  id: string; applicationId: string; reference: string; organizationName: string; amountCents: number; requestedCents: number; adjustmentReason: string | null;
  status: AwardStatus; declinedAt: Date | null; declineReason: string | null; answeredAt: Date | null;
};
export type AwardOfApplication = {
  id: string; amountCents: number; status: AwardStatus; adjustmentReason: string | null; answeredAt: string | null; declineReason: string | null;
};

/** Every query of the awards: decision records, awards, the reserve list, outcome letters. */
@Injectable()
export class AwardsRepository {
  async decisions(m: EntityManager, callId: string): Promise<DecisionView[]> {
    const rows = await m.find(AwardDecisionEntity, { where: { callId }, order: { seq: 'ASC' } });
    const anchors: { reason: string; seq: string; hash: string }[] = rows.length
      ? await m.query(`SELECT reason, seq::text AS seq, hash FROM audit_anchors WHERE reason = ANY($1::text[])`, [rows.map((d) => `decision:${d.id}`)])
      : [];
    const anchorOf = new Map(anchors.map((a) => [a.reason, { seq: Number(a.seq), hash: a.hash }]));
    return rows.map((d) => ({
      id: d.id, seq: d.seq, kind: d.kind, committeeMembers: d.committeeMembers, decidedOn: d.decidedOn, envelopeCents: d.envelopeCents, sha256: d.sha256,
      recordedAt: d.recordedAt.toISOString(), snapshot: d.snapshot, anchor: anchorOf.get(`decision:${d.id}`) ?? null,
    }));
  }

  decisionEntities(m: EntityManager, callId: string): Promise<AwardDecisionEntity[]> {
    return m.find(AwardDecisionEntity, { where: { callId }, order: { seq: 'ASC' } });
  }

  firstDecision(m: EntityManager, callId: string): Promise<AwardDecisionEntity | null> {
    return m.findOne(AwardDecisionEntity, { where: { callId, kind: 'decision' } });
  }

  async awardsOfCall(m: EntityManager, callId: string): Promise<AwardRow[]> {
    const rows: (Omit<AwardRow, 'amountCents' | 'requestedCents'> & { amountCents: string; requestedCents: string })[] = await m.query(
      `SELECT w.id, w.application_id AS "applicationId", a.reference, o.legal_name AS "organizationName", w.amount_cents AS "amountCents",
              a.requested_cents AS "requestedCents", w.adjustment_reason AS "adjustmentReason", w.status, w.declined_at AS "declinedAt",
              w.decline_reason AS "declineReason", w.answered_at AS "answeredAt"
         FROM awards w JOIN applications a ON a.id = w.application_id JOIN organizations o ON o.id = a.organization_id WHERE w.call_id = $1 ORDER BY w.created_at, a.reference`, [callId]);
    return rows.map((r) => ({ ...r, amountCents: cents(r.amountCents), requestedCents: cents(r.requestedCents) }));
  }

  awardEntities(m: EntityManager, callId: string): Promise<AwardEntity[]> {
    return m.find(AwardEntity, { where: { callId } });
  }

  async award(m: EntityManager, id: string, lock = false): Promise<AwardEntity> {
    const award = await m.findOne(AwardEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!award) throw AppError.notFound('award');
    return award;
  }

  async awardOfApplication(m: EntityManager, applicationId: string): Promise<AwardOfApplication | null> {
    const [award] = await m.query(
      `SELECT id, amount_cents AS "amountCents", status, adjustment_reason AS "adjustmentReason", answered_at AS "answeredAt", decline_reason AS "declineReason"
         FROM awards WHERE application_id = $1`, [applicationId]);
    return award ? { ...award, amountCents: cents(award.amountCents), answeredAt: award.answeredAt ? new Date(award.answeredAt).toISOString() : null } : null;
  }

  saveDecision(m: EntityManager, row: Partial<AwardDecisionEntity>): Promise<AwardDecisionEntity> {
    return m.save(m.create(AwardDecisionEntity, row));
  }

  /**
   * A new award is created awarded (the requested amount) or offered (less: the organisation answers); its later
   * status goes through award-status.ts.
   */
  async insertAward(m: EntityManager, row: { callId: string; applicationId: string; decisionId: string; amountCents: number; adjustmentReason: string | null; status: 'awarded' | 'offered' }) {
    await m.insert(AwardEntity, row);
  }

  /** An open offer topped up with money that came back (its status, if it reaches the request, goes through award-status.ts). */
  async setOfferAmount(m: EntityManager, id: string, amountCents: number, decisionId: string): Promise<void> {
    await m.createQueryBuilder().update(AwardEntity).set({ amountCents, decisionId }).where(`id = :id AND status = 'offered'`, { id }).execute();
  }

  /** The Secretariat, told when an organisation answers an offer. */
  secretariat(m: EntityManager): Promise<Recipient[]> {
    return m.query(`SELECT id, email, language FROM users WHERE active AND role IN ('secretariat','secretariat_admin')`);
  }

  async reserveIds(m: EntityManager, callId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM applications WHERE call_id = $1 AND status = 'reserve'`, [callId]);
    return rows.map((r) => r.id);
  }

  async application(m: EntityManager, id: string): Promise<{ id: string; reference: string; status: string; call_id: string; organization_id: string; requestedCents: number; organizationName: string }> {
    const [app] = await m.query(
      `SELECT a.id, a.reference, a.status, a.call_id, a.organization_id, a.requested_cents AS "requestedCents", o.legal_name AS "organizationName"
         FROM applications a JOIN organizations o ON o.id = a.organization_id WHERE a.id = $1`, [id]);
    if (!app) throw AppError.notFound('application');
    return { ...app, requestedCents: cents(app.requestedCents) };
  }

  async today(m: EntityManager): Promise<string> {
    const [{ today }] = await m.query(`SELECT to_char(now() AT TIME ZONE 'Europe/Belgrade', 'YYYY-MM-DD') AS today`);
    return today;
  }
}
