import { Anchor, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { fieldLabel } from '../fields';
import { useReportCompare } from '../hooks';
import type { ReportResult } from '../logframe';
import type { ReportChange, ReportVersion } from '../types';
import { ShownCount } from './ShownCount';

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <Text span size="sm" c="dimmed">{t('reports.form.empty')}</Text>;
  if (typeof value === 'number' || (typeof value === 'object' && value !== null && 'shown' in value)) return <ShownCount value={value as never} />;
  if (Array.isArray(value)) return <>{value.length === 0 ? t('reports.form.empty') : value.map(String).join(', ')}</>;
  return <Text span size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{String(value)}</Text>;
}

/** The frozen versions of the report (one per submission, with its SHA-256) and what changed between two of them. */
export function VersionsPanel({ reportId, versions, results }: { reportId: string; versions: readonly ReportVersion[]; results: readonly ReportResult[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const last = versions.length ? versions[versions.length - 1]!.version : null;
  const [from, setFrom] = useState<number | null>(versions.length >= 2 ? versions[versions.length - 2]!.version : null);
  const [to, setTo] = useState<number | null>(last);
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  const compare = useReportCompare(reportId, asked?.from ?? null, asked?.to ?? null);
  const options = versions.map((v) => ({ value: String(v.version), label: t('reports.versions.version', { version: v.version }) }));
  const changes: ReportChange[] = (compare.data as { changes?: ReportChange[] } | undefined)?.changes ?? [];

  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="versions-title" data-testid="versions">
      <Title order={2} size="h5" id="versions-title" mb="xs">{t('reports.versions.title')}</Title>
      {versions.length === 0 ? <Text size="sm" c="dimmed">{t('reports.versions.none')}</Text> : (
        <Stack gap="sm">
          <List size="sm" spacing={4}>
            {versions.map((v) => (
              <List.Item key={v.version} data-testid={`version-${v.version}`}>
                <Text span size="sm" fw={600}>{t('reports.versions.version', { version: v.version })}</Text>{' '}
                <Text span size="sm">{t('reports.versions.submitted', { date: f.dateTime(v.submittedAt), name: v.submittedBy })}</Text>{' '}
                <Text span size="xs" ff="monospace" c="dimmed" title={t('reports.versions.hash')}>{shortHash(v.sha256)}</Text>{' '}
                <Anchor component={Link} to={`/reports/${reportId}/versions/${v.version}`} size="sm">{t('reports.versions.view')}</Anchor>
              </List.Item>
            ))}
          </List>
          {versions.length >= 2 ? (
            <Group gap="xs" align="flex-end" wrap="wrap">
              <Select label={t('reports.versions.from')} data={options} value={from === null ? null : String(from)} onChange={(v) => setFrom(v ? Number(v) : null)} w={150} allowDeselect={false} />
              <Select label={t('reports.versions.to')} data={options} value={to === null ? null : String(to)} onChange={(v) => setTo(v ? Number(v) : null)} w={150} allowDeselect={false} />
              <Button variant="light" disabled={from === null || to === null || from === to} onClick={() => from !== null && to !== null && setAsked({ from, to })}>{t('reports.versions.compare')}</Button>
            </Group>
          ) : null}
          {asked ? (
            compare.isPending ? <CenteredLoader /> : compare.isError ? <ErrorAlert error={compare.error} /> : changes.length === 0 ? (
              <Text size="sm" c="dimmed">{t('reports.versions.noChanges')}</Text>
            ) : (
              <Stack gap="xs" data-testid="version-changes" aria-label={t('reports.versions.changes')} role="list">
                {changes.map((c) => (
                  <Card key={c.field} withBorder padding="xs" role="listitem" data-testid="version-change">
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="change-field">{fieldLabel(t, i18n.language, c.field, results)}</Text>
                    <SimpleGrid type="container" cols={{ base: 1, '360px': 2 }} spacing="xs">
                      <div><Text size="xs" c="dimmed">{t('reports.versions.before')}</Text><div data-testid="change-before"><Value value={c.before} /></div></div>
                      <div><Text size="xs" c="dimmed">{t('reports.versions.after')}</Text><div data-testid="change-after"><Value value={c.after} /></div></div>
                    </SimpleGrid>
                  </Card>
                ))}
              </Stack>
            )
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
