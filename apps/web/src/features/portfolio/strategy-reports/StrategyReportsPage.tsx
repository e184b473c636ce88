import { Alert, Anchor, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import type { CreateStrategyReport } from './api';
import { useCreateStrategyReport, useStrategyReports } from './hooks';
import { reportName } from './labels';

const YEARS = ['2022', '2023', '2024', '2025', '2026'];

/** "Draft a report": its kind and period; the API drafts the figures from the portfolio and the builder opens. */
function DraftForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateStrategyReport();
  const [kind, setKind] = useState<CreateStrategyReport['kind']>('six_month');
  const [year, setYear] = useState<string>(String(Math.min(2026, new Date().getFullYear())));
  const [half, setHalf] = useState<'1' | '2'>(new Date().getMonth() >= 6 ? '2' : '1');
  const error = create.error;
  const problem = (field: string) => {
    const d = isApiError(error) ? error.details.find((x) => x.field === field) : undefined;
    return d ? t(`strategyReports.problems.${d.code}`, { defaultValue: d.message }) : undefined;
  };
  const placed = isApiError(error) && error.details.some((d) => ['kind', 'year', 'half'].includes(d.field));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({ kind, year: Number(year), ...(kind === 'six_month' ? { half: Number(half) as 1 | 2 } : {}) }, { onSuccess: (r) => navigate(`/portfolio/reports/${r.id}`) });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sr-draft-title">
      <form onSubmit={submit} noValidate>
        <Title order={2} size="h4" id="sr-draft-title" mb="xs">{t('strategyReports.draft.title')}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t('strategyReports.draft.help')}</Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select label={t('strategyReports.draft.kind')} data={[{ value: 'six_month', label: t('strategyReports.kind.six_month') }, { value: 'annual', label: t('strategyReports.kind.annual') }]}
            value={kind} onChange={(v) => v && setKind(v as CreateStrategyReport['kind'])} allowDeselect={false} error={problem('kind')} w={200} />
          <Select label={t('strategyReports.draft.year')} data={YEARS} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} error={problem('year')} w={120} />
          {kind === 'six_month' ? (
            <Select label={t('strategyReports.draft.half')} data={[{ value: '1', label: t('strategyReports.draft.half1') }, { value: '2', label: t('strategyReports.draft.half2') }]}
              value={half} onChange={(v) => v && setHalf(v as '1' | '2')} allowDeselect={false} error={problem('half')} w={220} />
          ) : null}
          <Button type="submit" loading={create.isPending} leftSection={<IconFilePlus size={16} />}>{t('strategyReports.draft.submit')}</Button>
        </Group>
        {error && !placed ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
      </form>
    </Card>
  );
}

/**
 * The Secretariat's 6-month and annual reports on the National Strategy: drafts and issued ones with their hash, and
 * "Draft a report". An observer sees the issued reports only (read and export).
 */
export function StrategyReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useStrategyReports();
  return (
    <>
      <PageHeader title={t('strategyReports.title')} description={t('strategyReports.subtitle')} />
      <Stack gap="md">
        {list.data?.canManage ? <DraftForm /> : null}
        {list.isPending ? <CenteredLoader /> : list.isError ? <ErrorAlert error={list.error} /> : list.data.items.length === 0 ? (
          <Alert color="gray" data-testid="sr-none">{t(list.data.canManage ? 'strategyReports.list.noneManage' : 'strategyReports.list.none')}</Alert>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('strategyReports.list.title')} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('strategyReports.list.report')}</Table.Th>
                  <Table.Th>{t('strategyReports.list.status')}</Table.Th>
                  <Table.Th ta="right">{t('strategyReports.list.grants')}</Table.Th>
                  <Table.Th>{t('strategyReports.list.when')}</Table.Th>
                  <Table.Th>{t('strategyReports.list.hash')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td><Anchor component={Link} to={`/portfolio/reports/${r.id}`}>{reportName(t, r)}</Anchor></Table.Td>
                    <Table.Td><Badge color={r.status === 'issued' ? 'green' : 'gray'} variant="light">{t(`strategyReports.status.${r.status}`)}</Badge></Table.Td>
                    <Table.Td ta="right">{f.count(r.grants)}</Table.Td>
                    <Table.Td>{r.status === 'issued' ? t('strategyReports.list.issuedOn', { when: f.dateTime(r.issuedAt) }) : t('strategyReports.list.draftedOn', { when: f.dateTime(r.draftedAt) })}</Table.Td>
                    <Table.Td>{r.sha256 ? <Code title={r.sha256}>{shortHash(r.sha256)}</Code> : <Text size="sm" c="dimmed">—</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </>
  );
}
