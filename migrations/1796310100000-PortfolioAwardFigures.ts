import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'grants_app';

/**
 * The portfolio's "awarded" figure counts every award in force of the recorded decisions, not only those already
 * drawn up into a grant: an award waiting for its grant (the Secretariat's "awards waiting for a grant") is money
 * the scheme has committed itself to. `portfolio_award_figures` holds one row per award in force (status
 * `awarded`: awarded at once, or an offer the organisation accepted; declined and refused awards and open offers
 * are not in it), rewritten by the worker's `portfolio.refresh` in the same transaction as the other figures
 * (1796310000000-PortfolioFigures.ts): its call, organisation, decision day (the period filter), its grant if one
 * was drawn up (then the grant's monitor, Strategy codes and municipalities, so awarded and contracted filter
 * alike), else the Strategy codes of the application's logframe (`specificObjectiveNsCode`, with the objectives
 * above them) and the municipalities of the organisation's seat and the project's target municipalities.
 * A table of its own (not a column of portfolio_grant_figures) because an award without a grant has no grant row.
 */
export class PortfolioAwardFigures1796310100000 implements MigrationInterface {
  name = 'PortfolioAwardFigures1796310100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portfolio_award_figures (
        award_id uuid PRIMARY KEY,
        call_id uuid NOT NULL,
        call_reference text NOT NULL,
        organization_id uuid NOT NULL,
        organization_name text NOT NULL,
        application_id uuid NOT NULL,
        grant_id uuid,
        monitor_id uuid,
        decided_on date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        ns_codes text[] NOT NULL DEFAULT '{}',
        municipalities text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX portfolio_award_figures_call_idx ON portfolio_award_figures (call_id, decided_on)`);
    await q.query(`CREATE INDEX portfolio_award_figures_monitor_idx ON portfolio_award_figures (monitor_id)`);
    await q.query(`CREATE INDEX portfolio_award_figures_ns_idx ON portfolio_award_figures USING gin (ns_codes)`);
    await q.query(`CREATE INDEX portfolio_award_figures_municipalities_idx ON portfolio_award_figures USING gin (municipalities)`);
    await q.query(`CREATE INDEX portfolio_award_figures_day_idx ON portfolio_award_figures (decided_on)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON portfolio_award_figures TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portfolio_award_figures`);
  }
}
