import { indicatorProgress, parseIndicatorValue, type NarrativeReportIndicatorValue } from '@grants/domain';
import { Anchor, Badge, Box, Button, Card, FileButton, Group, Progress, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconPaperclip } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { grantsApi } from '../../grants/api';
import { fieldId } from '../fields';
import type { ReportIndicator } from '../logframe';

export type IndicatorCardProps = {
  grantId: string;
  item: ReportIndicator;
  value: NarrativeReportIndicatorValue;
  /** The share of the grant's time gone at the end of the period (basis points), from the API. */
  elapsedBp: number;
  onChange?: (next: NarrativeReportIndicatorValue) => void;
  error?: (field: 'periodValue' | 'cumulativeValue' | 'comment' | 'evidenceFileIds') => string | undefined;
  aside?: ReactNode;
  /** The names of the evidence files the API knows (report.evidenceFiles). */
  fileNames?: Readonly<Record<string, string>>;
};

/**
 * One indicator of the logframe on the report: its baseline, target and means of verification, the values for
 * the period and since the start, the progress from baseline to target and whether it falls behind the time
 * elapsed (libs/domain indicatorProgress, live as the value is typed), a comment and the evidence files
 * (uploaded to the grant's documents).
 */
export function IndicatorCard({ grantId, item, value, elapsedBp, onChange, error, aside, fileNames = {} }: IndicatorCardProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const [names, setNames] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const ind = item.indicator;
  const elapsed = Math.max(0, Math.min(10_000, Math.round(elapsedBp)));
  const progress = indicatorProgress({ baseline: ind?.baseline ?? '', target: ind?.target ?? '' }, { periodValue: value.periodValue, cumulativeValue: value.cumulativeValue }, elapsed);
  const editable = !!onChange;
  const set = (patch: Partial<NarrativeReportIndicatorValue>) => onChange?.({ ...value, ...patch });
  const readBack = (v: string | null) => {
    const p = parseIndicatorValue(v);
    return v && p.ok ? t('reports.form.readBack', { value: f.number(p.scaled / 1000, { maxDecimals: 3 }) }) : undefined;
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const doc = await grantsApi.uploadDocument(grantId, file);
      setNames((n) => ({ ...n, [doc.id]: doc.fileName }));
      set({ evidenceFileIds: [...value.evidenceFileIds, doc.id] });
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card withBorder padding="sm" data-testid={`indicator-${item.key}`} style={{ minWidth: 0 }}>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{item.text}</Text>
      <SimpleGrid type="container" cols={{ base: 1, '420px': 3 }} spacing="xs" mt={4}>
        <Box><Text size="xs" c="dimmed">{t('reports.form.baseline')}</Text><Text size="sm" data-testid="baseline">{String(ind?.baseline ?? '—')}{ind?.unit ? ` ${ind.unit}` : ''}</Text></Box>
        <Box><Text size="xs" c="dimmed">{t('reports.form.target')}</Text><Text size="sm" data-testid="target">{String(ind?.target ?? '—')}{ind?.unit ? ` ${ind.unit}` : ''}</Text></Box>
        <Box><Text size="xs" c="dimmed">{t('reports.form.means')}</Text><Text size="sm" style={{ overflowWrap: 'anywhere' }}>{ind?.meansOfVerification || '—'}</Text></Box>
      </SimpleGrid>

      {editable ? (
        <SimpleGrid type="container" cols={{ base: 1, '360px': 2 }} spacing="xs" mt="xs">
          <TextInput id={fieldId(`indicators.${item.key}.periodValue`)} label={t('reports.form.periodValue')} value={value.periodValue ?? ''} onChange={(e) => set({ periodValue: e.currentTarget.value === '' ? null : e.currentTarget.value })} maxLength={40} inputMode="decimal" description={readBack(value.periodValue)} error={fieldError({ message: error?.('periodValue') })} />
          <TextInput id={fieldId(`indicators.${item.key}.cumulativeValue`)} label={t('reports.form.cumulativeValue')} value={value.cumulativeValue ?? ''} onChange={(e) => set({ cumulativeValue: e.currentTarget.value === '' ? null : e.currentTarget.value })} maxLength={40} inputMode="decimal" description={readBack(value.cumulativeValue)} error={fieldError({ message: error?.('cumulativeValue') })} />
        </SimpleGrid>
      ) : (
        <SimpleGrid type="container" cols={{ base: 1, '360px': 2 }} spacing="xs" mt="xs">
          <Box><Text size="xs" c="dimmed">{t('reports.form.periodValue')}</Text><Text size="sm" data-testid="period-value">{value.periodValue ?? '—'}</Text></Box>
          <Box><Text size="xs" c="dimmed">{t('reports.form.cumulativeValue')}</Text><Text size="sm" data-testid="cumulative-value">{value.cumulativeValue ?? '—'}</Text></Box>
        </SimpleGrid>
      )}

      <Stack gap={4} mt="xs" data-testid="indicator-progress">
        {progress.progressBp !== null ? (
          <>
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{t('reports.form.progress', { percent: f.basisPoints(progress.progressBp, 0) })}</Text>
              {progress.achieved ? <Badge color="green" variant="light" tt="none">{t('reports.form.achieved')}</Badge> : null}
              {progress.behind ? (
                <Group gap={4} wrap="nowrap" align="flex-start" data-testid="behind-flag">
                  <IconAlertTriangle size={16} color="var(--mantine-color-red-text)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                  <Text size="sm" c="red.8" fw={600} data-testid="behind">{t('reports.form.behind', { elapsed: f.basisPoints(progress.elapsedBp, 0) })}</Text>
                </Group>
              ) : (
                <Text size="xs" c="dimmed">{t('reports.form.onTrack', { elapsed: f.basisPoints(progress.elapsedBp, 0) })}</Text>
              )}
            </Group>
            <Progress value={Math.min(100, progress.progressBp / 100)} color={progress.behind ? 'red' : progress.achieved ? 'green' : 'blue'} aria-label={t('reports.form.progress', { percent: f.basisPoints(progress.progressBp, 0) })} />
          </>
        ) : (
          <Text size="xs" c="dimmed">{progress.direction === 'none' ? t('reports.form.progressNoChange') : t('reports.form.progressNone')}</Text>
        )}
      </Stack>

      {editable ? (
        <Textarea mt="xs" id={fieldId(`indicators.${item.key}.comment`)} label={t('reports.form.indicatorComment')} value={value.comment} onChange={(e) => set({ comment: e.currentTarget.value })} autosize minRows={1} maxLength={20_000} error={fieldError({ message: error?.('comment') })} />
      ) : value.comment ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value.comment}</Text>
      ) : null}

      <Stack gap={4} mt="xs">
        <Text size="xs" c="dimmed">{t('reports.form.evidence')}</Text>
        {value.evidenceFileIds.length === 0 ? <Text size="sm" c="dimmed">{t('reports.form.noEvidence')}</Text> : (
          <Group gap="xs" wrap="wrap">
            {value.evidenceFileIds.map((id) => (
              <Anchor key={id} href={grantsApi.fileUrl(grantId, id)} size="sm" target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>{names[id] ?? fileNames[id] ?? id.slice(0, 8)}</Anchor>
            ))}
          </Group>
        )}
        {editable ? (
          <Group gap="xs">
            <FileButton onChange={(file) => void upload(file)}>
              {(props) => <Button {...props} size="xs" variant="light" loading={uploading} leftSection={<IconPaperclip size={14} aria-hidden />}>{t('reports.form.attachEvidence')}</Button>}
            </FileButton>
            {uploadError ? <Text size="xs" c="red" role="alert">{uploadError}</Text> : null}
          </Group>
        ) : null}
      </Stack>
      {aside}
    </Card>
  );
}
