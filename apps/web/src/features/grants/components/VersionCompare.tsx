import { Anchor, Badge, Group, List, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { grantsApi } from '../api';
import { useGrantVersions, useVersionCompare, type GrantVersionDiff, type GrantVersionSummary } from './AmendmentApi';

/** What changed from one version to another: dates, amounts, budget lines, logframe items, bank account. */
export function VersionDiffView({ diff }: { diff: GrantVersionDiff }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!diff.changed) return <Text size="sm" c="dimmed" data-testid="diff-none">{t('grants.versions.noChange')}</Text>;
  const rows: { key: string; what: string; from: string; to: string }[] = [];
  if (diff.amountCents) rows.push({ key: 'amount', what: t('grants.versions.amount'), from: f.money(diff.amountCents.from), to: f.money(diff.amountCents.to) });
  if (diff.startDate) rows.push({ key: 'start', what: t('grants.versions.startDate'), from: f.date(diff.startDate.from), to: f.date(diff.startDate.to) });
  if (diff.endDate) rows.push({ key: 'end', what: t('grants.versions.endDate'), from: f.date(diff.endDate.from), to: f.date(diff.endDate.to) });
  for (const c of diff.budgetLines.changed) rows.push({ key: `line-${c.lineId}`, what: `${t(`costHeadings.${c.to.heading}`)} — ${c.to.description}`, from: f.money(c.from.approvedCents), to: f.money(c.to.approvedCents) });
  for (const l of diff.budgetLines.added) rows.push({ key: `line-${l.lineId}`, what: `${t(`costHeadings.${l.heading}`)} — ${l.description}`, from: '—', to: f.money(l.approvedCents) });
  for (const l of diff.budgetLines.removed) rows.push({ key: `line-${l.lineId}`, what: `${t(`costHeadings.${l.heading}`)} — ${l.description}`, from: f.money(l.approvedCents), to: '—' });
  if (diff.indirectCents) rows.push({ key: 'indirect', what: t('applications.budget.indirect'), from: f.money(diff.indirectCents.from), to: f.money(diff.indirectCents.to) });
  for (const c of diff.logframe.changed) rows.push({ key: `lf-${c.key}`, what: t(`grants.versions.logframe.${c.to.kind}`), from: c.from.text, to: c.to.text });
  for (const i of diff.logframe.added) rows.push({ key: `lf-${i.key}`, what: t(`grants.versions.logframe.${i.kind}`), from: '—', to: i.text });
  for (const i of diff.logframe.removed) rows.push({ key: `lf-${i.key}`, what: t(`grants.versions.logframe.${i.kind}`), from: i.text, to: '—' });
  if (diff.bankAccount) rows.push({ key: 'bank', what: t('grants.versions.bankAccount'), from: diff.bankAccount.from.iban || '—', to: diff.bankAccount.to.iban });
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table fz="sm" verticalSpacing={4} data-testid="version-diff">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('grants.versions.what')}</Table.Th>
            <Table.Th>{t('grants.versions.before', { version: diff.fromVersion })}</Table.Th>
            <Table.Th>{t('grants.versions.after', { version: diff.toVersion })}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`diff-${r.key}`}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.what}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.from}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }} fw={600}>{r.to}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VersionLine({ grantId, v }: { grantId: string; v: GrantVersionSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <List.Item data-testid={`version-${v.version}`}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>v{v.version}</Text>
        <Text size="sm">{v.amendmentKind ? t(`grants.amendmentKind.${v.amendmentKind}`) : t('grants.versions.agreement')}</Text>
        {v.notice ? <Badge size="sm" variant="light" color="green" tt="none">{t('grants.versions.notice')}</Badge> : null}
        <Text size="xs" c="dimmed">{f.dateTime(v.createdAt)} · SHA-256 {shortHash(v.sha256)}</Text>
        {v.addendumFileId ? (
          <Anchor size="sm" href={grantsApi.fileUrl(grantId, v.addendumFileId)} download>{t('grants.versions.addendum', { n: v.version - 1 })}</Anchor>
        ) : null}
      </Group>
    </List.Item>
  );
}

/** The grant's versions (v1 the agreement, one per approved amendment or notice) with their addenda, and a comparison of any two. */
export function VersionCompare({ grantId }: { grantId: string }) {
  const { t } = useTranslation();
  const versions = useGrantVersions(grantId);
  const items = versions.data?.items ?? [];
  const last = items.length ? items[items.length - 1]!.version : null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? (last && last > 1 ? last - 1 : null);
  const b = to ?? (last && last > 1 ? last : null);
  const diff = useVersionCompare(grantId, a, b);
  if (versions.isError) return <ErrorAlert error={versions.error} />;
  if (items.length === 0) return null;
  const options = items.map((v) => ({ value: String(v.version), label: `v${v.version}` }));
  return (
    <Stack gap="xs" data-testid="versions">
      <Title order={3} size="h5">{t('grants.versions.title')}</Title>
      <List size="sm" spacing={4} listStyleType="none">
        {items.map((v) => <VersionLine key={v.version} grantId={grantId} v={v} />)}
      </List>
      {items.length > 1 ? (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Text size="sm" fw={600}>{t('grants.versions.compare')}</Text>
              <Select label={t('grants.versions.from')} data={options} value={a === null ? null : String(a)} onChange={(v) => setFrom(v ? Number(v) : null)} allowDeselect={false} w={110} />
              <Select label={t('grants.versions.to')} data={options} value={b === null ? null : String(b)} onChange={(v) => setTo(v ? Number(v) : null)} allowDeselect={false} w={110} />
            </Group>
            {a !== null && a === b ? <Text size="sm" c="dimmed">{t('grants.versions.same')}</Text> : null}
            {diff.isError ? <ErrorAlert error={diff.error} /> : null}
            {diff.data ? <VersionDiffView diff={diff.data} /> : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
