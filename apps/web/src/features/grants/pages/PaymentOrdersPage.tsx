import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFilePlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { PageHeader } from '../../../ui/PageHeader';
import { todayInKosovo } from '../../../ui/today';
import { paymentOrdersApi } from '../api';
import { grantKeys, usePaymentOrderPreview, usePaymentOrders } from '../hooks';
import type { PaymentOrderSummary } from '../types';

function Downloads({ order }: { order: PaymentOrderSummary }) {
  const { t } = useTranslation();
  const formats = [
    { format: 'csv', label: 'CSV' },
    { format: 'xlsx', label: 'XLSX' },
    { format: 'xml', label: 'pain.001' },
  ] as const;
  return (
    <Group gap="xs" wrap="wrap">
      {formats.map((x) => (
        <Button
          key={x.format}
          component="a"
          href={paymentOrdersApi.fileUrl(order.id, x.format)}
          size="compact-sm"
          variant="light"
          leftSection={<IconDownload size={14} aria-hidden />}
          aria-label={t('grants.orders.download', { format: x.label, id: order.messageId })}
        >
          {x.label}
        </Button>
      ))}
    </Group>
  );
}

/**
 * The payment orders: a day's approved tranches (not yet in an order) with the control sum, recorded as the
 * day's order, then downloaded as CSV, XLSX or the bank's ISO 20022 credit-transfer file (pain.001).
 */
export function PaymentOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [day, setDay] = useState(() => todayInKosovo());
  const preview = usePaymentOrderPreview(day);
  const orders = usePaymentOrders();
  const create = useMutation({
    mutationFn: () => paymentOrdersApi.create(day),
    onSuccess: () => void qc.invalidateQueries({ queryKey: grantKeys.orders }),
  });
  const p = preview.data;
  return (
    <>
      <PageHeader title={t('grants.orders.title')} description={t('grants.orders.subtitle')} />
      <Stack gap="lg">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateField label={t('grants.orders.day')} value={day} onChange={setDay} style={{ flex: '0 1 220px' }} />
        </Group>
        {preview.isPending ? <CenteredLoader /> : preview.isError ? <ErrorAlert error={preview.error} namespace="grants.errors" /> : p ? (
          <section aria-labelledby="order-day-title">
            <Title order={2} size="h4" mb="xs" id="order-day-title">{t('grants.orders.approvedOn', { date: f.date(p.day) })}</Title>
            {p.lines.length === 0 ? (
              <Text c="dimmed" data-testid="orders-none">{t('grants.orders.none')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={720} className="table-stack">
                <Table striped aria-label={t('grants.orders.lines')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('grants.orders.agreement')}</Table.Th>
                      <Table.Th>{t('grants.orders.beneficiary')}</Table.Th>
                      <Table.Th>IBAN</Table.Th>
                      <Table.Th>{t('grants.orders.remittance')}</Table.Th>
                      <Table.Th ta="right">{t('grants.orders.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.lines.map((l) => (
                      <Table.Tr key={l.trancheId} data-testid={`order-line-${l.trancheId}`}>
                        <Table.Td data-label={t('grants.orders.agreement')} ff="monospace">{`${l.agreementNumber} / ${l.seq}`}</Table.Td>
                        <Table.Td data-label={t('grants.orders.beneficiary')}>{l.beneficiaryDisplayName}</Table.Td>
                        <Table.Td data-label="IBAN" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{l.iban}</Table.Td>
                        <Table.Td data-label={t('grants.orders.remittance')}>{l.remittanceInformation}</Table.Td>
                        <Table.Td ta="right" data-label={t('grants.orders.amount')} style={{ whiteSpace: 'nowrap' }}>{f.money(l.amountCents)}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr fw={700}>
                      <Table.Td colSpan={4}>{t('grants.orders.controlSum', { count: p.count })}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="control-sum" data-label={t('grants.orders.amount')}>{f.money(p.controlSumCents)}</Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {p.problems.length > 0 ? (
              <Alert color="orange" variant="light" mt="sm" title={t('grants.orders.problems')} data-testid="order-problems">
                <List size="sm">
                  {p.problems.map((x) => <List.Item key={`${x.trancheId}-${x.field}`}>{t('grants.orders.problem', { field: x.field, code: t(`errors.${x.code}`, { defaultValue: x.code }) })}</List.Item>)}
                </List>
              </Alert>
            ) : null}
            {p.lines.length > 0 ? (
              <Button mt="sm" leftSection={<IconFilePlus size={16} aria-hidden />} loading={create.isPending} onClick={() => create.mutate()}>
                {t('grants.orders.create', { count: p.count })}
              </Button>
            ) : null}
            {create.isError ? <ErrorAlert error={create.error} namespace="grants.errors" /> : null}
          </section>
        ) : null}
        <section aria-labelledby="orders-title">
          <Title order={2} size="h4" mb="xs" id="orders-title">{t('grants.orders.recorded')}</Title>
          {orders.isPending ? <CenteredLoader /> : orders.isError ? <ErrorAlert error={orders.error} /> : orders.data.items.length === 0 ? (
            <Text c="dimmed">{t('grants.orders.noneRecorded')}</Text>
          ) : (
            <Stack gap="xs">
              {orders.data.items.map((o) => (
                <Paper key={o.id} withBorder p="sm" data-testid={`order-${o.id}`}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <div>
                      <Text fw={600} size="sm">{t('grants.orders.orderOf', { date: f.date(o.day), count: o.count, sum: f.money(o.controlSumCents) })}</Text>
                      <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{`${o.messageId} · SHA-256 ${shortHash(o.xmlSha256)}`}</Text>
                    </div>
                    <Downloads order={o} />
                  </Group>
                </Paper>
              ))}
            </Stack>
          )}
        </section>
      </Stack>
    </>
  );
}
