import { Anchor, Badge, Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../ui/format';
import { useMarkRead } from '../hooks';
import type { AppNotification } from '../types';

/** One notification: unread ones are emphasised (badge, bold title, tinted background, left border). */
export function NotificationItem({ notification: n, compact = false }: { notification: AppNotification; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  const unread = !n.readAt;
  const internal = n.link?.startsWith('/') && !n.link.startsWith('/api/');
  return (
    <Paper
      withBorder
      p={compact ? 'sm' : 'md'}
      bg={unread ? 'blue.0' : undefined}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-9)' } : undefined}
    >
      {/* on a phone the "mark as read" button goes under the text instead of squeezing it past the edge */}
      <Group justify="space-between" align="flex-start" gap="md">
        <Box style={{ flex: '1 1 14rem', minWidth: 0, overflowWrap: 'anywhere' }}>
          <Group gap="xs" mb={4}>
            {unread ? (
              <Badge size="sm" color="blue" variant="filled">
                {t('notifications.unread')}
              </Badge>
            ) : null}
            <Title order={compact ? 3 : 2} size="h5" fw={unread ? 700 : 500}>
              {n.title}
            </Title>
          </Group>
          {!compact ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {n.body}
            </Text>
          ) : null}
          <Group gap="md" mt={6}>
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt, i18n.language)}
            </Text>
            {n.link ? (
              internal ? (
                <Anchor component={Link} to={n.link} size="sm" onClick={() => unread && markRead.mutate(n.id)}>
                  {t('notifications.open')}
                </Anchor>
              ) : (
                <Anchor href={n.link} size="sm" onClick={() => unread && markRead.mutate(n.id)}>
                  {t('notifications.open')}
                </Anchor>
              )
            ) : null}
          </Group>
        </Box>
        {unread && !compact ? (
          <Button
            size="xs"
            variant="default"
            loading={markRead.isPending}
            onClick={() => markRead.mutate(n.id)}
            aria-label={t('notifications.markReadNamed', { title: n.title })}
          >
            {t('notifications.markRead')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

