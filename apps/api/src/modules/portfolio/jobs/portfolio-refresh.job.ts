import { Injectable, Logger } from '@nestjs/common';
import type { JobHandler } from '../../../jobs/job-handler';
import { PortfolioRepository } from '../portfolio.repository';

/** The fixed id of the repeatable refresh: restarts and several workers never add a second one. */
export const PORTFOLIO_REFRESH_SCHEDULER = 'portfolio.refresh';
/**
 * Every 30 seconds, so that a figure on the dashboard is never older than a minute while the worker runs (asOf is the
 * refresh's start; at portfolio size a refresh takes a few seconds, and a job may wait behind another).
 */
export const PORTFOLIO_REFRESH_EVERY_MS = 30_000;

/**
 * Rewrites the portfolio's pre-aggregated figures from the records, in one transaction (PortfolioRepository.refresh).
 * Idempotent: run twice, the figures are the same; two at once run one after the other (advisory lock).
 */
@Injectable()
export class PortfolioRefreshHandler implements JobHandler<'portfolio.refresh'> {
  readonly name = 'portfolio.refresh' as const;
  private readonly logger = new Logger('Portfolio');
  constructor(private readonly repo: PortfolioRepository) {}

  async handle() {
    const r = await this.repo.refresh();
    if (r.durationMs > 10_000) this.logger.warn(`Portfolio figures refreshed in ${r.durationMs} ms`);
  }
}
