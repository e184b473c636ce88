import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useFormat } from '../../../ui/format-number';
import type { ExpenditureLineView, ExpenditureProblem } from './ExpenditureApi';

type Format = ReturnType<typeof useFormat>;

/** One problem of a report in the reader's language, its amounts formatted (grants.expenditure.problems.<code>). */
export function expenditureProblemText(t: TFunction, f: Format, p: Pick<ExpenditureProblem, 'code' | 'params'>): string {
  const n = (k: string) => (typeof p.params?.[k] === 'number' ? f.money(p.params[k] as number) : '');
  return t(`grants.expenditure.problems.${p.code}`, { approved: n('approvedCents'), cumulative: n('cumulativeCents'), over: n('overCents'), before: n('spentBeforeCents'), date: typeof p.params?.periodStart === 'string' ? f.date(p.params.periodStart) : '', defaultValue: t('grants.expenditure.problems.other') });
}

/** The index of the report line a problem's field names (`lines.3.spentCents` → 3), or null. */
export function problemLine(field: string): number | null {
  const m = /^lines\.(\d+)\./.exec(field);
  return m ? Number(m[1]) : null;
}

export type ExpenditureRow = Pick<ExpenditureLineView, 'lineId' | 'heading' | 'description' | 'approvedCents' | 'spentBeforeCents' | 'spentInPeriodCents' | 'cumulativeCents' | 'remainingCents' | 'varianceBp' | 'overspent'>;
export type ExpenditureTotals = { approvedCents: number; spentBeforeCents: number; spentInPeriodCents: number; cumulativeCents: number; remainingCents: number; varianceBp: number | null };

/**
 * Budget against spending, a row per approved line: approved, spent before (accepted reports of earlier periods),
 * spent in the period, cumulative, remaining and variance in % ("—" while nothing is spent); a cell for the period's amount may be an input
 * (the organisation's form), and an extra column may carry comments (the review) or problems.
 */
export function ExpenditureTable({
  rows, totals, label, spentCell, extra, rowNote, totalLabel,
}: {
  rows: readonly ExpenditureRow[];
  totals: ExpenditureTotals;
  label: string;
  spentCell?: (row: ExpenditureRow, index: number) => ReactNode;
  extra?: { header: string; cell: (row: ExpenditureRow, index: number) => ReactNode };
  rowNote?: (row: ExpenditureRow, index: number) => ReactNode;
  /** The label of the totals row (the grant page says these are the direct costs). */
  totalLabel?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  // nothing spent yet: no variance to read (not "-100 %")
  const pct = (bp: number | null, cumulativeCents: number) => (bp === null || cumulativeCents === 0 ? '—' : `${bp > 0 ? '+' : ''}${f.basisPoints(bp)}`);
  const heads = [
    t('grants.expenditure.line'), t('grants.expenditure.approved'), t('grants.expenditure.spentBefore'), t('grants.expenditure.spentInPeriod'),
    t('grants.expenditure.cumulative'), t('grants.expenditure.remaining'), t('grants.expenditure.variance'),
  ];
  return (
    <Table.ScrollContainer minWidth={720} className="table-stack">
      <Table striped aria-label={label} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {heads.map((h, i) => <Table.Th key={h} ta={i === 0 ? undefined : 'right'}>{h}</Table.Th>)}
            {extra ? <Table.Th>{extra.header}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.lineId} data-testid={`expenditure-line-${r.lineId}`}>
              <Table.Td data-label={heads[0]}>
                <Text size="sm" fw={500}>{r.description || r.lineId}</Text>
                <Text size="xs" c="dimmed">{`${r.lineId} · ${t(`costHeadings.${r.heading}`, { defaultValue: r.heading })}`}</Text>
                {rowNote?.(r, i)}
              </Table.Td>
              <Table.Td data-label={heads[1]} ta="right">{f.money(r.approvedCents)}</Table.Td>
              <Table.Td data-label={heads[2]} ta="right">{f.money(r.spentBeforeCents)}</Table.Td>
              <Table.Td data-label={heads[3]} ta="right">{spentCell ? spentCell(r, i) : f.money(r.spentInPeriodCents)}</Table.Td>
              <Table.Td data-label={heads[4]} ta="right">{f.money(r.cumulativeCents)}</Table.Td>
              <Table.Td data-label={heads[5]} ta="right" c={r.overspent ? 'red' : undefined}>{f.money(r.remainingCents)}</Table.Td>
              <Table.Td data-label={heads[6]} ta="right">{pct(r.varianceBp, r.cumulativeCents)}</Table.Td>
              {extra ? <Table.Td data-label={extra.header}>{extra.cell(r, i)}</Table.Td> : null}
            </Table.Tr>
          ))}
          <Table.Tr fw={600} data-testid="expenditure-totals" style={{ whiteSpace: 'nowrap' }}>
            <Table.Td data-label={heads[0]}>{totalLabel ?? t('grants.expenditure.total')}</Table.Td>
            <Table.Td data-label={heads[1]} ta="right">{f.money(totals.approvedCents)}</Table.Td>
            <Table.Td data-label={heads[2]} ta="right">{f.money(totals.spentBeforeCents)}</Table.Td>
            <Table.Td data-label={heads[3]} ta="right">{f.money(totals.spentInPeriodCents)}</Table.Td>
            <Table.Td data-label={heads[4]} ta="right">{f.money(totals.cumulativeCents)}</Table.Td>
            <Table.Td data-label={heads[5]} ta="right">{f.money(totals.remainingCents)}</Table.Td>
            <Table.Td data-label={heads[6]} ta="right">{pct(totals.varianceBp, totals.cumulativeCents)}</Table.Td>
            {extra ? <Table.Td /> : null}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
