import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { formatDate } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { useCan } from '../../auth/hooks';
import { evaluationAdminApi } from '../api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useOverviewUpdater } from '../hooks';
import type { EvaluationOverview } from '../types';

/** The evaluators of a call: who signed the declaration, how much each has to do; add from the evaluators with an account, remove. */
export function PoolSection({ overview }: { overview: EvaluationOverview }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const callId = overview.call.id;
  const update = useOverviewUpdater(callId);
  const [userId, setUserId] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (id: string) => evaluationAdminApi.addEvaluator(callId, id),
    onSuccess: (o) => {
      update(o);
      setUserId(null);
      notifySuccess(t('evaluationAdmin.pool.added'));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => evaluationAdminApi.removeEvaluator(callId, id),
    onSuccess: (o) => {
      update(o);
      notifySuccess(t('evaluationAdmin.pool.removed'));
    },
  });
  const open = ['published', 'closed', 'in_evaluation'].includes(overview.call.status);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="pool-title">
      <Title order={2} size="h4" mb="sm" id="pool-title">{t('evaluationAdmin.pool.title')}</Title>
      <Stack gap="md">
        {overview.pool.length === 0 ? (
          <Text c="dimmed">{t('evaluationAdmin.pool.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped aria-labelledby="pool-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('evaluationAdmin.pool.name')}</Table.Th>
                  <Table.Th>{t('evaluationAdmin.pool.declaration')}</Table.Th>
                  <Table.Th ta="right">{t('evaluationAdmin.pool.assigned')}</Table.Th>
                  <Table.Th ta="right">{t('evaluationAdmin.pool.submitted')}</Table.Th>
                  <Table.Th ta="right">{t('evaluationAdmin.pool.conflicts')}</Table.Th>
                  <Table.Th ta="right">{t('evaluationAdmin.pool.overdue')}</Table.Th>
                  <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.pool.map((p) => (
                  <Table.Tr key={p.userId} data-testid={`pool-${p.userId}`}>
                    <Table.Td>
                      <Text size="sm">{p.fullName}</Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{p.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      {p.declarationSignedAt ? (
                        <Badge color="green" variant="light" tt="none">{t('evaluationAdmin.pool.signedOn', { date: formatDate(p.declarationSignedAt, i18n.language) })}</Badge>
                      ) : (
                        <Badge color="orange" variant="light" tt="none">{t('evaluationAdmin.pool.notSigned')}</Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{p.assigned}</Table.Td>
                    <Table.Td ta="right">{p.submitted}</Table.Td>
                    <Table.Td ta="right">{p.conflicts}</Table.Td>
                    <Table.Td ta="right" c={p.overdue > 0 ? 'red' : undefined} fw={p.overdue > 0 ? 700 : undefined}>{p.overdue}</Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        aria-label={t('evaluationAdmin.pool.removeLabel', { name: p.fullName })}
                        title={t('evaluationAdmin.pool.removeTitle', { name: p.fullName })}
                        message={t('evaluationAdmin.pool.removeConfirm')}
                        confirmLabel={t('evaluationAdmin.pool.remove')}
                        loading={remove.isPending && remove.variables === p.userId}
                        onConfirm={() => remove.mutate(p.userId)}
                      >
                        {t('evaluationAdmin.pool.remove')}
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {remove.isError ? <ErrorAlert error={remove.error} title={t('evaluationAdmin.pool.removeRefused')} namespace="ranking.errors" /> : null}

        {open ? (
          <Group align="flex-end" gap="sm">
            <Select
              w={360}
              label={t('evaluationAdmin.pool.add')}
              placeholder={overview.available.length ? t('evaluationAdmin.pool.choose') : t('evaluationAdmin.pool.noneAvailable')}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              disabled={overview.available.length === 0}
              data={overview.available.map((a) => ({ value: a.userId, label: `${a.fullName} (${a.email})` }))}
              value={userId}
              onChange={setUserId}
            />
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} disabled={!userId} loading={add.isPending} onClick={() => userId && add.mutate(userId)}>
              {t('evaluationAdmin.pool.addButton')}
            </Button>
          </Group>
        ) : null}
        {add.isError ? <ErrorAlert error={add.error} namespace="ranking.errors" /> : null}
        <Text size="sm" c="dimmed">
          {t('evaluationAdmin.pool.inviteHint')}{' '}
          {can('user.invite') ? (
            <Anchor component={Link} to="/admin/invitations" size="sm">{t('evaluationAdmin.pool.inviteLink')}</Anchor>
          ) : (
            t('evaluationAdmin.pool.inviteAskAdmin')
          )}
        </Text>
      </Stack>
    </Card>
  );
}
