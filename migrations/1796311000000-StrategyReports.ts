import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Secretariat's 6-month and annual reports on the National Strategy against Trafficking (issue 13):
 *
 * - `strategy_reports`: one report per kind and period (a 6-month report: 1 January–30 June or 1 July–31 December;
 *   an annual report: the calendar year; libs/domain strategyReportPeriod). `figures` is what the portal drafted from
 *   the portfolio for the period (libs/domain StrategyReportFigures: per Strategy objective the grants, money, indicator
 *   progress, beneficiaries already suppressed, activities by status, difficulties, lessons), refreshed on a redraft
 *   while the report is a draft; `narrative` is the Secretariat's text (introduction, one text per objective,
 *   conclusions), edited with the optimistic lock `version`. draft → issued (libs/domain STRATEGY_REPORT_TRANSITIONS):
 *   issuing freezes the report with `sha256` of its canonical content (libs/domain strategyReportCanonical).
 * - An issued report cannot change or be deleted, whatever path a write takes: a trigger refuses it with SQLSTATE
 *   SR409 (the service refuses first, with 409 `report_issued`).
 */
const APP_ROLE = 'grants_app';

export class StrategyReports1796311000000 implements MigrationInterface {
  name = 'StrategyReports1796311000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE strategy_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CONSTRAINT strategy_reports_kind_known CHECK (kind IN ('six_month', 'annual')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CONSTRAINT strategy_reports_status_known CHECK (status IN ('draft', 'issued')),
        figures jsonb NOT NULL CONSTRAINT strategy_reports_figures_object CHECK (jsonb_typeof(figures) = 'object'),
        narrative jsonb NOT NULL DEFAULT '{"introduction":"","conclusions":"","objectives":{}}'::jsonb CONSTRAINT strategy_reports_narrative_object CHECK (jsonb_typeof(narrative) = 'object'),
        drafted_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        sha256 char(64),
        issued_at timestamptz,
        issued_by uuid REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        updated_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT strategy_reports_period CHECK (
          extract(day FROM period_start) = 1 AND date_trunc('year', period_start) = date_trunc('year', period_end) AND (
            (kind = 'annual' AND extract(month FROM period_start) = 1 AND extract(month FROM period_end) = 12 AND extract(day FROM period_end) = 31) OR
            (kind = 'six_month' AND ((extract(month FROM period_start) = 1 AND extract(month FROM period_end) = 6 AND extract(day FROM period_end) = 30) OR
                                     (extract(month FROM period_start) = 7 AND extract(month FROM period_end) = 12 AND extract(day FROM period_end) = 31))))),
        CONSTRAINT strategy_reports_issued_frozen CHECK ((status = 'issued') = (sha256 IS NOT NULL AND issued_at IS NOT NULL AND issued_by IS NOT NULL)),
        CONSTRAINT strategy_reports_one_per_period UNIQUE (kind, period_start)
      )`);
    await q.query(`CREATE INDEX strategy_reports_list_idx ON strategy_reports (period_start DESC, kind)`);
    await q.query(`
      CREATE FUNCTION refuse_change_of_issued_strategy_report() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'issued' THEN
          RAISE EXCEPTION 'strategy report % is issued: it is frozen', OLD.id USING ERRCODE = 'SR409';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER strategy_reports_issued_frozen BEFORE UPDATE OR DELETE ON strategy_reports FOR EACH ROW EXECUTE FUNCTION refuse_change_of_issued_strategy_report()`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON strategy_reports TO ${APP_ROLE}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE strategy_reports`);
    await q.query(`DROP FUNCTION refuse_change_of_issued_strategy_report()`);
  }
}
