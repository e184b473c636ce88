import { isNsCode, MUNICIPALITY_CODES } from '@grants/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { portfolioApi } from './api';
import type { PortfolioFilter } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter as the URL keeps it (?callId=&objective=&municipality=&from=&to=); a value the API would refuse is left out. */
export function filterFromParams(params: URLSearchParams): PortfolioFilter {
  const f: PortfolioFilter = {};
  const callId = params.get('callId');
  const objective = params.get('objective');
  const municipality = params.get('municipality');
  const from = params.get('from');
  const to = params.get('to');
  if (callId && UUID.test(callId)) f.callId = callId;
  if (objective && isNsCode(objective)) f.objective = objective;
  if (municipality && MUNICIPALITY_CODES.includes(municipality)) f.municipality = municipality as PortfolioFilter['municipality'];
  if (from && DATE.test(from)) f.from = from;
  if (to && DATE.test(to) && (!f.from || to >= f.from)) f.to = to;
  return f;
}

/** The filter kept in the URL, and a setter that changes one part of it (an empty value removes it). */
export function usePortfolioFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const set = (key: keyof PortfolioFilter, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filter, set, clear };
}

const keys = {
  all: ['portfolio'] as const,
  part: (part: string, f: PortfolioFilter) => ['portfolio', part, f] as const,
};

// The worker refreshes the figures every 30 seconds: read again as often, keep the last answer on screen meanwhile.
const options = { placeholderData: keepPreviousData, refetchInterval: 30_000, staleTime: 30_000 } as const;

export const usePortfolioFilters = () => useQuery({ queryKey: keys.part('filters', {}), queryFn: () => portfolioApi.filters({}), staleTime: 60_000 });
export const usePortfolioMoney = (f: PortfolioFilter) => useQuery({ queryKey: keys.part('money', f), queryFn: () => portfolioApi.money(f), ...options });
export const usePortfolioGrants = (f: PortfolioFilter) => useQuery({ queryKey: keys.part('grants', f), queryFn: () => portfolioApi.grants(f), ...options });
export const usePortfolioOverdue = (f: PortfolioFilter) => useQuery({ queryKey: keys.part('overdue', f), queryFn: () => portfolioApi.overdue(f), ...options });
export const usePortfolioResults = (f: PortfolioFilter) => useQuery({ queryKey: keys.part('results', f), queryFn: () => portfolioApi.results(f), ...options });
export const usePortfolioBeneficiaries = (f: PortfolioFilter) => useQuery({ queryKey: keys.part('beneficiaries', f), queryFn: () => portfolioApi.beneficiaries(f), ...options });
