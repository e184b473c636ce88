import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'grants_app';

/**
 * The portfolio dashboard's pre-aggregated figures (issue 13), rewritten by the worker's `portfolio.refresh` every
 * 30 seconds in one transaction (modules/portfolio/jobs), so a reader sees the previous refresh or the next one,
 * never half of one; `portfolio_refresh.refreshed_at` is the `asOf` every answer carries.
 *
 * Plain tables rather than materialized views: the figures need rules of libs/domain that SQL does not have
 * (an indicator's progress from typed baselines and targets, the National Strategy code an indicator counts
 * under), so the refresh computes some columns in TypeScript and writes them; a materialized view could only
 * hold what SQL computes, and REFRESH … CONCURRENTLY needs a unique index per view and still rewrites each view
 * on its own, not all of them in one step. One transaction over plain tables swaps every figure at once.
 *
 * - `portfolio_grant_figures`: one row per grant: its call, organisation (name and municipality), monitor,
 *   status, dates, money (awarded, contracted), latest monitoring rating with its visit report, the Strategy codes
 *   it is tied to with every objective above them (`ns_codes`, so `objective=III` finds a grant tied to III.2.4
 *   with one GIN lookup), and the municipalities it works in (the organisation's and those of the beneficiaries it
 *   reported).
 * - `portfolio_money_events`: money with its day, for the period filter: tranches paid (`paid`), expenditure
 *   handed in (`spent`) and accepted (`accepted`) by budget heading on the last day of its period, repayments of
 *   recovery orders (`recovered`), the approved budget by heading (`approved`, no day), and narrative reports handed
 *   in (`report`, amount 0) for the timeline.
 * - `portfolio_overdue`: what is overdue today (signatures, narrative reports, tranches, action points), with the
 *   record and its due date.
 * - `portfolio_indicator_figures`: per narrative report handed in and indicator, the Strategy code, the progress
 *   against the target (capped at 10,000 bp, null when not averaged) and whether it is the grant's latest value.
 * - `portfolio_beneficiary_figures`: the beneficiary cells of the reports handed in, with their grant and period.
 * - `portfolio_report_figures`: the reports whose indicator and beneficiary figures are in the two tables above, with
 *   what they were computed from (status, submitted version, a fingerprint of the grant's logframe and call
 *   priorities): the refresh rewrites those figures only for reports where any of it changed (a report handed in, sent
 *   back, handed in again; a logframe amended), since at portfolio size they are 200,000 and 500,000 rows.
 */
export class PortfolioFigures1796310000000 implements MigrationInterface {
  name = 'PortfolioFigures1796310000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portfolio_refresh (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        refreshed_at timestamptz,
        duration_ms integer
      )`);
    await q.query(`INSERT INTO portfolio_refresh (id, refreshed_at) VALUES (1, NULL)`);
    await q.query(`
      CREATE TABLE portfolio_grant_figures (
        grant_id uuid PRIMARY KEY,
        call_id uuid NOT NULL,
        call_reference text NOT NULL,
        organization_id uuid NOT NULL,
        organization_name text NOT NULL,
        organization_municipality text,
        monitor_id uuid,
        agreement_number text,
        status text NOT NULL,
        start_date date,
        end_date date,
        awarded_cents bigint NOT NULL DEFAULT 0,
        contracted_cents bigint NOT NULL DEFAULT 0,
        latest_rating smallint,
        latest_visit_report_id uuid,
        ns_codes text[] NOT NULL DEFAULT '{}',
        municipalities text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX portfolio_grant_figures_call_idx ON portfolio_grant_figures (call_id)`);
    await q.query(`CREATE INDEX portfolio_grant_figures_monitor_idx ON portfolio_grant_figures (monitor_id)`);
    await q.query(`CREATE INDEX portfolio_grant_figures_ns_idx ON portfolio_grant_figures USING gin (ns_codes)`);
    await q.query(`CREATE INDEX portfolio_grant_figures_municipalities_idx ON portfolio_grant_figures USING gin (municipalities)`);
    await q.query(`CREATE INDEX portfolio_grant_figures_dates_idx ON portfolio_grant_figures (start_date, end_date)`);

    await q.query(`
      CREATE TABLE portfolio_money_events (
        grant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('approved', 'paid', 'spent', 'accepted', 'recovered', 'report')),
        day date,
        heading text,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        record_id uuid
      )`);
    await q.query(`CREATE INDEX portfolio_money_events_grant_idx ON portfolio_money_events (grant_id, kind, day) INCLUDE (amount_cents, heading)`);

    await q.query(`
      CREATE TABLE portfolio_overdue (
        grant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('signature', 'countersignature', 'report', 'tranche', 'action_point')),
        record_id uuid NOT NULL,
        due_date date NOT NULL,
        PRIMARY KEY (kind, record_id)
      )`);
    await q.query(`CREATE INDEX portfolio_overdue_due_idx ON portfolio_overdue (due_date, grant_id)`);

    await q.query(`
      CREATE TABLE portfolio_indicator_figures (
        grant_id uuid NOT NULL,
        report_id uuid NOT NULL,
        period_end date NOT NULL,
        indicator_key text NOT NULL,
        ns_code text,
        averaged boolean NOT NULL,
        progress_bp integer CHECK (progress_bp BETWEEN 0 AND 10000),
        achieved boolean NOT NULL,
        is_latest boolean NOT NULL,
        PRIMARY KEY (report_id, indicator_key)
      )`);
    await q.query(`CREATE INDEX portfolio_indicator_figures_latest_idx ON portfolio_indicator_figures (grant_id) WHERE is_latest`);
    await q.query(`CREATE INDEX portfolio_indicator_figures_period_idx ON portfolio_indicator_figures (grant_id, indicator_key, period_end DESC)`);

    await q.query(`
      CREATE TABLE portfolio_beneficiary_figures (
        grant_id uuid NOT NULL,
        report_id uuid NOT NULL,
        period_end date NOT NULL,
        breakdown text NOT NULL,
        key text NOT NULL,
        count integer NOT NULL CHECK (count > 0)
      )`);
    await q.query(`CREATE INDEX portfolio_beneficiary_figures_grant_idx ON portfolio_beneficiary_figures (grant_id, period_end) INCLUDE (breakdown, key, count, report_id)`);

    await q.query(`
      CREATE TABLE portfolio_report_figures (
        report_id uuid PRIMARY KEY,
        grant_id uuid NOT NULL,
        status text NOT NULL,
        submitted_version integer NOT NULL,
        basis text NOT NULL
      )`);

    const tables = ['portfolio_report_figures', 'portfolio_refresh', 'portfolio_grant_figures', 'portfolio_money_events', 'portfolio_overdue', 'portfolio_indicator_figures', 'portfolio_beneficiary_figures'];
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${tables.join(', ')} TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['portfolio_report_figures', 'portfolio_beneficiary_figures', 'portfolio_indicator_figures', 'portfolio_overdue', 'portfolio_money_events', 'portfolio_grant_figures', 'portfolio_refresh']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
