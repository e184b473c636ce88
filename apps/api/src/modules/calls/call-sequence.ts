import type { EntityManager } from 'typeorm';

/** The sequence that numbers the applications of one call (MF-C3-2026-01-007). */
export const callSequenceName = (callId: string) => `call_ref_seq_${callId.replace(/-/g, '')}`;

/** Created when the call is published. */
export async function createCallSequence(m: EntityManager, callId: string, startWith = 1): Promise<void> {
  await m.query(`CREATE SEQUENCE IF NOT EXISTS ${callSequenceName(callId)} AS integer MINVALUE 1 START WITH ${Math.max(1, Math.floor(startWith))}`);
}

/**
 * The next application number of a call: no row lock, so simultaneous submissions do not queue behind each
 * other. A submission that fails after taking a number leaves a gap in the numbering.
 */
export async function nextApplicationNumber(m: EntityManager, callId: string): Promise<number> {
  const [{ n }] = await m.query(`SELECT nextval($1::regclass)::int AS n`, [callSequenceName(callId)]);
  return n;
}
