import type { ReallocationResult } from '@grants/domain';
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { grantsApi } from '../api';
import type { Grant, GrantAmendment } from '../types';
import { amendmentsApi, useAmendmentContext } from './AmendmentApi';
import { AmendmentForm, ReallocationClassification } from './AmendmentForm';
import { VersionCompare } from './VersionCompare';

const STATUS_COLORS = { requested: 'blue', approved: 'green', rejected: 'red' } as const;

/** The Secretariat approves an amendment, or rejects it with the reason the organisation reads. */
export function AmendmentDecision({ amendment, onDone }: { amendment: GrantAmendment; onDone: (g: Grant) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const decide = useMutation({ mutationFn: (decision: 'approved' | 'rejected') => amendmentsApi.decide(amendment.id, decision, reason), onSuccess: onDone });
  return (
    <Stack gap="xs" data-testid={`decide-${amendment.id}`}>
      <Textarea
        label={rejecting ? t('grants.amendmentForm.rejectReason') : t('grants.amendmentForm.decisionNote')}
        required={rejecting}
        autosize
        minRows={1}
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={rejecting && !reason.trim() ? t('grants.amendmentForm.reasonRequired') : undefined}
      />
      {decide.isError ? <ErrorAlert error={decide.error} namespace="grants.errors" /> : null}
      <Group gap="xs">
        <Button size="xs" color="green" loading={decide.isPending && decide.variables === 'approved'} onClick={() => decide.mutate('approved')}>{t('grants.amendmentForm.approve')}</Button>
        <Button
          size="xs"
          color="red"
          variant="light"
          loading={decide.isPending && decide.variables === 'rejected'}
          onClick={() => {
            setRejecting(true);
            if (reason.trim()) decide.mutate('rejected');
          }}
        >
          {t('grants.amendmentForm.reject')}
        </Button>
      </Group>
    </Stack>
  );
}

function AmendmentItem({ grant, a, manage, onChanged }: { grant: Grant; a: GrantAmendment; manage: boolean; onChanged: (g: Grant) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const change = a.change as Record<string, unknown>;
  return (
    <Paper withBorder p="sm" data-testid={`amendment-${a.id}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm">{t(`grants.amendmentKind.${a.kind}`)}</Text>
          <Badge color={STATUS_COLORS[a.status]} variant="light" tt="none">{a.notice ? t('grants.versions.notice') : t(`grants.amendmentStatus.${a.status}`)}</Badge>
          <Text size="xs" c="dimmed">{f.dateTime(a.requestedAt)}</Text>
        </Group>
        {a.kind === 'no_cost_extension' && typeof change.endDate === 'string' ? <Text size="sm">{t('grants.amendmentForm.newEnd', { date: f.date(change.endDate) })}</Text> : null}
        {a.kind === 'bank_account_change' && typeof change.iban === 'string' ? <Text size="sm" ff="monospace">{change.iban}</Text> : null}
        {a.kind === 'budget_reallocation' && a.reallocation && a.status === 'requested' ? <ReallocationClassification result={a.reallocation as unknown as ReallocationResult} /> : null}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{a.justification}</Text>
        {a.decisionReason ? <Text size="sm" c="dimmed">{t('grants.amendments.reason', { reason: a.decisionReason })}</Text> : null}
        {a.bankLetterFileId ? <Text size="sm"><a href={grantsApi.fileUrl(grant.id, a.bankLetterFileId)} download>{t('grants.amendmentForm.bankLetter')}</a></Text> : null}
        {manage && a.status === 'requested' ? <AmendmentDecision amendment={a} onDone={onChanged} /> : null}
      </Stack>
    </Paper>
  );
}

/**
 * The grant's amendments: the organisation's request form (per kind), every request with its decision (the
 * Secretariat approves, or rejects with a reason), the versions with their addenda and a comparison of two.
 */
export function AmendmentPanel({ grant, manage, act, onChanged }: { grant: Grant; manage: boolean; act: boolean; onChanged: (g?: Grant) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const running = grant.status === 'in_force' || grant.status === 'suspended';
  const context = useAmendmentContext(grant.id, open);
  const changed = (g?: Grant) => {
    setOpen(false);
    void qc.invalidateQueries({ queryKey: ['grants', grant.id] });
    onChanged(g);
  };
  if (grant.versions.length === 0 && grant.amendments.length === 0 && !(act && running)) return null;
  const pending = grant.amendments.filter((a) => a.status === 'requested');
  return (
    <section aria-labelledby="amendments-title" data-testid="amendments">
      <Title order={2} size="h4" mb="xs" id="amendments-title">{t('grants.amendments.title')}</Title>
      <Stack gap="sm">
        {manage && pending.length ? <Alert color="blue" variant="light">{t('grants.amendmentForm.toDecide', { count: pending.length })}</Alert> : null}
        {act && running && !open ? <Group><Button variant="light" onClick={() => setOpen(true)}>{t('grants.amendmentForm.open')}</Button></Group> : null}
        {open && context.isError ? <ErrorAlert error={context.error} /> : null}
        {open && context.data ? <AmendmentForm grant={grant} context={context.data} onDone={changed} onCancel={() => setOpen(false)} /> : null}
        {[...grant.amendments].reverse().map((a) => <AmendmentItem key={a.id} grant={grant} a={a} manage={manage} onChanged={changed} />)}
        <VersionCompare grantId={grant.id} />
      </Stack>
    </section>
  );
}
