import { Alert, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { evaluationApi } from '../api';
import type { ConflictAnswer } from '../types';

type Props = {
  assignmentId: string;
  organizationName: string;
  reference: string;
  onAnswered: (answer: ConflictAnswer, reason: string | null) => void;
};

const REASON_MAX = 2000;

/**
 * Before an evaluator sees an application, only the organisation's name and the reference: they confirm that
 * they have no conflict of interest with it (the application opens), or declare one with a reason (they are
 * taken off and the Secretariat's worker assigns a replacement).
 */
export function ConflictStep({ assignmentId, organizationName, reference, onAnswered }: Props) {
  const { t } = useTranslation();
  const [declaring, setDeclaring] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const answer = useMutation({
    mutationFn: (conflict: boolean) =>
      evaluationApi.conflict(assignmentId, conflict ? { conflict: true, reason: reason.trim() } : { conflict: false }),
    onSuccess: (a, conflict) => onAnswered(a, conflict ? reason.trim() : null),
  });
  const blank = reason.trim() === '';
  return (
    <Card withBorder padding="lg" maw={720} component="section" aria-labelledby="conflict-title">
      <Stack gap="md">
        <Alert color="blue" variant="light" icon={<IconLock aria-hidden />}>{t('evaluation.conflict.onlyName')}</Alert>
        <div>
          <Text size="sm" c="dimmed">{t('evaluation.conflict.organization')}</Text>
          <Text size="xl" fw={700} data-testid="conflict-organization">{organizationName}</Text>
          <Text size="sm" c="dimmed" mt="xs">{t('evaluation.conflict.reference')}</Text>
          <Text ff="monospace">{reference}</Text>
        </div>
        <Title order={2} size="h4" id="conflict-title">{t('evaluation.conflict.question')}</Title>
        <Text size="sm">{t('evaluation.conflict.explain')}</Text>
        {!declaring ? (
          <Group>
            <Button loading={answer.isPending && answer.variables === false} disabled={answer.isPending} onClick={() => answer.mutate(false)}>
              {t('evaluation.conflict.noConflict')}
            </Button>
            <Button variant="outline" color="red" disabled={answer.isPending} onClick={() => setDeclaring(true)}>
              {t('evaluation.conflict.haveConflict')}
            </Button>
          </Group>
        ) : (
          <Stack gap="sm">
            <Textarea
              label={t('evaluation.conflict.reason')}
              description={t('evaluation.conflict.reasonHint')}
              withAsterisk
              autosize
              minRows={3}
              maxLength={REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={tried && blank ? <span role="alert">{t('evaluation.conflict.reasonRequired')}</span> : undefined}
            />
            <Group>
              <Button
                color="red"
                leftSection={<IconAlertTriangle size={16} aria-hidden />}
                loading={answer.isPending}
                onClick={() => {
                  setTried(true);
                  if (!blank) answer.mutate(true);
                }}
              >
                {t('evaluation.conflict.declare')}
              </Button>
              <Button variant="default" disabled={answer.isPending} onClick={() => { setDeclaring(false); setTried(false); }}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {answer.isError ? <ErrorAlert error={answer.error} namespace="evaluation.errors" /> : null}
      </Stack>
    </Card>
  );
}
