import type { EntityManager } from 'typeorm';

/** SQL of the express-session store (`sessions`, connect-pg-simple's table). */
export const sessionsRepository = {
  /** Ends every session of the user, or every one but the given session id (the one changing its password). */
  endUserSessions(m: EntityManager, userId: string, exceptSid?: string): Promise<unknown> {
    return exceptSid
      ? m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1 AND sid <> $2`, [userId, exceptSid])
      : m.query(`DELETE FROM sessions WHERE sess->'passport'->>'user' = $1`, [userId]);
  },
};
