import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUnreadNotifications } from '../../features/notifications/hooks';

export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useUnreadNotifications();
  const count = data?.unreadCount ?? 0;
  return (
    <Indicator label={<span aria-hidden>{count > 99 ? '99+' : count}</span>} size={18} disabled={count === 0} color="red" offset={4}>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        color="gray"
        c="dark"
        size="lg"
        aria-label={t('notifications.bell', { count })}
      >
        <IconBell size={22} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
