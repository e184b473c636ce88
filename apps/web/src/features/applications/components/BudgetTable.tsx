import { COST_HEADINGS, formatEuroCents, parseEuroToCents, type BudgetLine, type ComputedBudget, type CostHeadingCode } from '@grants/domain';
import { ActionIcon, Box, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmountInput } from '../../../ui/format-number';
import { useContentLanguage } from '../../calls/lang';
import { GroupProblem, useFieldProblems } from './fieldProblems';
import { fieldId, formatPercentBp } from './problems';

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
export function EuroInput({ label, cents, onCents, readOnly, id, error, 'aria-label': ariaLabel }: {
  label: string;
  cents: number;
  onCents: (c: number) => void;
  readOnly?: boolean;
  id?: string;
  /** What the server's completeness check says about this amount. */
  error?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [text, setText] = useState(() => (cents ? formatAmountInput(cents, lang) : ''));
  const parsed = text.trim() === '' ? 0 : parseEuroToCents(text);
  return (
    <TextInput
      id={id}
      label={label}
      aria-label={ariaLabel}
      value={text}
      readOnly={readOnly}
      leftSection="€"
      inputMode="decimal"
      error={parsed === null ? t('applications.budget.notAnAmount') : error}
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

/**
 * One budget line as a small form: its inputs wrap (one row on a wide screen, two or four on a narrow one, see
 * `.budget-line` in app.css) so the line total and the remove button are always in view. Every input is
 * named with its line ("Unit cost (€) – line 2: Psychologist") for a screen reader going down the list.
 */
function BudgetLineRow({ line, index, total, allowed, readOnly, onPatch, onRemove }: {
  line: BudgetLine;
  index: number;
  total: string;
  allowed: readonly CostHeadingCode[];
  readOnly?: boolean;
  onPatch: (patch: Partial<BudgetLine>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { problem } = useFieldProblems();
  const at = `budget.lines.${index}`;
  const number = t('applications.budget.lineN', { n: index + 1 });
  const description = line.description.trim();
  const named = description ? t('applications.budget.lineNamed', { n: index + 1, description }) : number;
  const name = (field: string, line: string = named) => t('applications.budget.inputName', { field, line });
  const f = (field: keyof BudgetLine) => ({ id: fieldId(`${at}.${field}`), error: problem(`${at}.${field}`) });
  return (
    <Box component="li" className="budget-line" id={fieldId(at)}>
      <Group className="budget-line__title" justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} truncate>{named}</Text>
        {!readOnly ? (
          <ActionIcon variant="subtle" color="red" aria-label={t('applications.budget.removeLineN', { line: named })} onClick={onRemove}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        ) : null}
      </Group>
      <Select
        className="budget-line__heading"
        label={t('applications.budget.heading')}
        aria-label={name(t('applications.budget.heading'))}
        data={allowed.map((h) => ({ value: h, label: t(`costHeadings.${h}`) }))}
        value={line.heading}
        readOnly={readOnly}
        onChange={(v) => v && onPatch({ heading: v as CostHeadingCode })}
        {...f('heading')}
      />
      <TextInput
        className="budget-line__description"
        label={t('applications.budget.description')}
        aria-label={name(t('applications.budget.description'), number)}
        value={line.description}
        readOnly={readOnly}
        onChange={(e) => onPatch({ description: e.currentTarget.value })}
        {...f('description')}
      />
      <TextInput
        className="budget-line__unit"
        label={t('applications.budget.unit')}
        aria-label={name(t('applications.budget.unit'))}
        value={line.unit}
        readOnly={readOnly}
        onChange={(e) => onPatch({ unit: e.currentTarget.value })}
        {...f('unit')}
      />
      <NumberInput
        className="budget-line__quantity"
        label={t('applications.budget.quantity')}
        aria-label={name(t('applications.budget.quantity'))}
        value={line.quantity}
        min={0}
        decimalScale={2}
        readOnly={readOnly}
        onChange={(v) => onPatch({ quantity: Number(v) || 0 })}
        {...f('quantity')}
      />
      <div className="budget-line__cost">
        <EuroInput
          label={t('applications.budget.unitCost')}
          aria-label={name(t('applications.budget.unitCost'))}
          cents={line.unitCostCents}
          readOnly={readOnly}
          onCents={(c) => onPatch({ unitCostCents: c })}
          {...f('unitCostCents')}
        />
      </div>
      <div className="budget-line__total">
        <Text size="sm" fw={500} component="div">{t('applications.budget.lineTotal')}</Text>
        <Text size="sm" fw={700} data-testid={`line-total-${index}`} aria-label={name(t('applications.budget.lineTotal'))}>{total}</Text>
      </div>
    </Box>
  );
}

/** Budget lines by heading. Totals are the server's (`computed`), never worked out in the browser. */
export function BudgetTable({ value, onChange, computed, headings, readOnly }: Props) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const { problem } = useFieldProblems();
  const eur = (c: number) => formatEuroCents(c, lang);
  const lines = value.lines;
  const setLine = (i: number, patch: Partial<BudgetLine>) => onChange({ ...value, lines: lines.map((l, k) => (k === i ? { ...l, ...patch } : l)) });
  const allowed = headings.length ? headings : [...COST_HEADINGS];
  return (
    <Stack gap="md">
      <GroupProblem field="budget" />
      <section aria-labelledby="budget-lines-title" className="budget-lines">
        <Title order={3} size="h5" mb="xs" id="budget-lines-title">{t('applications.budget.lines')}</Title>
        <GroupProblem field="budget.lines" />
        <ol className="budget-lines__list">
          {lines.map((l, i) => (
            <BudgetLineRow
              key={i}
              line={l}
              index={i}
              total={computed.lines[i] ? eur(computed.lines[i].totalCents) : '—'}
              allowed={allowed}
              readOnly={readOnly}
              onPatch={(patch) => setLine(i, patch)}
              onRemove={() => onChange({ ...value, lines: lines.filter((_, k) => k !== i) })}
            />
          ))}
        </ol>
      </section>
      {!readOnly ? (
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onChange({ ...value, lines: [...lines, { heading: allowed[0], description: '', unit: '', quantity: 1, unitCostCents: 0 }] })}>
            {t('applications.budget.addLine')}
          </Button>
        </Group>
      ) : null}
      <div className="budget-rates">
        <NumberInput
          label={t('applications.budget.indirectPct')}
          value={value.indirectCostBp / 100}
          min={0}
          max={100}
          decimalScale={2}
          readOnly={readOnly}
          suffix=" %"
          onChange={(v) => onChange({ ...value, indirectCostBp: Math.round((Number(v) || 0) * 100) })}
          id={fieldId('budget.indirectCostBp')}
          error={problem('budget.indirectCostBp')}
        />
        <EuroInput label={t('applications.budget.coFinancing')} cents={value.coFinancingCents} readOnly={readOnly} onCents={(c) => onChange({ ...value, coFinancingCents: c })} id={fieldId('budget.coFinancingCents')} error={problem('budget.coFinancingCents')} />
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">{t('applications.budget.totalsTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">{t('applications.budget.serverTotals')}</Text>
        <Table withTableBorder data-testid="budget-totals" className="fits-box">
          <Table.Tbody>
            {computed.headings.map((h) => {
              const over = problem(`budget.headings.${h.heading}`);
              return (
                <Table.Tr key={h.heading} id={fieldId(`budget.headings.${h.heading}`)} tabIndex={over ? -1 : undefined}>
                  <Table.Td>
                    {t(`costHeadings.${h.heading}`)}
                    {over ? <Text size="xs" c="var(--mantine-color-error)">{over}</Text> : null}
                  </Table.Td>
                  <Table.Td ta="right">{eur(h.totalCents)}</Table.Td>
                </Table.Tr>
              );
            })}
            <Table.Tr><Table.Th>{t('applications.budget.direct')}</Table.Th><Table.Td ta="right">{eur(computed.directCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.indirect')}</Table.Th><Table.Td ta="right">{eur(computed.indirectCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.total')}</Table.Th><Table.Td ta="right" fw={700}>{eur(computed.totalCents)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('applications.budget.coFinancing')}</Table.Th><Table.Td ta="right">{eur(computed.coFinancingCents)} ({formatPercentBp(computed.coFinancingBp, lang)})</Table.Td></Table.Tr>
            <Table.Tr id={fieldId('budget.requestedCents')} tabIndex={problem('budget.requestedCents') ? -1 : undefined}>
              <Table.Th>
                {t('applications.budget.requested')}
                {problem('budget.requestedCents') ? <Text size="xs" fw={400} c="var(--mantine-color-error)">{problem('budget.requestedCents')}</Text> : null}
              </Table.Th>
              <Table.Td ta="right" fw={700} data-testid="requested">{eur(computed.requestedCents)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
