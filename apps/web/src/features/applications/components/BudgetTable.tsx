import { COST_HEADINGS, formatEuroCents, parseEuroToCents, type BudgetLine, type ComputedBudget, type CostHeadingCode } from '@grants/domain';
import { ActionIcon, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';

type BudgetSection = { lines: BudgetLine[]; coFinancingCents: number; indirectCostBp: number };
type Props = {
  value: BudgetSection;
  onChange: (next: BudgetSection) => void;
  /** The server's computation from the last save: the only totals shown. */
  computed: ComputedBudget;
  headings: CostHeadingCode[];
  readOnly?: boolean;
};

/** An amount typed in euros; kept as text while typing, stored as cents when it reads as money. */
export function EuroInput({ label, cents, onCents, readOnly }: { label: string; cents: number; onCents: (c: number) => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [text, setText] = useState(() => (cents ? (cents / 100).toFixed(2) : ''));
  const parsed = text.trim() === '' ? 0 : parseEuroToCents(text);
  return (
    <TextInput
      label={label}
      value={text}
      readOnly={readOnly}
      leftSection="€"
      inputMode="decimal"
      error={parsed === null ? t('applications.budget.notAnAmount') : undefined}
      description={parsed !== null && text.trim() ? formatEuroCents(parsed, lang) : undefined}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        const c = v.trim() === '' ? 0 : parseEuroToCents(v);
        if (c !== null) onCents(c);
      }}
    />
  );
}

/** Budget lines by heading. Totals are the server's (`computed`), never worked out in the browser. */
export function BudgetTable({ value, onChange, computed, headings, readOnly }: Props) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const eur = (c: number) => formatEuroCents(c, lang);
  const lines = value.lines;
  const setLine = (i: number, patch: Partial<BudgetLine>) => onChange({ ...value, lines: lines.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const allowed = headings.length ? headings : [...COST_HEADINGS];
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={800}>
        <Table withTableBorder aria-label={t('applications.budget.lines')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications.budget.heading')}</Table.Th>
              <Table.Th>{t('applications.budget.description')}</Table.Th>
              <Table.Th>{t('applications.budget.unit')}</Table.Th>
              <Table.Th>{t('applications.budget.quantity')}</Table.Th>
              <Table.Th>{t('applications.budget.unitCost')}</Table.Th>
              <Table.Th ta="right">{t('applications.budget.lineTotal')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td miw={160}>
                  <Select
                    aria-label={t('applications.budget.heading')}
                    data={allowed.map((h) => ({ value: h, label: t(`costHeadings.${h}`) }))}
                    value={l.heading}
                    readOnly={readOnly}
                    onChange={(v) => v && setLine(i, { heading: v as CostHeadingCode })}
                  />
                </Table.Td>
                <Table.Td miw={200}><TextInput aria-label={t('applications.budget.description')} value={l.description} readOnly={readOnly} onChange={(e) => setLine(i, { description: e.currentTarget.value })} /></Table.Td>
                <Table.Td miw={100}><TextInput aria-label={t('applications.budget.unit')} value={l.unit} readOnly={readOnly} onChange={(e) => setLine(i, { unit: e.currentTarget.value })} /></Table.Td>
                <Table.Td miw={90}><NumberInput aria-label={t('applications.budget.quantity')} value={l.quantity} min={0} decimalScale={2} readOnly={readOnly} onChange={(v) => setLine(i, { quantity: Number(v) || 0 })} /></Table.Td>
                <Table.Td miw={130}><EuroInput label="" cents={l.unitCostCents} readOnly={readOnly} onCents={(c) => setLine(i, { unitCostCents: c })} /></Table.Td>
                <Table.Td ta="right" data-testid={`line-total-${i}`}>{computed.lines[i] ? eur(computed.lines[i].totalCents) : '—'}</Table.Td>
                <Table.Td>
                  {!readOnly ? (
                    <ActionIcon variant="subtle" color="red" aria-label={t('applications.budget.removeLine')} onClick={() => onChange({ ...value, lines: lines.filter((_, k) => k !== i) })}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly ? (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onChange({ ...value, lines: [...lines, { heading: allowed[0], description: '', unit: '', quantity: 1, unitCostCents: 0 }] })}>
            {t('applications.budget.addLine')}
          </Button>
        </Group>
      ) : null}
      <Group grow align="flex-start">
        <NumberInput
          label={t('applications.budget.indirectPct')}
          value={value.indirectCostBp / 100}
          min={0}
          max={100}
          decimalScale={2}
          readOnly={readOnly}
          suffix=" %"
          onChange={(v) => onChange({ ...value, indirectCostBp: Math.round((Number(v) || 0) * 100) })}
        />
        <EuroInput label={t('applications.budget.coFinancing')} cents={value.coFinancingCents} readOnly={readOnly} onCents={(c) => onChange({ ...value, coFinancingCents: c })} />
      </Group>
      <div>
        <Title order={3} size="h5" mb="xs">{t('applications.budget.totalsTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">{t('applications.budget.serverTotals')}</Text>
        <Table withTableBorder data-testid="budget-totals">
          <Table.Tbody>
            {computed.headings.map((h) => (
              <Table.Tr key={h.heading}><Table.Td>{t(`costHeadings.${h.heading}`)}</Table.Td><Table.Td ta="right">{eur(h.totalCents)}</Table.Td></Table.Tr>
            ))}
            <Table.Tr><Table.Th>{t('applications.budget.direct')}</Table.Th><Table.Td ta="right">{eur(computed.directCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.indirect')}</Table.Th><Table.Td ta="right">{eur(computed.indirectCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.total')}</Table.Th><Table.Td ta="right" fw={700}>{eur(computed.totalCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.coFinancing')}</Table.Th><Table.Td ta="right">{eur(computed.coFinancingCents)} ({(computed.coFinancingBp / 100).toFixed(2)} %)</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.requested')}</Table.Th><Table.Td ta="right" fw={700} data-testid="requested">{eur(computed.requestedCents)}</Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
