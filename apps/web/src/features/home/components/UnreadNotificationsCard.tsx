import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useUnreadNotifications } from '../../notifications/hooks';
import { NotificationItem } from '../../notifications/components/NotificationItem';

export function UnreadNotificationsCard() {
  const { t } = useTranslation();
  const unread = useUnreadNotifications();
  const count = unread.data?.unreadCount ?? 0;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="unread-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="unread-heading">
          {t('home.unreadTitle')}
        </Title>
        <Badge color={count > 0 ? 'blue' : 'gray'} variant="light">
          {t('notifications.unreadCount', { count })}
        </Badge>
      </Group>
      {unread.isPending ? (
        <CenteredLoader />
      ) : unread.isError ? (
        <ErrorAlert error={unread.error} />
      ) : unread.data.items.length === 0 ? (
        <Text c="dimmed">{t('notifications.noneUnread')}</Text>
      ) : (
        <Stack gap="xs">
          {unread.data.items.slice(0, 5).map((n) => (
            <NotificationItem key={n.id} notification={n} compact />
          ))}
        </Stack>
      )}
      <Anchor component={Link} to="/notifications" size="sm" mt="sm" display="inline-block">
        {t('home.allNotifications')}
      </Anchor>
    </Card>
  );
}
