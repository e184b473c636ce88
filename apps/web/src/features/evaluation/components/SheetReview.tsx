import { gridMaxPoints, sectionMaxPoints, sheetTotals, type EvaluationGrid, type SheetComments, type SheetScores } from '@grants/domain';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';
import { usePoints } from '../format';
import type { OtherSheet } from '../types';

type Props = {
  grid: EvaluationGrid;
  mine: { scores: SheetScores; comments: SheetComments };
  /** The other evaluators' submitted sheets, labelled A, B… (never named). */
  others: OtherSheet[];
};

/** A submitted sheet, read-only, next to the other evaluators' submitted sheets. */
export function SheetReview({ grid, mine, others }: Props) {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const points = usePoints();
  const sheets = [
    { key: 'mine', label: t('evaluation.review.mine'), scores: mine.scores, comments: mine.comments },
    ...others.map((o) => ({ key: o.label, label: t('evaluation.review.evaluator', { label: o.label }), scores: o.scores, comments: o.comments })),
  ];
  const totals = sheets.map((s) => sheetTotals(grid, s.scores));
  return (
    <Stack gap="md" data-testid="sheet-review">
      {others.length === 0 ? <Text size="sm" c="dimmed">{t('evaluation.review.noOthers')}</Text> : null}
      {grid.sections.map((section) => (
        <Card key={section.id} withBorder padding="md" component="section" aria-labelledby={`review-${section.id}`}>
          <Title order={3} size="h5" mb="sm" id={`review-${section.id}`}>{pick(section.title)}</Title>
          <Table.ScrollContainer minWidth={420}>
            <Table withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('evaluation.review.criterion')}</Table.Th>
                  <Table.Th ta="right">{t('evaluation.review.max')}</Table.Th>
                  {sheets.map((s) => <Table.Th key={s.key} ta="right">{s.label}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {section.criteria.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td><Text span size="sm" ff="monospace" c="dimmed">{c.id}</Text> <Text span size="sm">{pick(c.title)}</Text></Table.Td>
                    <Table.Td ta="right">{points(c.maxPoints)}</Table.Td>
                    {sheets.map((s) => <Table.Td key={s.key} ta="right">{points(s.scores[c.id])}</Table.Td>)}
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Td>{t('evaluation.review.subtotal')}</Table.Td>
                  <Table.Td ta="right">{points(sectionMaxPoints(section))}</Table.Td>
                  {sheets.map((s, i) => <Table.Td key={s.key} ta="right" data-testid={`review-subtotal-${section.id}-${s.key}`}>{points(totals[i].sections[section.id])}</Table.Td>)}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="xs" mt="sm">
            {sheets.map((s) => (
              <div key={s.key}>
                <Text size="sm" fw={600}>{s.label}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{s.comments[section.id] || '—'}</Text>
              </div>
            ))}
          </Stack>
        </Card>
      ))}
      <Card withBorder padding="md">
        <Table>
          <Table.Tbody>
            <Table.Tr fw={700}>
              <Table.Td>{t('evaluation.review.total')}</Table.Td>
              <Table.Td ta="right">{points(gridMaxPoints(grid))}</Table.Td>
              {sheets.map((s, i) => (
                <Table.Td key={s.key} ta="right" data-testid={`review-total-${s.key}`}>
                  <Text span size="xs" c="dimmed" fw={400}>{s.label}: </Text>{points(totals[i].total)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
