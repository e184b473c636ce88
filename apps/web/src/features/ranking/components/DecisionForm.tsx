import { formatEuroCents, type RankingChange } from '@grants/domain';
import { ActionIcon, Alert, Button, Card, Group, List, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconGavel, IconRefresh, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { DateField } from '../../../ui/DateField';
import { fieldError } from '../../../ui/fields';
import { notifySuccess } from '../../../ui/notify';
import { todayInKosovo } from '../../../ui/today';
import { useContentLanguage } from '../../calls/lang';
import { evaluationAdminApi } from '../api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import type { Adjustment, RankingData, RankingViewRow } from '../types';
import { outcomeLabel } from './RankingTable';

export const MAX_COMMITTEE_MEMBERS = 20;
const MEMBER_MAX_LENGTH = 200;

/** The committee members as the API takes them: one per line, blank lines dropped. */
export function committeeMembers(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

type Values = { members: string; decidedOn: string };

type Props = {
  callId: string;
  /** ranking.sha256 of the ranking with the call's envelope, the one the committee looked at. */
  rankingSha256: string;
  adjustments: Adjustment[];
  /** The rows of the ranking with the adjustments applied, and what the adjustments move. */
  rows: RankingViewRow[];
  changes: RankingChange[];
  onRemoveAdjustment: (applicationId: string) => void;
  /** A what-if envelope is shown: the decision is taken on the call's own envelope only. */
  blockedByWhatIf?: boolean;
  onDecided: (data: RankingData) => void;
  /** The ranking moved under the committee's feet (409 ranking_changed): reload it. */
  onStale: () => void;
};

/** The committee's decision: who sat, when, the adjusted amounts, tied to the ranking it looked at by its SHA-256. */
export function DecisionForm({ callId, rankingSha256, adjustments, rows, changes, onRemoveAdjustment, blockedByWhatIf, onDecided, onStale }: Props) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [confirming, confirm] = useDisclosure(false);
  const [stale, setStale] = useState(false);
  const today = todayInKosovo();
  const { register, control, handleSubmit, getValues, formState: { errors } } = useForm<Values>({ defaultValues: { members: '', decidedOn: today } });
  const byId = new Map(rows.map((r) => [r.applicationId, r]));

  const decide = useMutation({
    mutationFn: (v: Values) =>
      evaluationAdminApi.decide(callId, {
        committeeMembers: committeeMembers(v.members),
        decidedOn: v.decidedOn,
        adjustments: adjustments.length ? adjustments : undefined,
        rankingSha256,
      }),
    onMutate: () => setStale(false),
    onSuccess: (data) => {
      notifySuccess(t('ranking.decision.recorded'));
      onDecided(data);
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'ranking_changed') {
        setStale(true);
        onStale();
      }
    },
  });

  const onSubmit = handleSubmit(() => confirm.open());

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="decision-title">
      <Title order={2} size="h4" mb={4} id="decision-title">{t('ranking.decision.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('ranking.decision.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {stale ? (
            <Alert color="orange" variant="light" icon={<IconRefresh aria-hidden />} title={t('ranking.decision.staleTitle')} role="alert" data-testid="ranking-changed">
              {t('ranking.errors.ranking_changed')}
            </Alert>
          ) : decide.isError ? (
            <ErrorAlert error={decide.error} title={t('ranking.decision.refused')} namespace="ranking.errors" />
          ) : null}
          <Textarea
            label={t('ranking.decision.members')}
            description={t('ranking.decision.membersHint')}
            withAsterisk
            autosize
            minRows={3}
            {...register('members', {
              validate: (v) => {
                const list = committeeMembers(v);
                if (list.length === 0) return t('ranking.decision.membersRequired');
                if (list.length > MAX_COMMITTEE_MEMBERS) return t('ranking.decision.membersTooMany', { count: MAX_COMMITTEE_MEMBERS });
                if (list.some((m) => m.length > MEMBER_MAX_LENGTH)) return t('ranking.decision.memberTooLong', { count: MEMBER_MAX_LENGTH });
                return true;
              },
            })}
            error={fieldError(errors.members)}
          />
          <Controller
            control={control}
            name="decidedOn"
            rules={{
              required: t('ranking.decision.dateRequired'),
              validate: (v) => (!/^\d{4}-\d{2}-\d{2}$/.test(v) ? t('errors.date') : v > today ? t('ranking.decision.dateInFuture') : true),
            }}
            render={({ field }) => (
              <DateField
                w={320}
                label={t('ranking.decision.decidedOn')}
                withAsterisk
                max={today}
                value={field.value}
                onChange={field.onChange}
                error={fieldError(errors.decidedOn)}
              />
            )}
          />
          <div>
            <Text size="sm" fw={500}>{t('ranking.decision.adjustments')}</Text>
            {adjustments.length === 0 ? (
              <Text size="sm" c="dimmed">{t('ranking.decision.noAdjustments')}</Text>
            ) : (
              <List size="sm" spacing={4} data-testid="adjustments">
                {adjustments.map((a) => {
                  const r = byId.get(a.applicationId);
                  return (
                    <List.Item key={a.applicationId}>
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <Text size="sm">
                          {t('ranking.decision.adjustmentLine', {
                            reference: r?.reference ?? a.applicationId,
                            amount: formatEuroCents(a.amountCents, lang),
                            requested: r ? formatEuroCents(r.requestedCents, lang) : '—',
                            reason: a.reason,
                          })}
                        </Text>
                        <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('ranking.adjust.removeLabel', { reference: r?.reference ?? '' })} onClick={() => onRemoveAdjustment(a.applicationId)}>
                          <IconX size={14} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </List.Item>
                  );
                })}
              </List>
            )}
            {changes.length > 0 ? (
              <Alert mt="xs" color="blue" variant="light" title={t('ranking.decision.adjustmentChanges')}>
                <List size="sm">
                  {changes.map((c) => {
                    const r = byId.get(c.applicationId);
                    return <List.Item key={c.applicationId}>{t('ranking.decision.moves', { reference: c.reference, to: r ? outcomeLabel(t, r) : t(`ranking.outcome.${c.to}`) })}</List.Item>;
                  })}
                </List>
              </Alert>
            ) : null}
          </div>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{t('ranking.decision.sha', { sha: rankingSha256 })}</Text>
          {blockedByWhatIf ? <Alert color="yellow" variant="light">{t('ranking.decision.resetWhatIf')}</Alert> : null}
          <Group>
            <Button type="submit" color="green" leftSection={<IconGavel size={16} aria-hidden />} disabled={blockedByWhatIf} loading={decide.isPending}>
              {t('ranking.decision.record')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirming} onClose={confirm.close} title={t('ranking.decision.confirmTitle')} centered>
        <Stack>
          <Text size="sm">{t('ranking.decision.confirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>{t('common.cancel')}</Button>
            <Button color="green" onClick={() => { confirm.close(); decide.mutate(getValues()); }}>{t('ranking.decision.confirmButton')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
