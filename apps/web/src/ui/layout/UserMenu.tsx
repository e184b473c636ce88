import { Avatar, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { IconChevronDown, IconLogout, IconSettings, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Me } from '../../features/auth/types';
import { useLogout } from '../../features/auth/hooks';
import { describeError } from '../errors';
import { notifyError } from '../notify';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // to the start page first, then the session is forgotten (see useLogout)
  const logout = useLogout(() => navigate('/', { replace: true, flushSync: true }));
  // visit reports with work only on this phone: logging out deletes them (privacy), so the monitor is asked first
  const [waiting, setWaiting] = useState(0);
  const doLogout = () => logout.mutate(undefined, { onError: (e) => notifyError(describeError(t, e)) });
  const askLogout = async () => {
    const n = await import('../../features/monitoring/offline/clear').then((m) => m.offlineWorkWaiting(me.id)).catch(() => 0);
    if (n > 0) setWaiting(n);
    else doLogout();
  };
  return (
    <>
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={waiting > 0} onClose={() => setWaiting(0)} title={t('auth.logoutOffline.title')} centered>
      <Text size="sm" mb="md">{t('auth.logoutOffline.message', { count: waiting })}</Text>
      <Group justify="flex-end" gap="sm" wrap="wrap">
        <Button variant="default" onClick={() => { setWaiting(0); navigate('/visits'); }}>{t('auth.logoutOffline.stay')}</Button>
        <Button color="red" onClick={() => { setWaiting(0); doLogout(); }}>{t('auth.logoutOffline.logout')}</Button>
      </Group>
    </Modal>
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          c="dark"
          size="compact-md"
          leftSection={
            <Avatar size={26} radius="xl" color="blue" aria-hidden>
              {initials(me.fullName)}
            </Avatar>
          }
          rightSection={<IconChevronDown size={14} aria-hidden />}
          aria-label={t('nav.userMenu', { name: me.fullName })}
        >
          <Text span visibleFrom="sm" size="sm">
            {me.fullName}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.email} · {t(`roles.${me.role}`)}
        </Menu.Label>
        <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={16} aria-hidden />}>
          {t('nav.settings')}
        </Menu.Item>
        <Menu.Item component={Link} to="/account/security" leftSection={<IconShieldLock size={16} aria-hidden />}>
          {t('nav.security')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => void askLogout()}
        >
          {t('auth.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
    </>
  );
}
