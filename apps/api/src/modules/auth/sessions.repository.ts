import type { EntityManager } from 'typeorm';

/** An already stored session written again (session.ts): updated, never inserted again. */
export const UPDATE_SESSION = `UPDATE sessions SET sess = $2, expire = to_timestamp($3) WHERE sid = $1`;
/** The last-seen minute of a stored session, on its own: the other fields stay as the request beside it left them. */
export const UPDATE_SEEN_AT = `UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{seenAt}', to_jsonb($2::bigint))::json WHERE sid = $1`;

/** SQL of the express-session store (`sessions`, connect-pg-simple's table). */
export const sessionsRepository = {
  /** Ends every session of the user, or every one but the given session id (the one changing its password). */
  endUserSessions(m: EntityManager, userId: string, exceptSid?: string): Promise<unknown> {
    return exceptSid
      ? m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1 AND sid <> $2`, [userId, exceptSid])
      : m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1`, [userId]);
  },
};
