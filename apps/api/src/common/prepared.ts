import type { EntityManager } from 'typeorm';

type PgQueryable = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };

/**
 * A named prepared statement on the manager's connection (its transaction's, when it has one; else one of the
 * pool's): PostgreSQL parses and plans it once per connection instead of at every request, and `pg` skips its
 * per-query parse step. TypeORM's query() cannot name a statement. A name stands for one SQL text only.
 */
export async function prepared<T>(m: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const qr = m.queryRunner;
  const target = (qr && !qr.isReleased ? await qr.connect() : (m.connection.driver as unknown as { master: PgQueryable }).master) as PgQueryable;
  return (await target.query({ name, text, values })).rows as T[];
}
