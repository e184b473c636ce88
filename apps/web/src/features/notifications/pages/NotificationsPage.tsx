import { Button, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconBellOff, IconChecks } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { describeError } from '../../../ui/errors';
import { PageHeader } from '../../../ui/PageHeader';
import { PagePagination } from '../../../ui/PagePagination';
import { NOTIFICATIONS_PAGE_SIZE, useMarkAllRead, useNotifications } from '../hooks';
import { NotificationItem } from '../components/NotificationItem';
import { notifyError } from '../../../ui/notify';


export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [page, setPage] = useState(1);
  const list = useNotifications(filter === 'unread', page);
  const markAll = useMarkAllRead();
  const unread = list.data?.unreadCount ?? 0;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.unreadCount', { count: unread })}
        actions={
          <Button
            variant="light"
            leftSection={<IconChecks size={16} aria-hidden />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, { onError: (e) => notifyError(describeError(t, e)) })
            }
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          w="fit-content"
          value={filter}
          onChange={(v) => {
            setFilter(v as 'all' | 'unread');
            setPage(1);
          }}
          data={[
            { value: 'all', label: t('notifications.filterAll') },
            { value: 'unread', label: t('notifications.filterUnread') },
          ]}
          aria-label={t('notifications.filter')}
        />
        {list.isPending ? (
          <CenteredLoader />
        ) : list.isError ? (
          <ErrorAlert error={list.error} />
        ) : list.data.items.length === 0 ? (
          <Paper withBorder p="xl" ta="center">
            <IconBellOff size={32} aria-hidden color="var(--mantine-color-gray-7)" />
            <Text mt="sm">{filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}</Text>
          </Paper>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.items.map((n) => (
              <li key={n.id}>
                <NotificationItem notification={n} />
              </li>
            ))}
          </Stack>
        )}
        {list.data ? (
          <PagePagination page={page} total={list.data.total} pageSize={NOTIFICATIONS_PAGE_SIZE} onChange={setPage} />
        ) : null}
      </Stack>
    </>
  );
}
