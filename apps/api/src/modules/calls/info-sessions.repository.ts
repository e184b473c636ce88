import type { InfoSessionStatus } from '@grants/domain';
import type { EntityManager } from 'typeorm';
import type { Recipient } from '../notifications/notifications.service';
import { InfoSessionEntity } from './entities/call.entity';

export type InfoSessionRow = {
  id: string; startsAt: string; place: string | null; onlineLink: string | null; capacity: number;
  status: InfoSessionStatus; cancelledAt: string | null; cancelReason: string | null;
  registered: number; registeredByMe: boolean; myAttendees: number | null;
};

/** SQL of a call's info sessions and their registrations. */
export const infoSessionsRepository = {
  /** A call's sessions, oldest first, with the attendees of all organisations and of the caller's. */
  async list(m: EntityManager, callId: string, organizationId: string | null): Promise<InfoSessionRow[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT s.*, coalesce(sum(r.attendees), 0)::int AS registered,
              (sum(r.attendees) FILTER (WHERE r.organization_id = $2))::int AS my_attendees
         FROM info_sessions s LEFT JOIN info_session_registrations r ON r.session_id = s.id
        WHERE s.call_id = $1 GROUP BY s.id ORDER BY s.starts_at`, [callId, organizationId]);
    return rows.map((r) => ({
      id: r.id as string, startsAt: (r.starts_at as Date).toISOString(), place: r.place as string | null, onlineLink: r.online_link as string | null,
      capacity: r.capacity as number, status: r.status as InfoSessionStatus,
      cancelledAt: r.cancelled_at ? (r.cancelled_at as Date).toISOString() : null, cancelReason: (r.cancel_reason as string | null) ?? null,
      registered: r.registered as number, registeredByMe: r.my_attendees !== null, myAttendees: r.my_attendees as number | null,
    }));
  },

  /** The session of the call, locked for the rest of the transaction (registrations and cancellation queue behind it). */
  lockForUpdate: (m: EntityManager, callId: string, sessionId: string) =>
    m.findOne(InfoSessionEntity, { where: { id: sessionId, callId }, lock: { mode: 'pessimistic_write' } }),

  async dbNow(m: EntityManager): Promise<Date> {
    return (await m.query('SELECT now() AS now'))[0].now as Date;
  },

  async attendeesOfOthers(m: EntityManager, sessionId: string, organizationId: string | null): Promise<number> {
    const [{ taken }] = await m.query(`SELECT coalesce(sum(attendees),0)::int AS taken FROM info_session_registrations WHERE session_id = $1 AND organization_id IS DISTINCT FROM $2`, [sessionId, organizationId]);
    return taken as number;
  },

  register: (m: EntityManager, sessionId: string, organizationId: string, userId: string, attendees: number) =>
    m.query(
      `INSERT INTO info_session_registrations (session_id, organization_id, user_id, attendees) VALUES ($1,$2,$3,$4)
       ON CONFLICT (session_id, organization_id) DO UPDATE SET attendees = EXCLUDED.attendees, user_id = EXCLUDED.user_id`,
      [sessionId, organizationId, userId, attendees]),

  unregister: (m: EntityManager, callId: string, sessionId: string, organizationId: string | null) =>
    m.query(`DELETE FROM info_session_registrations r USING info_sessions s WHERE s.id = r.session_id AND s.call_id = $1 AND r.session_id = $2 AND r.organization_id = $3`, [callId, sessionId, organizationId]),

  /** Everyone active in the organisations registered for the session, in their language. */
  registeredPeople: (m: EntityManager, sessionId: string): Promise<Recipient[]> =>
    m.query(
      `SELECT u.id, u.email, u.language FROM users u
        WHERE u.active AND u.organization_id IN (SELECT organization_id FROM info_session_registrations WHERE session_id = $1)`, [sessionId]),

  registrationsCsvRows: (m: EntityManager, callId: string, sessionId: string) =>
    m.query(
      `SELECT o.legal_name AS organization, o.registration_number, o.municipality, u.full_name AS registered_by, u.email, r.attendees, r.created_at AS registered_at
         FROM info_session_registrations r JOIN info_sessions s ON s.id = r.session_id AND s.call_id = $2
         JOIN organizations o ON o.id = r.organization_id JOIN users u ON u.id = r.user_id
        WHERE r.session_id = $1 ORDER BY o.legal_name`, [sessionId, callId]),
};
