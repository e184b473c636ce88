import { Alert, Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { describeFeatureError } from '../../../ui/errors';
import { useFormat } from '../../../ui/format-number';
import { notifySuccess } from '../../../ui/notify';
import { shortHash } from '../../../ui/format';
import { useDrawUpFinalBalance } from '../hooks';
import type { FinalBalanceCap, FinalBalanceFigures, FinalBalanceView } from '../types';

type Format = ReturnType<typeof useFormat>;

/** One cap in words, with its figures: what rule lowered the balance, and by how much. */
export function capText(t: TFunction, cap: FinalBalanceCap, f: Format): string {
  const p = cap.params;
  const m = (k: string) => f.money(Number(p[k] ?? 0));
  switch (cap.code) {
    case 'unbudgeted_lines':
      return t('closure.caps.unbudgeted_lines', { amount: m('spentCents'), lines: String(p.lineIds ?? '') });
    case 'heading_over_reallocation_limit':
      return t('closure.caps.heading_over_reallocation_limit', { heading: t(`costHeadings.${String(p.heading)}`), spent: m('spentCents'), approved: m('approvedCents'), limit: m('limitCents'), excess: m('excessCents') });
    case 'approved_direct_total':
      return t('closure.caps.approved_direct_total', { approved: m('approvedDirectCents'), capped: m('cappedHeadingsCents'), excess: m('excessCents') });
    case 'indirect_rate':
      return t('closure.caps.indirect_rate', { rate: f.basisPoints(Number(p.rateBp ?? 0)), direct: m('eligibleDirectCents'), cap: m('capCents'), claimed: m('claimedCents'), excess: m('excessCents') });
    case 'co_financing':
      return t('closure.caps.co_financing', { grant: m('grantCents'), coFinancing: m('coFinancingCents'), costs: m('eligibleCostsCents'), share: m('grantShareCents') });
    case 'grant_amount':
      return t('closure.caps.grant_amount', { grant: m('grantCents'), before: m('beforeCents'), excess: m('excessCents') });
    default:
      return cap.code;
  }
}

const KIND_COLOR = { payment: 'blue', recovery: 'orange', nil: 'green' } as const;

function Figures({ fb, testId }: { fb: FinalBalanceFigures; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="sm" data-testid={testId}>
      <Table.ScrollContainer minWidth={320} className="table-stack">
        <Table striped aria-label={t('closure.balance.byHeading')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('closure.balance.heading')}</Table.Th>
              <Table.Th ta="right">{t('closure.balance.approved')}</Table.Th>
              <Table.Th ta="right">{t('closure.balance.ceiling')}</Table.Th>
              <Table.Th ta="right">{t('closure.balance.spent')}</Table.Th>
              <Table.Th ta="right">{t('closure.balance.eligible')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fb.headings.map((h) => (
              <Table.Tr key={h.heading} data-testid={`balance-heading-${h.heading}`}>
                <Table.Td data-label={t('closure.balance.heading')}>{t(`costHeadings.${h.heading}`)}</Table.Td>
                <Table.Td data-label={t('closure.balance.approved')} ta="right">{f.money(h.approvedCents)}</Table.Td>
                <Table.Td data-label={t('closure.balance.ceiling')} ta="right">{f.money(h.ceilingCents)}</Table.Td>
                <Table.Td data-label={t('closure.balance.spent')} ta="right">{f.money(h.spentCents)}</Table.Td>
                <Table.Td data-label={t('closure.balance.eligible')} ta="right" fw={h.excessCents > 0 ? 700 : undefined}>{f.money(h.eligibleCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
        <Fact label={t('closure.balance.eligibleDirect')} value={f.money(fb.eligibleDirectCents)} />
        <Fact label={t('closure.balance.eligibleIndirect')} value={f.money(fb.eligibleIndirectCents)} />
        <Fact label={t('closure.balance.eligibleGrant')} value={f.money(fb.eligibleCents)} testId="balance-eligible" />
        <Fact label={t('closure.balance.paid')} value={f.money(fb.paidCents)} testId="balance-paid" />
      </SimpleGrid>
      <Group gap="xs" data-testid="balance-outcome">
        <Badge color={KIND_COLOR[fb.kind]} variant="light" tt="none" size="lg">{t(`closure.kind.${fb.kind}`)}</Badge>
        <Text fw={700}>
          {fb.kind === 'payment' ? t('closure.balance.toPay', { amount: f.money(fb.paymentCents) })
            : fb.kind === 'recovery' ? t('closure.balance.toRecover', { amount: f.money(fb.recoveryCents) })
              : t('closure.balance.nothingOwed')}
        </Text>
      </Group>
      <div>
        <Text size="sm" fw={600}>{t('closure.balance.capsTitle')}</Text>
        {fb.cappedBy.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="caps-none">{t('closure.balance.noCaps')}</Text>
        ) : (
          <List size="sm" spacing={4} data-testid="caps">
            {fb.cappedBy.map((c, i) => <List.Item key={`${c.code}-${i}`} data-testid={`cap-${c.code}`}>{capText(t, c, f)}</List.Item>)}
          </List>
        )}
      </div>
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} data-testid={testId}>{value}</Text>
    </Paper>
  );
}

/**
 * The grant's final balance: per heading what was approved, how far it could run over, what was spent and what is
 * eligible; the eligible total against what was paid; each cap that lowered it, explained with its figures. The
 * Secretariat draws it up once the final report is accepted (what stops it is listed); afterwards the frozen
 * balance shows with its hash, and the balance tranche or the recovery order it led to.
 */
export function FinalBalancePanel({ view }: { view: FinalBalanceView }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const drawUp = useDrawUpFinalBalance(view.grantId);
  const drawn = view.drawnUp;
  return (
    <section aria-labelledby="final-balance-title" data-testid="final-balance">
      <Title order={2} size="h4" mb="xs" id="final-balance-title">{t('closure.balance.title')}</Title>
      <Stack gap="sm">
        {view.inputs ? (
          <Text size="sm" c="dimmed" data-testid="balance-inputs">
            {t('closure.balance.inputs', {
              grant: f.money(view.inputs.grantCents), direct: f.money(view.inputs.approvedDirectCents), rate: f.basisPoints(view.inputs.indirectRateBp),
              limit: f.basisPoints(view.inputs.reallocationWithoutAmendmentBp), reports: f.count(view.inputs.acceptedExpenditureReports),
            })}
            {view.inputs.coFinancingCents > 0 ? ` ${t('closure.balance.coFinancing', { amount: f.money(view.inputs.coFinancingCents) })}` : ''}
          </Text>
        ) : null}
        {drawn ? (
          <>
            <Alert color="green" variant="light" data-testid="balance-drawn-up">
              {t('closure.balance.drawnUp', { date: f.date(drawn.drawnUpAt), hash: shortHash(drawn.sha256) })}
            </Alert>
            <Figures fb={drawn.balance} testId="balance-frozen" />
          </>
        ) : view.computed ? (
          <>
            <Text size="sm">{t('closure.balance.provisional')}</Text>
            <Figures fb={view.computed} testId="balance-computed" />
          </>
        ) : (
          <Text c="dimmed">{t('closure.balance.noBudget')}</Text>
        )}
        {view.balanceTranche && drawn?.balance.kind === 'payment' ? (
          <Text size="sm" data-testid="balance-tranche">
            {t('closure.balance.tranche', { seq: view.balanceTranche.seq, amount: f.money(view.balanceTranche.amountCents), status: t(`closure.balance.trancheInSentence.${view.balanceTranche.status}`) })}
          </Text>
        ) : null}
        {view.recoveryOrder ? (
          <Text size="sm" data-testid="balance-recovery">
            {t('closure.balance.recovery', { number: view.recoveryOrder.number, owed: f.money(view.recoveryOrder.owedCents), due: f.date(view.recoveryOrder.dueDate) })}{' '}
            <Anchor component={Link} to={`/recovery-orders/${view.recoveryOrder.id}`}>{t('closure.balance.openRecovery')}</Anchor>
          </Text>
        ) : null}
        {!drawn && view.problems.length > 0 ? (
          <Alert color="yellow" variant="light" title={t('closure.balance.notYet')} data-testid="balance-problems">
            <List size="sm" spacing={2}>
              {view.problems.map((p) => (
                <List.Item key={`${p.field}-${p.code}`} data-testid={`balance-problem-${p.code}`}>
                  {t(`closure.problems.${p.code}`, { ...p.params, status: p.params.status ? t(`closure.reportStatus.${String(p.params.status)}`, { defaultValue: String(p.params.status) }) : '' })}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {view.can.drawUp ? (
          <Group>
            <ConfirmButton
              color="blue"
              title={t('closure.balance.confirmTitle')}
              message={t('closure.balance.confirmMessage')}
              confirmLabel={t('closure.balance.drawUp')}
              loading={drawUp.isPending}
              onConfirm={() => drawUp.mutateAsync(view.version).then(() => notifySuccess(t('closure.balance.drawnUpToast')), () => undefined)}
            >
              {t('closure.balance.drawUp')}
            </ConfirmButton>
          </Group>
        ) : null}
        {drawUp.isError ? <Alert color="red" variant="light" data-testid="balance-error">{describeFeatureError(t, i18n, drawUp.error, 'closure.problems')}</Alert> : null}
      </Stack>
    </section>
  );
}
