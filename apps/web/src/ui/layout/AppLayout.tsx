import { AppShell, Burger, Container, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import type { Me } from '../../features/auth/types';
import { useMe } from '../../features/auth/hooks';
import { useMailboxEnabled } from '../../features/mailbox/hooks';
import { StepUpDialog } from '../../features/security/StepUpDialog';
import { CenteredLoader } from '../CenteredLoader';
import { LanguageSwitcher } from './LanguageSwitcher';
import { Navbar } from './Navbar';
import { NotificationBell } from './NotificationBell';
import { PortalName } from './PortalName';
import { UserMenu } from './UserMenu';

/** The signed-in shell: header (name, language, notifications, user), navbar by permission, main. */
export function AppLayout({ children }: { children?: React.ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  return <AppShellFor me={me}>{children}</AppShellFor>;
}

function AppShellFor({ me, children }: { me: Me; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const mailboxEnabled = useMailboxEnabled();
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <PortalName to="/home" />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <NotificationBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" aria-label={t('nav.label')}>
        <Navbar me={me} mailboxEnabled={mailboxEnabled} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" px={0}>
          <Suspense fallback={<CenteredLoader />}>{children ?? <Outlet />}</Suspense>
        </Container>
      </AppShell.Main>
      <StepUpDialog />
    </AppShell>
  );
}
