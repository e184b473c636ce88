import { grantTransitionRule, type GrantStatus } from '@grants/domain';
import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconFileTypePdf, IconSend, IconSignature } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { shortHash } from '../../../ui/format';
import { useFormat } from '../../../ui/format-number';
import { grantsApi } from '../api';
import { useMonitors } from '../hooks';
import type { Grant } from '../types';
import { GrantStatusBadge } from './GrantStatusBadge';
import type { GrantRoleView } from './TranchesSection';

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>{children}</Text>
    </div>
  );
}

/** The agreement: number, status, amount, dates, bank account, the PDF with its SHA-256, who signed and when. */
export function AgreementSection({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = grant.signature;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agreement-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="agreement-title">{t('grants.agreement.title')}</Title>
          <GrantStatusBadge status={grant.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact label={t('grants.agreement.number')} testId="agreement-number"><Text span ff="monospace" size="sm">{grant.agreementNumber ?? '—'}</Text></Fact>
          <Fact label={t('grants.agreement.amount')} testId="agreement-amount">{f.money(grant.amountCents)}</Fact>
          <Fact label={t('grants.agreement.period')}>
            {grant.startDate && grant.endDate ? `${f.date(grant.startDate)} – ${f.date(grant.endDate)}` : '—'}
            {grant.durationMonths ? ` (${t('grants.agreement.months', { count: grant.durationMonths })})` : ''}
          </Fact>
          <Fact label={t('grants.agreement.monitor')} testId="agreement-monitor">{grant.monitorName ?? t('grants.agreement.noMonitor')}</Fact>
          <Fact label={t('grants.agreement.organization')}>{grant.organizationName}</Fact>
          <Fact label={t('grants.agreement.call')}><Text span ff="monospace" size="sm">{grant.callReference}</Text></Fact>
          <Fact label={t('grants.agreement.iban')}>{grant.iban ? <Text span ff="monospace" size="sm">{grant.iban}</Text> : t('grants.agreement.ibanAtSignature')}</Fact>
          <Fact label={t('grants.agreement.signed')} testId="agreement-signed">
            {s.signedAt ? t('grants.agreement.signedBy', { name: s.signatoryName ?? '', function: s.signatoryFunction ?? '', date: f.dateTime(s.signedAt) }) : '—'}
            {s.countersignedAt ? <Text size="sm">{t('grants.agreement.countersigned', { date: f.dateTime(s.countersignedAt) })}</Text> : null}
          </Fact>
        </SimpleGrid>
        {grant.agreement ? (
          <Group gap="sm" wrap="wrap">
            <Button component="a" href={grantsApi.agreementUrl(grant.id)} variant="light" leftSection={<IconFileTypePdf size={16} aria-hidden />}>
              {t('grants.agreement.download')}
            </Button>
            <Text size="xs" c="dimmed" data-testid="agreement-sha">{t('grants.agreement.sha', { hash: shortHash(grant.agreement.sha256) })}</Text>
            {grant.signedCopyFileId ? <Anchor href={grantsApi.fileUrl(grant.id, grant.signedCopyFileId)} size="sm">{t('grants.agreement.signedCopy')}</Anchor> : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">{t('grants.agreement.notSent')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Moves the Secretariat makes other than sending and countersigning, each with its reason when the rule asks for one.
 * Closing is not among them: a grant closes on its closure page, once every item of the checklist is met.
 */
const OTHER_MOVES: GrantStatus[] = ['draft', 'suspended', 'in_force', 'terminated'];

/** The Secretariat's actions on the grant: send for signature, countersign, other moves, the monitor. */
export function SecretariatActions({ grant, role, onChanged }: { grant: Grant; role: GrantRoleView; onChanged: (g?: Grant) => void }) {
  const { t } = useTranslation();
  const status = grant.status as GrantStatus;
  const send = useMutation({ mutationFn: () => grantsApi.send(grant.id), onSuccess: onChanged });
  const countersign = useMutation({ mutationFn: () => grantsApi.countersign(grant.id), onSuccess: onChanged });
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: () => grantsApi.transition(grant.id, { to: to as GrantStatus, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    onSuccess: (g) => {
      setTo(null);
      setReason('');
      onChanged(g);
    },
  });
  const monitors = useMonitors(role.manage);
  const [monitorId, setMonitorId] = useState<string | null>(grant.monitorId);
  const assign = useMutation({ mutationFn: () => grantsApi.assignMonitor(grant.id, monitorId as string), onSuccess: onChanged });
  if (!role.manage) return null;

  const next = grant.nextStatuses as GrantStatus[];
  const moves = next.filter((s) => OTHER_MOVES.includes(s) && !(status === 'signed_by_organization' && s === 'in_force'));
  const rule = to ? grantTransitionRule(status, to as GrantStatus) : null;
  const error = send.error ?? countersign.error ?? move.error ?? assign.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="review-title" data-testid="secretariat-actions">
      <Stack gap="sm">
        <Title order={2} size="h4" id="review-title">{t('grants.review.title')}</Title>
        <Group gap="sm" wrap="wrap">
          {next.includes('sent_for_signature') ? (
            <Button leftSection={<IconSend size={16} aria-hidden />} loading={send.isPending} onClick={() => send.mutate()}>{t('grants.review.send')}</Button>
          ) : null}
          {status === 'signed_by_organization' && next.includes('in_force') ? (
            <Button color="green" leftSection={<IconSignature size={16} aria-hidden />} loading={countersign.isPending} onClick={() => countersign.mutate()}>{t('grants.review.countersign')}</Button>
          ) : null}
        </Group>
        {moves.length > 0 ? (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('grants.review.move')}
              placeholder={t('grants.review.movePlaceholder')}
              data={moves.map((s) => ({ value: s, label: t(`grants.move.${grantTransitionRule(status, s)?.action ?? s}`) }))}
              value={to}
              onChange={setTo}
              clearable
              style={{ flex: '1 1 200px' }}
            />
            {to ? (
              <Textarea
                label={t('grants.review.reason')}
                required={rule?.reasonRequired}
                autosize
                minRows={1}
                maxLength={2000}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                style={{ flex: '2 1 260px' }}
              />
            ) : null}
            {to ? (
              <Button variant="outline" color="orange" disabled={!!rule?.reasonRequired && !reason.trim()} loading={move.isPending} onClick={() => move.mutate()}>
                {t('grants.review.apply')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('grants.review.monitor')}
            data={(monitors.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.fullName }))}
            value={monitorId}
            onChange={setMonitorId}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            style={{ flex: '1 1 220px' }}
          />
          <Button variant="default" disabled={!monitorId || monitorId === grant.monitorId} loading={assign.isPending} onClick={() => assign.mutate()}>
            {t('grants.review.assign')}
          </Button>
        </Group>
        {error ? <ErrorAlert error={error} namespace="grants.errors" /> : null}
      </Stack>
    </Paper>
  );
}
