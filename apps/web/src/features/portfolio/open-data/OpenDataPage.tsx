import { Alert, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatBytes, shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { openDataApi, type OpenDataSummary } from './api';
import { useOpenDataSummary } from './hooks';

/** IATI activity status codes the file uses, in the order they are shown. */
export const ACTIVITY_STATUS_CODES = ['2', '3', '6', '4', '5'] as const;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} size="lg" data-testid={testId}>{value}</Text>
    </Card>
  );
}

function Figures({ s }: { s: OpenDataSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="open-data-figures">
      <Title order={2} size="h4" id="open-data-figures" mb="sm">{t('openData.figures.title')}</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Figure label={t('openData.figures.activities')} value={f.count(s.activities)} testId="od-activities" />
        <Figure label={t('openData.figures.transactions')} value={f.count(s.transactions)} testId="od-transactions" />
        <Figure label={t('openData.figures.indicators')} value={t('openData.figures.indicatorsOf', { indicators: f.count(s.indicators), results: f.count(s.results) })} testId="od-indicators" />
        <Figure label={t('openData.figures.withheld')} value={f.count(s.withheldFigures)} testId="od-withheld" />
        <Figure label={t('openData.figures.committed')} value={f.money(s.committedCents)} testId="od-committed" />
        <Figure label={t('openData.figures.disbursed')} value={f.money(s.disbursedCents)} testId="od-disbursed" />
        <Figure label={t('openData.figures.recovered')} value={f.money(s.recoveredCents)} testId="od-recovered" />
        <Figure label={t('openData.figures.lastChanged')} value={s.lastChanged ? f.dateTime(s.lastChanged) : t('openData.figures.never')} testId="od-last-changed" />
      </SimpleGrid>
      <Table mt="md" aria-label={t('openData.status.title')} data-testid="od-status-table" maw={480}>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('openData.status.status')}</Table.Th><Table.Th ta="right">{t('openData.status.count')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ACTIVITY_STATUS_CODES.map((code) => (
            <Table.Tr key={code}>
              <Table.Td>{t(`openData.status.code${code}`)}</Table.Td>
              <Table.Td ta="right">{f.count(s.byActivityStatus.find((b) => b.code === code)?.count ?? 0)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/**
 * Open data: the scheme's grants in the IATI activity standard (2.03 XML) and as CSV, for the donor to publish.
 * What is published and why, what never is, the figures the files hold now, when they last changed and the XML
 * file's hash, and the two downloads. For the Secretariat and observers (the whole portfolio).
 */
export function OpenDataPage() {
  const { t, i18n } = useTranslation();
  const summary = useOpenDataSummary();
  const s = summary.data;
  return (
    <>
      <PageHeader title={t('openData.title')} description={t('openData.subtitle')} />
      <Stack gap="md">
        <Card withBorder padding="md" component="section" aria-labelledby="open-data-what">
          <Title order={2} size="h4" id="open-data-what" mb="xs">{t('openData.what.title')}</Title>
          <Text size="sm" mb="sm">{t('openData.what.iati')}</Text>
          <Text size="sm" fw={600}>{t('openData.what.includedTitle')}</Text>
          <List size="sm" spacing={2} mb="sm">
            <List.Item>{t('openData.what.included.grants')}</List.Item>
            <List.Item>{t('openData.what.included.money')}</List.Item>
            <List.Item>{t('openData.what.included.results')}</List.Item>
            <List.Item>{t('openData.what.included.codes')}</List.Item>
          </List>
          <Text size="sm" fw={600}>{t('openData.what.neverTitle')}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t('openData.what.never.people')}</List.Item>
            <List.Item>{t('openData.what.never.small')}</List.Item>
            <List.Item>{t('openData.what.never.drafts')}</List.Item>
          </List>
        </Card>

        {summary.isPending ? <CenteredLoader /> : summary.isError ? <ErrorAlert error={summary.error} /> : s && (
          <>
            {s.reportingOrgIsPlaceholder && (
              <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('openData.placeholder.title')} data-testid="od-placeholder">
                {t('openData.placeholder.body', { ref: s.reportingOrgRef })}
              </Alert>
            )}
            {s.activities === 0 ? <Text c="dimmed" data-testid="od-none">{t('openData.none')}</Text> : <Figures s={s} />}
            <Card withBorder padding="md" component="section" aria-labelledby="open-data-download">
              <Title order={2} size="h4" id="open-data-download" mb="xs">{t('openData.download.title')}</Title>
              <Group gap="sm" mb="sm" wrap="wrap">
                <Button component="a" href={openDataApi.iatiUrl()} download leftSection={<IconDownload size={16} />} disabled={s.activities === 0} data-testid="od-download-xml">
                  {t('openData.download.xml')}
                </Button>
                <Button component="a" href={openDataApi.csvUrl()} download variant="light" leftSection={<IconDownload size={16} />} disabled={s.activities === 0} data-testid="od-download-csv">
                  {t('openData.download.csv')}
                </Button>
              </Group>
              <Text size="sm" c="dimmed">
                {t('openData.download.about', { version: s.version, ref: s.reportingOrgRef, size: formatBytes(s.bytes, i18n.language) })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('openData.download.hash')} <Code title={s.sha256} data-testid="od-hash">{shortHash(s.sha256, 12, 8)}</Code>
              </Text>
            </Card>
          </>
        )}
      </Stack>
    </>
  );
}
