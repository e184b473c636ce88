import { secondFactorSettled } from '@grants/domain';
import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { useMe } from '../../features/auth/hooks';
import { useMailboxEnabled } from '../../features/mailbox/hooks';
import { PortalName } from './PortalName';
import { CenteredLoader } from '../CenteredLoader';
import { LanguageSwitcher } from './LanguageSwitcher';

/** The shell of the public pages: home, registration, login, password and invitation pages. */
export function PublicLayout({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const mailboxEnabled = useMailboxEnabled();
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Box component="header" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap">
            <PortalName to="/" />
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitcher />
              {!me ? (
                <Button component={Link} to="/login" variant="default" size="compact-md">
                  {t('auth.login')}
                </Button>
              ) : secondFactorSettled(me.secondFactor.state) ? (
                <Button component={Link} to="/home" size="compact-md">
                  {t('nav.myHome')}
                </Button>
              ) : null /* before the second factor "My home page" would only lead back here; the page offers to log out */}
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main" tabIndex={-1} py="xl" style={{ flex: 1 }}>
        <Container size="lg">
          <Suspense fallback={<CenteredLoader />}>{children ?? <Outlet />}</Suspense>
        </Container>
      </Box>
      <Box component="footer" py="md" bg="gray.0" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              {t('app.footer')}
            </Text>
            <Anchor component={Link} to="/safeguarding/report" size="sm">
              {t('nav.reportConcern')}
            </Anchor>
            {mailboxEnabled ? (
              <Anchor component={Link} to="/mailbox" size="sm">
                {t('nav.mailbox')}
              </Anchor>
            ) : null}
          </Group>
        </Container>
      </Box>
    </Box>
  );
}
