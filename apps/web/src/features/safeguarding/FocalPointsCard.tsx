import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, data } from '../../api/client';
import { useCan } from '../auth/hooks';

const KEY = ['safeguarding', 'focal-points'] as const;

/** The admin designates safeguarding focal points among the staff accounts (audited); the admin reads no report. */
export function FocalPointsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const admin = can('user.deactivate');
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => data(api.GET('/api/safeguarding/focal-points')), enabled: admin });
  const set = useMutation({
    mutationFn: (v: { userId: string; focalPoint: boolean }) => data(api.PUT('/api/safeguarding/focal-points/{userId}', { params: { path: { userId: v.userId } }, body: { focalPoint: v.focalPoint } })),
    onSuccess: (r) => qc.setQueryData(KEY, r),
  });
  if (!admin || !list.data) return null;
  return (
    <Card withBorder component="section" aria-labelledby="sg-focal">
      <Title order={2} size="h4" id="sg-focal">{t('safeguarding.focalPoints.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('safeguarding.focalPoints.hint')}</Text>
      <Stack gap="xs">
        {list.data.items.filter((u) => u.active).map((u) => (
          <Switch key={u.id} label={`${u.fullName} (${u.email})`} checked={u.focalPoint} disabled={set.isPending}
            onChange={(e) => set.mutate({ userId: u.id, focalPoint: e.currentTarget.checked })} />
        ))}
      </Stack>
    </Card>
  );
}
