import {
  completeReallocationLines, grantAmendmentOutcome, grantAmendmentProblems, parseEuroToCents,
  type GrantAmendmentChange, type GrantAmendmentKind, type GrantLogframe, type GrantVersion, type ReallocationClass, type ReallocationResult,
} from '@grants/domain';
import { Alert, Badge, Button, FileInput, Group, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatAmountInput, useFormat } from '../../../ui/format-number';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { NsObjectiveField } from '../../applications/components/NsObjectiveField';
import { grantsApi } from '../api';
import type { Grant } from '../types';
import { amendmentsApi, type AmendmentContext, type AmendmentRequestBody } from './AmendmentApi';

export const CLASS_COLORS: Record<ReallocationClass, string> = { unchanged: 'gray', notice: 'green', amendment_required: 'orange', refused: 'red' };
const KINDS: GrantAmendmentKind[] = ['budget_reallocation', 'no_cost_extension', 'logframe_change', 'bank_account_change'];

/** The amounts typed per line (text in the reader's decimal mark), read back as cents; null where a box does not read as an amount. */
function centsOf(text: string): number | null {
  return text.trim() === '' ? null : parseEuroToCents(text);
}

/**
 * The live classification of a proposed budget, per heading, as the API will judge it (libs/domain
 * classifyReallocation through grantAmendmentProblems): notice, needs approval or refused, and why.
 */
export function ReallocationClassification({ result }: { result: ReallocationResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={4} data-testid="reallocation-classification">
      <Group gap="xs">
        <Text size="sm" fw={600}>{t('grants.amendmentForm.outcome')}</Text>
        <Badge color={CLASS_COLORS[result.classification]} variant="light" tt="none" data-testid="reallocation-outcome">{t(`grants.amendmentForm.class.${result.classification}`)}</Badge>
      </Group>
      <Table.ScrollContainer minWidth={320}>
        <Table fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grants.budget.heading')}</Table.Th>
              <Table.Th ta="right">{t('grants.amendmentForm.original')}</Table.Th>
              <Table.Th ta="right">{t('grants.amendmentForm.proposed')}</Table.Th>
              <Table.Th ta="right">{t('grants.amendmentForm.change')}</Table.Th>
              <Table.Th>{t('grants.amendmentForm.verdict')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.headings.map((h) => (
              <Table.Tr key={h.heading} data-testid={`heading-${h.heading}`}>
                <Table.Td>{h.heading === 'indirect' ? t('applications.budget.indirect') : t(`costHeadings.${h.heading}`)}</Table.Td>
                <Table.Td ta="right">{f.money(h.originalCents)}</Table.Td>
                <Table.Td ta="right">{f.money(h.proposedCents)}</Table.Td>
                <Table.Td ta="right">{h.changeBp === null ? '—' : f.basisPoints(h.changeBp)}</Table.Td>
                <Table.Td>
                  <Badge color={CLASS_COLORS[h.classification]} variant="light" tt="none" size="sm">{t(`grants.amendmentForm.class.${h.classification}`)}</Badge>
                  {h.reasons.filter((r) => r !== 'within_limit').map((r) => (
                    <Text key={r} size="xs" c="dimmed">{t(`grants.amendmentForm.reason.${r}`, { limit: f.money(h.limitCents) })}</Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {result.reasons.map((r) => (
        <Text key={r.code} size="sm" c={r.classification === 'refused' ? 'red' : 'orange'} data-testid={`total-reason-${r.code}`}>
          {t(`grants.amendmentForm.reason.${r.code}`, {
            awarded: f.money(r.params.awardedCents ?? 0), proposed: f.money(r.params.proposedCents ?? 0), current: f.money(r.params.currentCents ?? 0),
            cap: f.basisPoints(r.params.capBp ?? 0),
          })}
        </Text>
      ))}
    </Stack>
  );
}

type Props = { grant: Grant; context: AmendmentContext; onDone: (g?: Grant) => void; onCancel: () => void };

/**
 * The organisation's amendment request, per kind, with its justification: a budget reallocation (each line's new
 * amount, the classification per heading shown as one types), a no-cost extension (the new end date), a logframe
 * change (the objectives' and results' texts) or a bank-account change (IBAN, holder, the bank's letter).
 */
export function AmendmentForm({ grant, context, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const latest = context.latest as unknown as GrantVersion;
  const [kind, setKind] = useState<GrantAmendmentKind>('budget_reallocation');
  const [justification, setJustification] = useState('');
  const [amounts, setAmounts] = useState<Record<string, string>>(() => Object.fromEntries(latest.budgetLines.map((l) => [l.lineId, formatAmountInput(l.approvedCents, i18n.language)])));
  const [indirect, setIndirect] = useState(() => formatAmountInput(latest.indirectCents, i18n.language));
  const [endDate, setEndDate] = useState('');
  const [logframe, setLogframe] = useState<GrantLogframe>(() => JSON.parse(JSON.stringify(latest.logframe)) as GrantLogframe);
  const [iban, setIban] = useState('');
  const [holder, setHolder] = useState('');
  const [letter, setLetter] = useState<File | null>(null);
  const [tried, setTried] = useState(false);

  const change: GrantAmendmentChange = useMemo(() => {
    switch (kind) {
      case 'budget_reallocation':
        return {
          kind,
          budgetLines: completeReallocationLines(latest.budgetLines, latest.budgetLines.map((l) => ({ ...l, approvedCents: centsOf(amounts[l.lineId] ?? '') ?? Number.NaN }))),
          indirectCents: centsOf(indirect) ?? Number.NaN,
        };
      case 'no_cost_extension':
        return { kind, endDate };
      case 'logframe_change':
        return { kind, logframe };
      case 'bank_account_change':
        return { kind, iban, holder: holder.trim() || null, bankLetterFileId: letter ? 'to-upload' : '' };
    }
  }, [kind, latest, amounts, indirect, endDate, logframe, iban, holder, letter]);

  const check = useMemo(() => grantAmendmentProblems(change, justification, {
    grantStatus: context.grantStatus, latest, pendingKinds: context.pendingKinds, reallocationRules: context.rules as never,
    originalBudget: context.originalBudget, currentBudget: context.currentBudget, spentByHeading: context.spentByHeading,
    maxDurationMonths: context.maxDurationMonths, coFinancingCents: context.awardedCents - latest.amountCents,
    priorityObjectives: context.priorityObjectives,
  }), [change, justification, context, latest]);
  const outcome = grantAmendmentOutcome(kind, check.reallocation);
  const problem = (field: string) => {
    const p = check.problems.find((x) => x.field === field);
    return tried && p ? t(`grants.amendmentForm.problem.${p.code}`, { defaultValue: t('errors.required'), ...p.params }) : undefined;
  };

  const send = useMutation({
    mutationFn: async () => {
      const body: AmendmentRequestBody = { kind, justification: justification.trim() };
      if (change.kind === 'budget_reallocation') Object.assign(body, { budgetLines: change.budgetLines, indirectCents: change.indirectCents });
      if (change.kind === 'no_cost_extension') body.endDate = endDate;
      if (change.kind === 'logframe_change') body.logframe = logframe as never;
      if (change.kind === 'bank_account_change') {
        const uploaded = letter ? await grantsApi.uploadDocument(grant.id, letter) : null;
        Object.assign(body, { iban: iban.trim(), ...(holder.trim() ? { holder: holder.trim() } : {}), ...(uploaded ? { bankLetterFileId: uploaded.id } : {}) });
      }
      return amendmentsApi.request(grant.id, body);
    },
    onSuccess: (g) => onDone(g),
  });

  const setText = (path: (lf: GrantLogframe, v: string) => void) => (v: string) => setLogframe((lf) => {
    const next = JSON.parse(JSON.stringify(lf)) as GrantLogframe;
    path(next, v);
    return next;
  });

  return (
    <Paper withBorder p="md" data-testid="amendment-form">
      <Stack gap="sm">
        <Title order={3} size="h5">{t('grants.amendmentForm.title')}</Title>
        <SegmentedControl
          value={kind}
          onChange={(v) => { setKind(v as GrantAmendmentKind); setTried(false); }}
          data={KINDS.map((k) => ({ value: k, label: t(`grants.amendmentKind.${k}`) }))}
          fullWidth
          orientation={typeof window !== 'undefined' && window.innerWidth < 600 ? 'vertical' : 'horizontal'}
        />
        {kind === 'budget_reallocation' ? (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">{t('grants.amendmentForm.reallocationHint', { limit: f.basisPoints(context.rules.reallocationWithoutAmendmentBp), cap: f.basisPoints(context.rules.indirectCostCapBp) })}</Text>
            {latest.budgetLines.map((l, i) => (
              <Group key={l.lineId} gap="sm" align="flex-end" wrap="wrap">
                <Text size="sm" style={{ flex: '2 1 200px' }}>{t(`costHeadings.${l.heading}`)} — {l.description} ({f.money(l.approvedCents)})</Text>
                <TextInput
                  label={t('grants.amendmentForm.newAmount')}
                  aria-label={`${t('grants.amendmentForm.newAmount')} ${l.description}`}
                  value={amounts[l.lineId] ?? ''}
                  onChange={(e) => { const v = e.currentTarget.value; setAmounts((a) => ({ ...a, [l.lineId]: v })); }}
                  rightSection="€"
                  inputMode="decimal"
                  error={problem(`budgetLines.${i}.approvedCents`)}
                  style={{ flex: '1 1 140px' }}
                />
              </Group>
            ))}
            <TextInput
              label={t('grants.amendmentForm.indirect')}
              value={indirect}
              onChange={(e) => setIndirect(e.currentTarget.value)}
              rightSection="€"
              inputMode="decimal"
              error={problem('indirectCents')}
              maw={260}
            />
            {check.reallocation ? <ReallocationClassification result={check.reallocation} /> : null}
          </Stack>
        ) : null}
        {kind === 'no_cost_extension' ? (
          <DateField
            label={t('grants.amendmentForm.endDate')}
            description={t('grants.amendmentForm.endDateHint', { date: f.date(latest.endDate) })}
            value={endDate}
            onChange={setEndDate}
            required
            error={problem('endDate')}
            maw={260}
          />
        ) : null}
        {kind === 'logframe_change' ? (
          <Stack gap="xs">
            <Textarea label={t('grants.amendmentForm.overallObjective')} autosize minRows={1} value={logframe.overallObjective} onChange={(e) => setText((lf, v) => { lf.overallObjective = v; })(e.currentTarget.value)} error={problem('logframe.overallObjective')} />
            {logframe.specificObjectives.map((so, i) => (
              <Stack key={i} gap={4} pl="sm">
                <Textarea label={t('grants.amendmentForm.specificObjective', { n: i + 1 })} autosize minRows={1} value={so.text} onChange={(e) => setText((lf, v) => { lf.specificObjectives[i]!.text = v; })(e.currentTarget.value)} error={problem(`logframe.so.${i + 1}`)} />
                <NsObjectiveField
                  value={so.nsObjective}
                  priorities={context.priorityObjectives}
                  error={problem(`logframe.so.${i + 1}.nsObjective`)}
                  onChange={(code) => setLogframe((lf) => { const next = JSON.parse(JSON.stringify(lf)) as GrantLogframe; next.specificObjectives[i]!.nsObjective = code; return next; })}
                />
                {so.results.map((r, j) => (
                  <Textarea key={j} ml="md" label={t('grants.amendmentForm.result', { n: `${i + 1}.${j + 1}` })} autosize minRows={1} value={r.text} onChange={(e) => setText((lf, v) => { lf.specificObjectives[i]!.results[j]!.text = v; })(e.currentTarget.value)} error={problem(`logframe.so.${i + 1}.result.${j + 1}`)} />
                ))}
              </Stack>
            ))}
            {problem('logframe') ? <Text size="sm" c="red">{problem('logframe')}</Text> : null}
          </Stack>
        ) : null}
        {kind === 'bank_account_change' ? (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput label={t('grants.amendmentForm.iban')} value={iban} onChange={(e) => setIban(e.currentTarget.value)} required error={problem('iban')} style={{ flex: '2 1 240px' }} />
            <TextInput label={t('grants.amendmentForm.holder')} value={holder} onChange={(e) => setHolder(e.currentTarget.value)} style={{ flex: '1 1 180px' }} />
            <FileInput label={t('grants.amendmentForm.bankLetter')} description={t('grants.amendmentForm.bankLetterHint')} value={letter} onChange={setLetter} clearable required error={problem('bankLetterFileId')} style={{ flex: '1 1 240px' }} />
          </Group>
        ) : null}
        <Textarea label={t('grants.amendmentForm.justification')} required autosize minRows={2} maxLength={4000} value={justification} onChange={(e) => setJustification(e.currentTarget.value)} error={problem('justification')} />
        <PersonalDataHint />
        {problem('kind') ? <Alert color="orange" variant="light">{problem('kind')}</Alert> : null}
        {problem('grant') ? <Alert color="orange" variant="light">{problem('grant')}</Alert> : null}
        {kind === 'budget_reallocation' && outcome === 'notice' && check.problems.every((p) => p.field === 'justification') ? <Alert color="green" variant="light" data-testid="notice-hint">{t('grants.amendmentForm.noticeHint')}</Alert> : null}
        {send.isError ? <ErrorAlert error={send.error} namespace="grants.errors" /> : null}
        <Group gap="xs">
          <Button
            loading={send.isPending}
            disabled={kind === 'budget_reallocation' && outcome === 'refused'}
            onClick={() => {
              setTried(true);
              if (check.problems.length === 0) send.mutate();
            }}
          >
            {kind === 'budget_reallocation' && outcome === 'notice' ? t('grants.amendmentForm.submitNotice') : t('grants.amendmentForm.submit')}
          </Button>
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
