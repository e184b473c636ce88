import { nsTitle } from '@grants/domain';
import { BarChart } from '@mantine/charts';
import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../../ui/format-number';
import type { ObjectiveResult, PortfolioResults } from '../types';
import { ChartCard } from './ChartCard';

/** The objective's code and title in the reader's language; "not tied to an objective" for null. */
export function useObjectiveName() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language.startsWith('sr') ? 'sr' : i18n.language) as 'en' | 'sq' | 'sr';
  return (code: string | null) => {
    if (code === null) return t('portfolio.results.untied');
    const title = nsTitle(code);
    return title ? `${code} ${title[lang] ?? title.en}` : code;
  };
}

/** Results: indicator achievement against target by Strategy objective (bars of mean progress against the 100% target). */
export function ResultsPanel({ results, grantName, onObjective }: { results: PortfolioResults; grantName: (id: string) => string; onObjective: (code: string) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const name = useObjectiveName();
  const pct = (bp: number | null) => (bp === null ? '—' : f.basisPoints(bp, 0));
  const shown = results.objectives.filter((o) => o.level !== 'activity');
  const indent = (o: ObjectiveResult) => (o.level === 'specific' ? 16 : o.level === 'activity' ? 32 : 0);
  return (
    <ChartCard
      title={t('portfolio.results.title')} testId="results"
      chart={results.objectives.length === 0 ? <Text c="dimmed">{t('portfolio.results.none')}</Text> : (
        <BarChart
          h={Math.max(160, shown.length * 30)} orientation="vertical" data={shown.map((o) => ({ name: o.code ?? '—', progress: (o.averageProgressBp ?? 0) / 100, target: 100 }))}
          dataKey="name" yAxisProps={{ width: 60 }} xAxisProps={{ domain: [0, 100] }} valueFormatter={(v) => f.percent(v, 0)} withLegend
          series={[{ name: 'progress', label: t('portfolio.results.progress'), color: 'teal.6' }, { name: 'target', label: t('portfolio.results.target'), color: 'gray.3' }]}
        />
      )}
      table={(
        <Table striped captionSide="top" aria-label={t('portfolio.results.title')}>
          <Table.Caption>{t('portfolio.results.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('portfolio.results.objective')}</Table.Th><Table.Th ta="right">{t('portfolio.results.indicators')}</Table.Th>
              <Table.Th ta="right">{t('portfolio.results.averaged')}</Table.Th><Table.Th ta="right">{t('portfolio.results.achieved')}</Table.Th>
              <Table.Th ta="right">{t('portfolio.results.progress')}</Table.Th><Table.Th>{t('portfolio.results.behind')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {results.objectives.map((o) => (
              <Table.Tr key={o.code ?? 'none'} data-testid={`result-${o.code ?? 'none'}`}>
                <Table.Td style={{ paddingLeft: indent(o) + 8 }}>
                  {o.code ? <Anchor component="button" type="button" size="sm" onClick={() => onObjective(o.code!)}>{name(o.code)}</Anchor> : name(null)}
                </Table.Td>
                <Table.Td ta="right">{f.count(o.indicators)}</Table.Td>
                <Table.Td ta="right">{f.count(o.averaged)}</Table.Td>
                <Table.Td ta="right">{f.count(o.achieved)}</Table.Td>
                <Table.Td ta="right">{pct(o.averageProgressBp)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    {o.grantIds.slice(0, 10).map((id) => <Anchor key={id} component={Link} to={`/grants/${id}`} size="xs">{grantName(id)}</Anchor>)}
                    {o.reportIds.slice(0, 10).map((id, i) => <Anchor key={id} component={Link} to={`/reports/${id}`} size="xs">{t('portfolio.results.report', { n: f.count(i + 1) })}</Anchor>)}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    />
  );
}
