import { api, data } from '../../api/client';
import type { PortfolioFilter } from './types';

const q = (query: PortfolioFilter) => ({ params: { query } });

/** The portfolio dashboard's API (apps/api/src/modules/portfolio): six reads under the same filter. */
export const portfolioApi = {
  filters: (f: PortfolioFilter) => data(api.GET('/api/portfolio/filters', q(f))),
  money: (f: PortfolioFilter) => data(api.GET('/api/portfolio/money', q(f))),
  grants: (f: PortfolioFilter) => data(api.GET('/api/portfolio/grants', q(f))),
  overdue: (f: PortfolioFilter) => data(api.GET('/api/portfolio/overdue', q(f))),
  results: (f: PortfolioFilter) => data(api.GET('/api/portfolio/results', q(f))),
  beneficiaries: (f: PortfolioFilter) => data(api.GET('/api/portfolio/beneficiaries', q(f))),
};
