import { Alert, Anchor, Badge, Button, Card, Code, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconFileZip, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatBytes, shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { dossierApi } from '../api';
import { useGrantDossiers, useRequestDossier, type Dossier } from '../hooks';

const STATUS_COLOR: Record<Dossier['status'], string> = { queued: 'gray', building: 'blue', ready: 'green', failed: 'red' };

/**
 * The auditor's dossier on the grant page (Secretariat only): request one, follow its progress while the worker builds
 * it (asked again every 2 s), download it once ready with the SHA-256 of its manifest and how to verify it offline;
 * a failed one shows its error and can be tried again; earlier dossiers are listed.
 */
export function DossierCard({ grantId }: { grantId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const dossiers = useGrantDossiers(grantId);
  const request = useRequestDossier(grantId);
  const items = dossiers.data?.items ?? [];
  const latest = items[0] ?? null;
  const earlier = items.slice(1);
  const making = latest?.status === 'queued' || latest?.status === 'building';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="grant-dossier" data-testid="grant-dossier">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="grant-dossier">{t('dossier.title')}</Title>
        {!making && latest?.status !== 'failed' ? (
          <Button variant="light" size="xs" leftSection={<IconFileZip size={14} aria-hidden />} loading={request.isPending} onClick={() => request.mutate()}>
            {latest ? t('dossier.requestNew') : t('dossier.request')}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb={4}>{t('dossier.intro')}</Text>
      <Text size="sm" c="dimmed" mb="sm" data-testid="dossier-payment-orders">{t('dossier.paymentOrders')}</Text>
      <ErrorAlert error={request.error} />
      {dossiers.isPending ? <CenteredLoader /> : dossiers.isError ? <ErrorAlert error={dossiers.error} /> : (
        <Stack gap="sm">
          {!latest ? <Text size="sm">{t('dossier.none')}</Text> : null}
          {latest && making ? (
            <Stack gap={4} data-testid="dossier-progress">
              <Text size="sm">{latest.status === 'queued' ? t('dossier.queued') : t('dossier.building', { done: f.count(latest.progressDone), total: f.count(latest.progressTotal) })}</Text>
              <Progress value={latest.progressPercent} animated aria-label={t('dossier.progressLabel', { percent: f.count(latest.progressPercent) })} />
            </Stack>
          ) : null}
          {latest?.status === 'failed' ? (
            <Alert color="red" variant="light" title={t('dossier.failed')} data-testid="dossier-failed">
              <Text size="sm" mb="xs">{latest.error}</Text>
              <Button size="xs" variant="light" color="red" leftSection={<IconRefresh size={14} aria-hidden />} loading={request.isPending} onClick={() => request.mutate()}>{t('dossier.tryAgain')}</Button>
            </Alert>
          ) : null}
          {latest?.status === 'ready' ? (
            <Stack gap="xs" data-testid="dossier-ready">
              <Group gap="sm" wrap="wrap">
                <Button component="a" href={dossierApi.downloadUrl(latest.id)} download={latest.fileName} leftSection={<IconDownload size={16} aria-hidden />}>
                  {t('dossier.download')}
                </Button>
                <Text size="sm" c="dimmed">
                  {t('dossier.readyAt', { at: f.dateTime(latest.finishedAt), files: f.count(latest.fileCount ?? 0), size: formatBytes(latest.size ?? 0, i18n.language) })}
                </Text>
              </Group>
              <Text size="sm">{t('dossier.manifestHash')}</Text>
              <Code block data-testid="dossier-manifest-sha256" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{latest.manifestSha256}</Code>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{t('dossier.zipHash', { hash: latest.sha256 })}</Text>
              <Text size="sm" fw={500}>{t('dossier.verifyTitle')}</Text>
              <List type="ordered" size="sm" spacing={2}>
                <List.Item>{t('dossier.verifyUnzip')}</List.Item>
                <List.Item>{t('dossier.verifyRun')} <Code>node verify.mjs</Code></List.Item>
                <List.Item>{t('dossier.verifyCompare')}</List.Item>
              </List>
            </Stack>
          ) : null}
          {earlier.length ? (
            <>
              <Text size="sm" fw={500} id="grant-dossier-earlier">{t('dossier.earlier')}</Text>
              <Table.ScrollContainer minWidth={520} className="table-stack">
                <Table striped aria-labelledby="grant-dossier-earlier">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('dossier.col.requestedAt')}</Table.Th>
                      <Table.Th>{t('dossier.col.requestedBy')}</Table.Th>
                      <Table.Th>{t('dossier.col.status')}</Table.Th>
                      <Table.Th>{t('dossier.col.manifest')}</Table.Th>
                      <Table.Th>{t('dossier.col.file')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {earlier.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>{f.dateTime(d.requestedAt)}</Table.Td>
                        <Table.Td>{d.requestedByName ?? '—'}</Table.Td>
                        <Table.Td><Badge color={STATUS_COLOR[d.status]} variant="light" tt="none">{t(`dossier.status.${d.status}`)}</Badge></Table.Td>
                        <Table.Td>{d.manifestSha256 ? <Code title={d.manifestSha256}>{shortHash(d.manifestSha256)}</Code> : '—'}</Table.Td>
                        <Table.Td>{d.status === 'ready' ? <Anchor href={dossierApi.downloadUrl(d.id)} download={d.fileName} size="sm">{t('dossier.download')}</Anchor> : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
