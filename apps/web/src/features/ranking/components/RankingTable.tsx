import { formatEuroCents, type EvaluationGrid } from '@grants/domain';
import { ActionIcon, Badge, Box, Paper, SimpleGrid, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAdjustmentsDollar } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';
import { formatPoints } from '../format';
import { fundingLineAfter } from '../funding';
import type { SnapshotRow } from '../types';

/** A row of the ranking, live (with its sheet counts) or as the decision froze it. */
export type TableRow = SnapshotRow;

/** Keeps a badge whole in a table that shrinks its columns (Mantine's badge label would be cut with an ellipsis). */
export function NoShrink({ children }: { children: ReactNode }) {
  return <Box component="span" display="inline-block" miw="max-content">{children}</Box>;
}

const OUTCOME_COLORS = { awarded: 'green', reserve: 'yellow', rejected: 'red', pending: 'gray' } as const;

/** "Awarded", "Reserve 2", "Rejected", "Pending": the outcome of a row, with its place on the reserve list. */
export function outcomeLabel(t: TFunction, row: Pick<TableRow, 'outcome' | 'reservePlace'>): string {
  return row.outcome === 'reserve' && row.reservePlace ? t('ranking.outcome.reservePlace', { place: row.reservePlace }) : t(`ranking.outcome.${row.outcome}`);
}

function OutcomeCell({ row, grid }: { row: TableRow; grid: EvaluationGrid }) {
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const sectionTitle = (id: string | null) => {
    const s = id ? grid.sections.find((x) => x.id === id) : undefined;
    return s ? pick(s.title) || s.id : (id ?? '');
  };
  return (
    <Stack gap={2}>
      <NoShrink><Badge color={OUTCOME_COLORS[row.outcome]} variant="light" tt="none">{outcomeLabel(t, row)}</Badge></NoShrink>
      {row.outcome === 'rejected' && row.reason ? <Text size="xs" c="red.8">{t(`ranking.reason.${row.reason}`)}</Text> : null}
      {row.failures.map((f, i) => (
        <Text key={i} size="xs" c="dimmed">
          {f.scope === 'total'
            ? t('ranking.failure.total', { points: formatPoints(f.points, i18n.language), threshold: formatPoints(f.thresholdPoints, i18n.language) })
            : t('ranking.failure.section', { section: sectionTitle(f.sectionId), points: formatPoints(f.points, i18n.language), threshold: formatPoints(f.thresholdPoints, i18n.language) })}
        </Text>
      ))}
      {row.outcome === 'pending' && row.required !== undefined ? (
        <Text size="xs" c="dimmed">{t('ranking.outcome.sheets', { sheets: row.sheets ?? 0, required: row.required })}</Text>
      ) : null}
    </Stack>
  );
}

/** Why a row sits below one with the same total. */
export function TieNote({ row, grid, tieBreakSectionId }: { row: TableRow; grid: EvaluationGrid; tieBreakSectionId: string | null }) {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  if (!row.tieBrokenBy || row.tieBrokenBy === 'total') return null;
  const s = grid.sections.find((x) => x.id === tieBreakSectionId);
  return (
    <Text size="xs" c="dimmed" data-testid={`tie-${row.applicationId}`}>
      {row.tieBrokenBy === 'section'
        ? t('ranking.tie.section', { section: s ? pick(s.title) || s.id : tieBreakSectionId })
        : t(`ranking.tie.${row.tieBrokenBy}`)}
    </Text>
  );
}

type Props = {
  rows: TableRow[];
  grid: EvaluationGrid;
  envelopeCents: number;
  tieBreakSectionId: string | null;
  /** The committee may lower an awarded amount: offered on awarded rows when given. */
  onAdjust?: (row: TableRow) => void;
};

/** Up to this many sections the headers carry the sections' titles; with more, their numbers and a legend below. */
export const FULL_SECTION_HEADERS = 3;

/**
 * The ranking: scores per section, amounts, outcomes, and the funding line where the envelope ends. Made to fit
 * the main column of a 1366 px window (1074 px) with the EU grid's five sections: the reference and the
 * organisation share a column, the outcome carries its notes (threshold failures, sheets, the tie-break), the
 * adjustment is an icon button, and with more than three sections their headers are numbers named in a legend.
 * The amounts and the actions are never cut off; a narrower window (a phone) scrolls the table in its box.
 */
export function RankingTable({ rows, grid, envelopeCents, tieBreakSectionId, onAdjust }: Props) {
  const { t, i18n } = useTranslation();
  const { lang, pick } = useContentLanguage();
  const eur = (c: number) => formatEuroCents(c, lang);
  const line = fundingLineAfter(rows);
  const compact = grid.sections.length > FULL_SECTION_HEADERS;
  const columns = 6 + grid.sections.length + (onAdjust ? 1 : 0);
  const sectionTitle = (s: EvaluationGrid['sections'][number]) => pick(s.title) || s.id;
  const fundingLine = (
    <Table.Tr data-testid="funding-line" aria-label={t('ranking.fundingLine', { amount: eur(envelopeCents) })}>
      <Table.Td colSpan={columns} p={0} style={{ borderTop: '3px dashed var(--mantine-color-green-7)', borderBottom: '3px dashed var(--mantine-color-green-7)' }}>
        <Text size="xs" fw={700} c="dark.7" ta="center" py={4}>{t('ranking.fundingLine', { amount: eur(envelopeCents) })}</Text>
      </Table.Td>
    </Table.Tr>
  );
  if (rows.length === 0) return <Text c="dimmed">{t('ranking.table.none')}</Text>;
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover horizontalSpacing="xs" aria-label={t('ranking.table.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('ranking.table.rank')}</Table.Th>
              <Table.Th>{t('ranking.table.application')}</Table.Th>
              <Table.Th ta="right">{t('ranking.table.total')}</Table.Th>
              {grid.sections.map((s, i) =>
                compact ? (
                  <Table.Th key={s.id} ta="right" title={sectionTitle(s)} data-testid={`section-header-${s.id}`}>
                    <span aria-hidden>{i + 1}</span>
                    <VisuallyHidden>{sectionTitle(s)}</VisuallyHidden>
                  </Table.Th>
                ) : (
                  <Table.Th key={s.id} ta="right" fz="xs" maw={120}>{sectionTitle(s)}</Table.Th>
                ),
              )}
              <Table.Th ta="right">{t('ranking.table.requested')}</Table.Th>
              <Table.Th ta="right">{t('ranking.table.awarded')}</Table.Th>
              <Table.Th>{t('ranking.table.outcome')}</Table.Th>
              {onAdjust ? <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {line === -1 ? fundingLine : null}
            {rows.map((r, i) => (
              <Fragment key={r.applicationId}>
                <Table.Tr data-testid={`row-${r.reference}`}>
                  <Table.Td ta="right" fw={700}>{r.rank ?? '—'}</Table.Td>
                  <Table.Td miw={150}>
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{r.reference}</Text>
                    <Text size="xs" c="dimmed" data-testid={`organization-${r.reference}`}>{r.organizationName}</Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={700}>{formatPoints(r.points?.total, i18n.language)}</Table.Td>
                  {grid.sections.map((s) => <Table.Td key={s.id} ta="right">{formatPoints(r.points?.sections[s.id], i18n.language)}</Table.Td>)}
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{eur(r.requestedCents)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {r.outcome === 'awarded' ? eur(r.awardedCents) : '—'}
                    {r.adjustment ? (
                      <Text size="xs" c="var(--mantine-color-orange-light-color)" maw={160} ml="auto" style={{ whiteSpace: 'normal' }} data-testid={`adjusted-${r.reference}`}>
                        {t('ranking.adjust.adjusted', { reason: r.adjustment.reason })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td miw={140}>
                    <OutcomeCell row={r} grid={grid} />
                    <TieNote row={r} grid={grid} tieBreakSectionId={tieBreakSectionId} />
                  </Table.Td>
                  {onAdjust ? (
                    <Table.Td>
                      {r.outcome === 'awarded' ? (
                        <Tooltip label={t('ranking.adjust.button')}>
                          <ActionIcon variant="subtle" aria-label={t('ranking.adjust.label', { reference: r.reference })} onClick={() => onAdjust(r)}>
                            <IconAdjustmentsDollar size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
                {line === i ? fundingLine : null}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {compact ? (
        <Text size="xs" c="dimmed" data-testid="section-legend">
          {t('ranking.table.sections')}{' '}
          {grid.sections.map((s, i) => (
            <Fragment key={s.id}>
              {i > 0 ? ' · ' : null}
              <Text span size="xs" fw={700} c="dark.6">{i + 1}</Text> {sectionTitle(s)}
            </Fragment>
          ))}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Envelope, awarded, remaining, and (before the decision) how many applications are still pending. */
export function RankingTotals({ envelopeCents, awardedCents, remainingCents, pending }: { envelopeCents: number; awardedCents: number; remainingCents: number; pending?: number }) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const items = [
    { key: 'envelope', label: t('ranking.totals.envelope'), value: formatEuroCents(envelopeCents, lang) },
    { key: 'awarded', label: t('ranking.totals.awarded'), value: formatEuroCents(awardedCents, lang) },
    { key: 'remaining', label: t('ranking.totals.remaining'), value: formatEuroCents(remainingCents, lang) },
    ...(pending === undefined ? [] : [{ key: 'pending', label: t('ranking.totals.pending'), value: String(pending) }]),
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: items.length }} spacing="sm">
      {items.map((x) => (
        <Paper key={x.key} withBorder p="sm" data-testid={`total-${x.key}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{x.label}</Text>
          <Text fw={700} size="lg">{x.value}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
