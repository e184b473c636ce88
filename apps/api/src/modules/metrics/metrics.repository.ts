import type { DataSource } from 'typeorm';

export type BacklogFigures = { outboxUnsent: number; outboxOldestAgeSeconds: number; emailsPending: number; emailOldestPendingAgeSeconds: number };

/** The database side of the metrics: the outbox and the e-mails still to send (two index-backed counts). */
export class MetricsRepository {
  constructor(private readonly ds: DataSource) {}

  async backlog(): Promise<BacklogFigures> {
    const [r] = await this.ds.query(
      `SELECT o.n AS outbox_unsent, o.age AS outbox_age, e.n AS emails_pending, e.age AS email_age
         FROM (SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age FROM outbox WHERE relayed_at IS NULL) o,
              (SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS age FROM emails WHERE status = 'pending') e`,
    );
    return { outboxUnsent: r.outbox_unsent, outboxOldestAgeSeconds: r.outbox_age, emailsPending: r.emails_pending, emailOldestPendingAgeSeconds: r.email_age };
  }

  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
