import type { FeatureJobs } from '../../../jobs/job-handler';
import { PortfolioRepository } from '../portfolio.repository';
import { PortfolioRefreshHandler } from './portfolio-refresh.job';

/** The portfolio's jobs: the refresh of its pre-aggregated figures, every minute. */
export const PORTFOLIO_JOBS: FeatureJobs = { handlers: [PortfolioRefreshHandler], providers: [PortfolioRepository] };
