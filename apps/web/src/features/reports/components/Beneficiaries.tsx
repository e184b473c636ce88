import {
  BENEFICIARY_BREAKDOWN_KEYS, BENEFICIARY_BREAKDOWNS, beneficiaryCountProblems, type BeneficiaryBreakdown, type BeneficiaryCountProblem, type BeneficiaryTable,
} from '@grants/domain';
import { Alert, Button, Card, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { municipalityName } from '../../organization/components/MunicipalitySelect';
import { ShownCount, type ShownCountValue } from './ShownCount';

const TITLE_KEY: Record<BeneficiaryBreakdown, string> = {
  bySex: 'reports.form.bySex',
  byAge: 'reports.form.byAge',
  byIntake: 'reports.form.byIntake',
  byService: 'reports.form.byService',
  byMunicipality: 'reports.form.byMunicipality',
};

/** The words for one cell of a breakdown (age bands are figures, the same in every language). */
export function cellLabel(t: TFunction, lng: string, breakdown: BeneficiaryBreakdown, key: string): string {
  switch (breakdown) {
    case 'bySex':
      return t(`reports.form.sex.${key}`);
    case 'byAge':
      return key.replace('-', '–');
    case 'byIntake':
      return t(`reports.form.intake.${key}`);
    case 'byService':
      return t(`reports.form.service.${key}`);
    default:
      return municipalityName(key, lng);
  }
}

export function beneficiaryProblemText(t: TFunction, p: Pick<BeneficiaryCountProblem, 'code' | 'params'>, f: ReturnType<typeof useFormat>): string {
  if (p.code === 'sum_mismatch') return t('reports.problems.sum_mismatch', { sum: f.count(Number(p.params?.sum ?? 0)), total: f.count(Number(p.params?.total ?? 0)) });
  return t(`reports.problems.${p.code}`);
}

const cellOf = (table: BeneficiaryTable, b: BeneficiaryBreakdown, key: string): number | undefined => (table[b] as Record<string, number | undefined>)[key];

/**
 * The organisation's beneficiary counts: the total, then each breakdown (sex, age band, new or continuing, main
 * service, municipality). A breakdown that does not add up to the total says so beside it (libs/domain
 * beneficiaryCountProblems). Counts only; on a phone the cells stack.
 */
export function BeneficiaryForm({ table, onChange, readOnly = false }: { table: BeneficiaryTable; onChange: (next: BeneficiaryTable) => void; readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const problems = beneficiaryCountProblems(table);
  const [allMunicipalities, setAllMunicipalities] = useState(false);
  const problemOf = (field: string) => problems.find((p) => p.field === field);

  const setCell = (b: BeneficiaryBreakdown, key: string, value: number | string) => {
    const cells = { ...(table[b] as Record<string, number>) };
    const n = typeof value === 'number' ? value : value === '' ? 0 : Number(value);
    if (!Number.isFinite(n) || n === 0) delete cells[key];
    else cells[key] = n;
    onChange({ ...table, [b]: cells });
  };
  const totalProblem = problemOf('total');

  return (
    <Stack gap="md" data-testid="beneficiary-form">
      <NumberInput
        label={t('reports.form.total')}
        value={table.total}
        onChange={(v) => onChange({ ...table, total: typeof v === 'number' ? v : v === '' ? 0 : Number(v) })}
        min={0}
        allowDecimal={false}
        allowNegative={false}
        readOnly={readOnly}
        maw={260}
        error={fieldError({ message: totalProblem ? beneficiaryProblemText(t, totalProblem, f) : undefined })}
      />
      {BENEFICIARY_BREAKDOWNS.map((b) => {
        const mismatch = problems.find((p) => p.field === b && p.code === 'sum_mismatch');
        const keys = BENEFICIARY_BREAKDOWN_KEYS[b];
        const shown = b === 'byMunicipality' && !allMunicipalities ? keys.filter((k) => (cellOf(table, b, k) ?? 0) !== 0) : keys;
        const sum = keys.reduce((s, k) => s + (cellOf(table, b, k) ?? 0), 0);
        return (
          <Card key={b} withBorder padding="sm" component="fieldset" data-testid={`breakdown-${b}`} style={{ minWidth: 0 }} aria-invalid={mismatch ? true : undefined}>
            <Title order={4} size="h6" component="legend">{t(TITLE_KEY[b])}</Title>
            {mismatch ? (
              <Alert color="red" variant="light" p="xs" mb="xs" role="alert" data-testid={`breakdown-${b}-problem`}>{beneficiaryProblemText(t, mismatch, f)}</Alert>
            ) : null}
            <SimpleGrid type="container" cols={{ base: 1, '300px': 2, '560px': 3, '760px': b === 'byMunicipality' ? 4 : 3 }} spacing="xs">
              {shown.map((k) => {
                const cellProblem = problemOf(`${b}.${k}`);
                return (
                  <NumberInput
                    key={k}
                    size="sm"
                    label={cellLabel(t, i18n.language, b, k)}
                    value={cellOf(table, b, k) ?? 0}
                    onChange={(v) => setCell(b, k, v)}
                    min={0}
                    allowDecimal={false}
                    allowNegative={false}
                    readOnly={readOnly}
                    error={fieldError({ message: cellProblem ? beneficiaryProblemText(t, cellProblem, f) : undefined })}
                  />
                );
              })}
            </SimpleGrid>
            {b === 'byMunicipality' ? (
              <Button variant="subtle" size="xs" mt="xs" onClick={() => setAllMunicipalities((x) => !x)}>
                {allMunicipalities ? t('reports.form.someMunicipalities') : t('reports.form.allMunicipalities')}
              </Button>
            ) : null}
            <Text size="xs" c={mismatch ? 'red' : 'dimmed'} mt={4}>{t('reports.form.sumOf', { sum: f.count(sum), total: f.count(table.total) })}</Text>
          </Card>
        );
      })}
    </Stack>
  );
}

/** A table as the API gives it: the organisation its own counts (a cell left out is 0), anyone else every cell, a number or hidden. */
export type AnyBeneficiaryTable = { total: ShownCountValue } & { [B in BeneficiaryBreakdown]: Partial<Record<string, ShownCountValue>> };
const shownCell = (table: AnyBeneficiaryTable, b: BeneficiaryBreakdown, key: string): ShownCountValue => table[b][key] ?? 0;

/**
 * The beneficiary counts read-only: for the reporting organisation its own counts; for anyone else the table
 * the API shows them (counts from 1 to 4 as "<5", complementary cells as "c"), rendered as given.
 */
export function BeneficiaryView({ table, suppressed }: { table: AnyBeneficiaryTable; suppressed: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm" data-testid="beneficiary-view">
      <Text fw={600}>{t('reports.form.total')}: <ShownCount value={table.total} /></Text>
      {suppressed ? <Text size="xs" c="dimmed">{t('reports.form.suppressedNote')}</Text> : null}
      <SimpleGrid type="container" cols={{ base: 1, '440px': 2, '680px': 3 }} spacing="sm">
        {BENEFICIARY_BREAKDOWNS.map((b) => {
          const keys = BENEFICIARY_BREAKDOWN_KEYS[b].filter((k) => b !== 'byMunicipality' || shownCell(table, b, k) !== 0);
          return (
            <Table key={b} withTableBorder captionSide="top" data-testid={`view-${b}`} style={{ minWidth: 0 }}>
              <Table.Caption style={{ textAlign: 'left', fontWeight: 600 }}>{t(TITLE_KEY[b])}</Table.Caption>
              <Table.Tbody>
                {keys.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{cellLabel(t, i18n.language, b, k)}</Table.Td>
                    <Table.Td ta="right" data-testid={`cell-${b}-${k}`}><ShownCount value={shownCell(table, b, k)} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
