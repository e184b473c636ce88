import '@mantine/charts/styles.css';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { BeneficiariesPanel } from '../components/BeneficiariesPanel';
import { FilterBar } from '../components/FilterBar';
import { GrantsPanel } from '../components/GrantsPanel';
import { MoneyPanel } from '../components/MoneyPanel';
import { ResultsPanel } from '../components/ResultsPanel';
import {
  usePortfolioBeneficiaries, usePortfolioFilter, usePortfolioFilters, usePortfolioGrants, usePortfolioMoney, usePortfolioOverdue, usePortfolioResults,
} from '../hooks';
import type { PortfolioMoney } from '../types';

/** Minutes since the figures were refreshed, as the screen says it. */
export function minutesOld(asOf: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(asOf).getTime()) / 60_000));
}

/** Each grant's organisation name (for links that name the grant), from the money answer. */
function grantNames(money: PortfolioMoney | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const o of money?.byOrganization ?? []) for (const id of o.grantIds) names.set(id, o.name);
  for (const g of money?.burnRate.grants ?? []) if (g.agreementNumber) names.set(g.grantId, `${g.agreementNumber} ${g.organizationName}`);
  return names;
}

/**
 * The portfolio dashboard (issue 13) for the Secretariat, observers and, for their own grants, monitors: money,
 * grants by rating and status, what is overdue, results by National Strategy objective and beneficiaries, under one
 * filter kept in the URL. Every chart has its table; figures link to the records behind them; the header says how
 * old the pre-aggregated figures are.
 */
export function PortfolioPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { filter, set, clear } = usePortfolioFilter();
  const options = usePortfolioFilters();
  const money = usePortfolioMoney(filter);
  const grants = usePortfolioGrants(filter);
  const overdue = usePortfolioOverdue(filter);
  const results = usePortfolioResults(filter);
  const beneficiaries = usePortfolioBeneficiaries(filter);
  const names = useMemo(() => grantNames(money.data), [money.data]);
  const grantName = (id: string) => names.get(id) ?? id.slice(0, 8);
  const asOf = money.data?.asOf;
  const filterQuery = filter.callId ? `?callId=${filter.callId}` : '';
  const section = (id: string, title: string, body: React.ReactNode) => (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>{title}</Title>
      {body}
    </Stack>
  );
  const load = <T,>(q: { isPending: boolean; isError: boolean; error: unknown; data?: T }, render: (d: T) => React.ReactNode) =>
    q.isPending ? <CenteredLoader /> : q.isError ? <ErrorAlert error={q.error} /> : render(q.data as T);

  return (
    <>
      <PageHeader title={t('portfolio.title')} description={t('portfolio.subtitle')} />
      <Stack gap="lg" style={{ minWidth: 0 }}>
        <FilterBar options={options.data} filter={filter} set={set} clear={clear} />
        {asOf && (
          <Text size="sm" c="dimmed" data-testid="portfolio-as-of">
            {t('portfolio.asOf', { time: f.dateTime(asOf), count: minutesOld(asOf), n: f.count(minutesOld(asOf)) })}
          </Text>
        )}
        {money.data && money.data.grantCount === 0 && <Alert color="gray">{t('portfolio.empty')}</Alert>}
        {section('portfolio-money', t('portfolio.sections.money'), load(money, (m) => <MoneyPanel money={m} filterQuery={filterQuery} />))}
        {section('portfolio-grants', t('portfolio.sections.grants'), grants.data && overdue.data
          ? <GrantsPanel grants={grants.data} overdue={overdue.data} grantName={grantName} />
          : grants.isError ? <ErrorAlert error={grants.error} /> : overdue.isError ? <ErrorAlert error={overdue.error} /> : <CenteredLoader />)}
        {section('portfolio-results', t('portfolio.sections.results'), load(results, (r) => <ResultsPanel results={r} grantName={grantName} onObjective={(c) => set('objective', c)} />))}
        {section('portfolio-beneficiaries', t('portfolio.sections.beneficiaries'), load(beneficiaries, (b) => <BeneficiariesPanel beneficiaries={b} onMunicipality={(c) => set('municipality', c)} />))}
      </Stack>
    </>
  );
}
