import { parseEuroToCents } from '@grants/domain';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { describeFeatureError } from '../../../ui/errors';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { todayInKosovo } from '../../../ui/today';
import { useRecordRepayment, useRecoveryOrder } from '../hooks';
import type { RecoveryOrder } from '../types';
import { RECOVERY_COLOR } from './RecoveryOrdersPage';

/** The Secretariat records a repayment received: the amount (never above what is still owed), the value date, the bank's reference. */
function RepaymentForm({ order }: { order: RecoveryOrder }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const record = useRecordRepayment(order.id);
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayInKosovo());
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const cents = parseEuroToCents(amount);
    const e: Record<string, string> = {};
    if (cents === null || cents <= 0) e.amountCents = t('closure.repayment.amountInvalid');
    else if (cents > order.owedCents) e.amountCents = t('closure.repayment.aboveOwed', { owed: f.money(order.owedCents) });
    if (!receivedOn) e.receivedOn = t('closure.repayment.dateRequired');
    if (!reference.trim()) e.bankReference = t('closure.repayment.referenceRequired');
    setErrors(e);
    if (Object.keys(e).length) return;
    record.mutate({ amountCents: cents!, receivedOn, bankReference: reference.trim() }, {
      onSuccess: () => {
        notifySuccess(t('closure.repayment.recorded'));
        setAmount('');
        setReference('');
      },
    });
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="repayment-form">
      <Title order={3} size="h5" mb="xs">{t('closure.repayment.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={t('closure.repayment.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amountCents} inputMode="decimal" />
        <DateField label={t('closure.repayment.receivedOn')} value={receivedOn} onChange={setReceivedOn} error={errors.receivedOn} />
        <TextInput label={t('closure.repayment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.bankReference} maxLength={140} />
      </SimpleGrid>
      <Group mt="sm"><Button onClick={submit} loading={record.isPending}>{t('closure.repayment.record')}</Button></Group>
      {record.isError ? <Alert mt="sm" color="red" variant="light">{describeFeatureError(t, i18n, record.error, 'closure.problems')}</Alert> : null}
    </Paper>
  );
}

/** One recovery order: what is owed, by when, what was repaid; the Secretariat records repayments until it is settled. */
export function RecoveryOrderPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const order = useRecoveryOrder(id);
  if (order.isPending) return <CenteredLoader />;
  if (order.isError) return isApiError(order.error) && order.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={order.error} />;
  const o = order.data;
  return (
    <>
      <PageHeader title={t('closure.order.title', { number: o.number })} description={`${o.agreementNumber} · ${o.organizationName}`} />
      <Stack gap="lg">
        <Group gap="xs"><Badge color={RECOVERY_COLOR[o.status]} variant="light" tt="none" size="lg" data-testid="order-status">{t(`closure.recoveryStatus.${o.status}`)}</Badge></Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
          {[
            ['closure.order.amount', f.money(o.amountCents), 'order-amount'],
            ['closure.order.repaid', f.money(o.repaidCents), 'order-repaid'],
            ['closure.order.owed', f.money(o.owedCents), 'order-owed'],
            ['closure.order.due', f.date(o.dueDate), 'order-due'],
          ].map(([label, value, testId]) => (
            <Paper withBorder p="xs" radius="sm" key={label}>
              <Text size="xs" c="dimmed">{t(label!)}</Text>
              <Text fw={600} data-testid={testId}>{value}</Text>
            </Paper>
          ))}
        </SimpleGrid>
        {o.status !== 'settled' ? <Text size="sm">{t('closure.order.howToPay', { number: o.number, owed: f.money(o.owedCents), due: f.date(o.dueDate) })}</Text> : null}
        <section aria-labelledby="repayments-title">
          <Title order={2} size="h4" mb="xs" id="repayments-title">{t('closure.order.repayments')}</Title>
          {o.repayments.length === 0 ? <Text c="dimmed">{t('closure.order.noRepayments')}</Text> : (
            <Table.ScrollContainer minWidth={300} className="table-stack">
              <Table striped aria-label={t('closure.order.repayments')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('closure.repayment.receivedOn')}</Table.Th>
                    <Table.Th ta="right">{t('closure.repayment.amount')}</Table.Th>
                    <Table.Th>{t('closure.repayment.reference')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {o.repayments.map((p) => (
                    <Table.Tr key={p.id} data-testid={`repayment-${p.id}`}>
                      <Table.Td data-label={t('closure.repayment.receivedOn')}>{f.date(p.receivedOn)}</Table.Td>
                      <Table.Td data-label={t('closure.repayment.amount')} ta="right">{f.money(p.amountCents)}</Table.Td>
                      <Table.Td data-label={t('closure.repayment.reference')}>{p.bankReference}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </section>
        {o.can.recordRepayment ? <RepaymentForm order={o} /> : null}
        <Group gap="md">
          <Anchor component={Link} to={`/grants/${o.grantId}/closure`} size="sm">{t('closure.order.toGrant')}</Anchor>
          <Anchor component={Link} to="/recovery-orders" size="sm">{t('closure.order.back')}</Anchor>
        </Group>
      </Stack>
    </>
  );
}
