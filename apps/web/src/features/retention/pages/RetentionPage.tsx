import { Alert, Badge, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconEye, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, shortHash } from '../../../ui/format';
import { formatCount } from '../../../ui/format-number';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useRetentionDryRun, useRetentionRuns, useRetentionSettings, useRunRetention, useUpdateRetention } from '../hooks';
import type { RetentionSettingsBody, RetentionSweepItem } from '../types';

type Unit = 'days' | 'months' | 'years';
type Draft = Record<string, { amount: number | string; unit: Unit }>;

/** The rows of a sweep or dry run, by record type and table, with the id range. */
function SweepTable({ items, caption }: { items: RetentionSweepItem[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('retention.type')}</Table.Th>
            <Table.Th scope="col">{t('retention.table')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('retention.count')}</Table.Th>
            <Table.Th scope="col">{t('retention.ids')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={`${i.type}/${i.table}`}>
              <Table.Td>{t(`retention.types.${i.type}`, { defaultValue: i.type })}</Table.Td>
              <Table.Td><code>{i.table}</code></Table.Td>
              <Table.Td ta="right">{formatCount(i.count, i18n.language)}</Table.Td>
              <Table.Td className="mono">
                {i.firstId ? (i.firstId === i.lastId ? shortHash(i.firstId, 8, 4) : `${shortHash(i.firstId, 8, 4)} … ${shortHash(i.lastId ?? '', 8, 4)}`) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * /admin/retention (issue 14): how long each kind of record is kept and from when, editable by an admin; "what would
 * be removed now" (a dry run, nothing changes); the daily sweep's reports, and a run now.
 */
export function RetentionPage() {
  const { t, i18n } = useTranslation();
  const settings = useRetentionSettings();
  const update = useUpdateRetention();
  const dry = useRetentionDryRun();
  const runs = useRetentionRuns();
  const runNow = useRunRetention();
  const [draft, setDraft] = useState<Draft>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (settings.data) setDraft(Object.fromEntries(settings.data.map((s) => [s.type, { amount: s.amount, unit: s.unit as Unit }])));
  }, [settings.data]);

  const changed = (settings.data ?? []).filter((s) => draft[s.type] && (Number(draft[s.type]!.amount) !== s.amount || draft[s.type]!.unit !== s.unit));
  const units = (['days', 'months', 'years'] as const).map((u) => ({ value: u, label: t(`retention.units.${u}`) }));

  const save = async () => {
    setFieldErrors({});
    const body = { settings: changed.map((s) => ({ type: s.type as RetentionSettingsBody['settings'][number]['type'], amount: Number(draft[s.type]!.amount), unit: draft[s.type]!.unit })) };
    try {
      await update.mutateAsync(body);
      notifySuccess(t('retention.saved'));
    } catch (e) {
      if (isApiError(e)) {
        const errs: Record<string, string> = {};
        for (const d of e.details ?? []) {
          const m = /^settings\.(\d+)\.(\w+)$/.exec(d.field);
          if (m) errs[`${changed[Number(m[1])]?.type}.${m[2]}`] = t(`retention.errors.${d.code}`, { defaultValue: d.message });
        }
        setFieldErrors(errs);
      }
    }
  };

  return (
    <>
      <PageHeader title={t('retention.title')} description={t('retention.intro')} />
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('retention.periodsTitle')}</Title>
          <Text size="sm" c="dimmed" mb="md">{t('retention.sources')}</Text>
          {settings.isPending ? (
            <CenteredLoader />
          ) : settings.isError ? (
            <ErrorAlert error={settings.error} />
          ) : (
            <>
              {update.isError && !Object.keys(fieldErrors).length ? <ErrorAlert error={update.error} /> : null}
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('retention.type')}</Table.Th>
                      <Table.Th scope="col">{t('retention.kept')}</Table.Th>
                      <Table.Th scope="col">{t('retention.anchor')}</Table.Th>
                      <Table.Th scope="col">{t('retention.default')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {settings.data.map((s) => (
                      <Table.Tr key={s.type}>
                        <Table.Td>
                          <Text fw={500} size="sm">{t(`retention.types.${s.type}`)}</Text>
                          <Text size="xs" c="dimmed">{t(`retention.typeHints.${s.type}`)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap" align="flex-start">
                            <NumberInput
                              aria-label={t('retention.amountOf', { type: t(`retention.types.${s.type}`) })}
                              w={90}
                              min={1}
                              allowDecimal={false}
                              value={draft[s.type]?.amount ?? s.amount}
                              error={fieldErrors[`${s.type}.amount`]}
                              onChange={(v) => setDraft((d) => ({ ...d, [s.type]: { ...(d[s.type] ?? { unit: s.unit as Unit }), amount: v } }))}
                            />
                            <Select
                              aria-label={t('retention.unitOf', { type: t(`retention.types.${s.type}`) })}
                              w={120}
                              data={units}
                              allowDeselect={false}
                              value={draft[s.type]?.unit ?? s.unit}
                              error={fieldErrors[`${s.type}.unit`]}
                              onChange={(v) => v && setDraft((d) => ({ ...d, [s.type]: { ...(d[s.type] ?? { amount: s.amount }), unit: v as Unit } }))}
                            />
                          </Group>
                        </Table.Td>
                        <Table.Td>{t(`retention.anchors.${s.anchor}`)}</Table.Td>
                        <Table.Td>
                          {t(`retention.unitCount.${s.defaultUnit}`, { count: s.defaultAmount, n: formatCount(s.defaultAmount, i18n.language) })}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="flex-end" mt="md">
                <Button onClick={() => void save()} disabled={!changed.length} loading={update.isPending}>
                  {t('retention.save')}
                </Button>
              </Group>
            </>
          )}
        </Paper>

        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">{t('retention.nowTitle')}</Title>
            <Group gap="xs">
              <Button variant="default" leftSection={<IconEye size={16} aria-hidden />} loading={dry.isPending} onClick={() => dry.mutate()}>
                {t('retention.dryRun')}
              </Button>
              <ConfirmButton
                leftSection={<IconTrash size={16} aria-hidden />}
                title={t('retention.runTitle')}
                message={t('retention.runConfirm')}
                confirmLabel={t('retention.runNow')}
                loading={runNow.isPending}
                onConfirm={() => runNow.mutate(undefined, { onSuccess: () => notifySuccess(t('retention.ran')) })}
              >
                {t('retention.runNow')}
              </ConfirmButton>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" mb="sm">{t('retention.nowIntro')}</Text>
          <div aria-live="polite">
            {dry.isError ? <ErrorAlert error={dry.error} /> : null}
            {runNow.isError ? <ErrorAlert error={runNow.error} /> : null}
            {dry.data ? (
              dry.data.items.every((i) => i.count === 0) ? (
                <Alert color="green" role="status">{t('retention.nothingExpired')}</Alert>
              ) : (
                <SweepTable items={dry.data.items.filter((i) => i.count > 0)} caption={t('retention.dryCaption', { at: formatDateTime(dry.data.at, i18n.language) })} />
              )
            ) : null}
          </div>
        </Paper>

        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">{t('retention.runsTitle')}</Title>
          {runs.isPending ? (
            <CenteredLoader />
          ) : runs.isError ? (
            <ErrorAlert error={runs.error} />
          ) : runs.data.length === 0 ? (
            <Text c="dimmed">{t('retention.noRuns')}</Text>
          ) : (
            <Stack gap="md">
              {runs.data.map((r) => {
                const removed = r.items.filter((i) => i.count > 0);
                return (
                  <div key={r.id}>
                    <Group gap="xs" mb={4}>
                      <Text fw={500} size="sm">{formatDateTime(r.startedAt, i18n.language)}</Text>
                      <Badge variant="light" color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'gray'}>{t(`retention.status.${r.status}`)}</Badge>
                      <Text size="xs" c="dimmed">{r.byPerson ? t('retention.byPerson') : t('retention.byJob')}</Text>
                    </Group>
                    {r.error ? <Text size="sm" c="red">{r.error}</Text> : null}
                    {removed.length ? (
                      <SweepTable items={removed} caption={t('retention.runCaption', { count: removed.reduce((n: number, i) => n + i.count, 0) })} />
                    ) : (
                      <Text size="sm" c="dimmed">{t('retention.runNothing')}</Text>
                    )}
                  </div>
                );
              })}
            </Stack>
          )}
        </Paper>
      </Stack>
    </>
  );
}
