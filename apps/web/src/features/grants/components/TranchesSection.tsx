import { canApproveTranche, canDoOnGrant, canRequestTranche, type GrantStatus } from '@grants/domain';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { grantsApi } from '../api';
import { conditionText } from '../conditions';
import type { Grant, Tranche } from '../types';
import { ConditionList } from './ConditionList';
import { TrancheStatusBadge } from './GrantStatusBadge';
import { PayForm, ReturnForm, TrancheRequestForm } from './TrancheForms';

export type GrantRoleView = { manage: boolean; act: boolean; owner: boolean };

type Open = { seq: number; form: 'request' | 'pay' | 'return' } | null;

function TrancheCard({ grant, tranche, role, open, setOpen, onChanged }: {
  grant: Grant;
  tranche: Tranche;
  role: GrantRoleView;
  open: Open;
  setOpen: (o: Open) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const status = grant.status as GrantStatus;
  const approve = useMutation({ mutationFn: () => grantsApi.approveTranche(tranche.id), onSuccess: onChanged });
  const formOpen = open?.seq === tranche.seq ? open.form : null;
  const done = () => {
    setOpen(null);
    onChanged();
  };

  const mayRequest = role.act && canDoOnGrant(status, 'request_tranche') && canRequestTranche(tranche, { status, tranches: grant.tranches }).ok;
  const approval = canApproveTranche(tranche.status, tranche.conditions);
  const reviewable = role.manage && tranche.status === 'requested';
  const mayApprove = reviewable && canDoOnGrant(status, 'approve_tranche');
  const mayPay = role.manage && tranche.status === 'approved' && canDoOnGrant(status, 'pay_tranche');
  const blocked = !approval.ok && approval.reason === 'conditions_not_met' ? approval.unmet : [];
  const label = t('grants.tranches.name', { seq: tranche.seq, kind: t(`grants.trancheKind.${tranche.kind}`) });

  return (
    <Paper withBorder p="sm" data-testid={`tranche-${tranche.seq}`} component="article" aria-label={label}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={700}>{label}</Text>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} style={{ whiteSpace: 'nowrap' }} data-testid={`tranche-amount-${tranche.seq}`}>{f.money(tranche.amountCents)}</Text>
            <TrancheStatusBadge status={tranche.status} />
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('grants.tranches.planned', { date: f.date(tranche.plannedDate) })}
          {tranche.periodStart && tranche.periodEnd ? ` · ${t('grants.tranches.period', { from: f.date(tranche.periodStart), to: f.date(tranche.periodEnd) })}` : ''}
        </Text>
        {tranche.requestedAt ? <Text size="sm">{t('grants.tranches.requestedAt', { date: f.dateTime(tranche.requestedAt) })}{tranche.requestNote ? ` — ${tranche.requestNote}` : ''}</Text> : null}
        {tranche.documentFileIds.length > 0 ? (
          <Group gap="xs">
            {tranche.documentFileIds.map((fileId, i) => (
              <Button key={fileId} component="a" href={grantsApi.fileUrl(grant.id, fileId)} size="compact-xs" variant="light">{t('grants.tranches.document', { n: i + 1 })}</Button>
            ))}
          </Group>
        ) : null}
        {tranche.approvedAt ? <Text size="sm">{t('grants.tranches.approvedAt', { date: f.dateTime(tranche.approvedAt) })}</Text> : null}
        {tranche.paidOn ? <Text size="sm" data-testid={`tranche-paid-${tranche.seq}`}>{t('grants.tranches.paidOn', { date: f.date(tranche.paidOn), reference: tranche.bankReference ?? '' })}</Text> : null}
        {tranche.returnReason && tranche.status === 'planned' ? <Alert color="orange" variant="light" p="xs">{t('grants.tranches.returned', { reason: tranche.returnReason })}</Alert> : null}
        {tranche.status !== 'paid' ? (
          <>
            <Text size="sm" fw={600}>{t('grants.tranches.conditions')}</Text>
            <ConditionList conditions={tranche.conditions} testId={`conditions-${tranche.seq}`} />
          </>
        ) : null}

        {reviewable && blocked.length > 0 ? (
          <Alert color="red" variant="light" p="xs" data-testid={`blocked-${tranche.seq}`} title={t('grants.approve.blocked')}>
            <Stack gap={2}>
              {blocked.map((c) => <Text key={c.kind} size="sm">{`${t(`grants.condition.${c.kind}.label`)}: ${conditionText(t, c, f)}`}</Text>)}
            </Stack>
          </Alert>
        ) : null}
        {approve.isError ? <ErrorAlert error={approve.error} namespace="grants.errors" /> : null}

        {formOpen === 'request' ? <TrancheRequestForm grantId={grant.id} tranche={tranche} onDone={done} onCancel={() => setOpen(null)} /> : null}
        {formOpen === 'pay' ? <PayForm tranche={tranche} onDone={done} onCancel={() => setOpen(null)} /> : null}
        {formOpen === 'return' ? <ReturnForm tranche={tranche} onDone={done} onCancel={() => setOpen(null)} /> : null}

        {formOpen === null ? (
          <Group gap="xs">
            {mayRequest ? <Button size="xs" onClick={() => setOpen({ seq: tranche.seq, form: 'request' })}>{t('grants.request.open')}</Button> : null}
            {reviewable ? (
              <Button size="xs" color="green" disabled={!mayApprove || !approval.ok} loading={approve.isPending} onClick={() => approve.mutate()}>
                {t('grants.approve.button')}
              </Button>
            ) : null}
            {reviewable ? <Button size="xs" variant="default" onClick={() => setOpen({ seq: tranche.seq, form: 'return' })}>{t('grants.returnForm.open')}</Button> : null}
            {mayPay ? <Button size="xs" color="green" onClick={() => setOpen({ seq: tranche.seq, form: 'pay' })}>{t('grants.pay.open')}</Button> : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** The grant's tranches, each with its conditions met or not and the figure behind them, and what this reader may do. */
export function TranchesSection({ grant, role, onChanged }: { grant: Grant; role: GrantRoleView; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState<Open>(null);
  return (
    <section aria-labelledby="tranches-title">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="tranches-title">{t('grants.tranches.title')}</Title>
        <Text size="sm" data-testid="paid-total">{t('grants.tranches.paidTotal', { paid: f.money(grant.paidCents), total: f.money(grant.amountCents) })}</Text>
      </Group>
      {grant.tranches.length === 0 ? (
        <Text c="dimmed">{t('grants.tranches.none')}</Text>
      ) : (
        <Stack gap="sm">
          {grant.tranches.map((tr) => <TrancheCard key={tr.id} grant={grant} tranche={tr} role={role} open={open} setOpen={setOpen} onChanged={onChanged} />)}
        </Stack>
      )}
    </section>
  );
}
