import { BENEFICIARY_BREAKDOWN_KEYS, type BeneficiaryBreakdown } from '@grants/domain';
import { BarChart } from '@mantine/charts';
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ShownCount } from '../../reports/components/ShownCount';
import { cellLabel } from '../../reports/components/Beneficiaries';
import type { PortfolioBeneficiaries, ShownCount as Shown } from '../types';
import { ChartCard } from './ChartCard';
import { MunicipalityMap } from './MunicipalityMap';

const BARS: BeneficiaryBreakdown[] = ['byService', 'bySex', 'byAge', 'byIntake'];
const TITLES: Record<BeneficiaryBreakdown, string> = {
  bySex: 'reports.form.bySex', byAge: 'reports.form.byAge', byIntake: 'reports.form.byIntake', byService: 'reports.form.byService', byMunicipality: 'reports.form.byMunicipality',
};

/** A hidden count is drawn as no bar (its table cell says "<5" or "c"); a number as itself. */
const barValue = (v: Shown) => (typeof v === 'number' ? v : 0);

/**
 * Beneficiaries reached, as published: by main service, sex, age band and intake (bars, each with its table) and by
 * municipality (the tile map with its table). Every count from 1 to 4 arrives as "<5" and is shown as given.
 */
export function BeneficiariesPanel({ beneficiaries, onMunicipality }: { beneficiaries: PortfolioBeneficiaries; onMunicipality: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const table = beneficiaries.table;
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="beneficiaries-total">
        {t('portfolio.beneficiaries.total')}: <ShownCount value={table.total} /> · {t('portfolio.beneficiaries.reports', { count: beneficiaries.reports })}
      </Text>
      <Text size="sm" c="dimmed">{t('portfolio.beneficiaries.note')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {BARS.map((b) => {
          const keys = BENEFICIARY_BREAKDOWN_KEYS[b];
          return (
            <ChartCard
              key={b} title={t(TITLES[b])} testId={`beneficiaries-${b}`}
              chart={(
                <BarChart
                  h={b === 'byService' ? 260 : 160} orientation="vertical" yAxisProps={{ width: 150 }}
                  data={keys.map((k) => ({ name: cellLabel(t, i18n.language, b, k), count: barValue(table[b][k] ?? 0) }))}
                  dataKey="name" series={[{ name: 'count', label: t('portfolio.beneficiaries.count'), color: 'cyan.6' }]}
                />
              )}
              table={(
                <Table striped captionSide="top" aria-label={t(TITLES[b])}>
                  <Table.Caption>{t(TITLES[b])}</Table.Caption>
                  <Table.Thead><Table.Tr><Table.Th>{t(TITLES[b])}</Table.Th><Table.Th ta="right">{t('portfolio.beneficiaries.count')}</Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {keys.map((k) => (
                      <Table.Tr key={k} data-testid={`cell-${b}-${k}`}>
                        <Table.Td>{cellLabel(t, i18n.language, b, k)}</Table.Td>
                        <Table.Td ta="right"><ShownCount value={table[b][k] ?? 0} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            />
          );
        })}
      </SimpleGrid>
      <MunicipalityMap cells={table.byMunicipality} language={i18n.language} onSelect={onMunicipality} title={t('reports.form.byMunicipality')} />
    </Stack>
  );
}
