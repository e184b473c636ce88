import { NavLink, ScrollArea, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { Me } from '../../features/auth/types';
import { MAILBOX_ITEM, visibleSections, type NavItem } from './navigation';

type Props = { me: Me; mailboxEnabled: boolean; onNavigate?: () => void };

function isActive(pathname: string, to: string): boolean {
  if (to === '/organization') return pathname === '/organization';
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** What this user may do, by permission (never by role name). */
export function Navbar({ me, mailboxEnabled, onNavigate }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const sections = visibleSections(me);
  const renderItem = (item: NavItem) => {
    const Icon = item.icon;
    const active = !item.external && isActive(pathname, item.to);
    const common = {
      label: t(item.labelKey),
      leftSection: <Icon size={18} aria-hidden />,
      active,
      'aria-current': active ? ('page' as const) : undefined,
    };
    if (item.external) {
      return (
        <NavLink
          key={item.to}
          {...common}
          component="a"
          href={item.to}
          target="_blank"
          rel="noopener"
          rightSection={
            <>
              <IconExternalLink size={14} aria-hidden />
              <VisuallyHidden>{t('common.opensInNewTab')}</VisuallyHidden>
            </>
          }
        />
      );
    }
    return <NavLink key={item.to} {...common} component={Link} to={item.to} onClick={onNavigate} />;
  };

  return (
    <ScrollArea type="auto">
      <Stack gap="md" p="sm" data-testid="navbar">
        {sections.map((section, i) => (
          <div key={section.labelKey ?? `s${i}`}>
            {section.labelKey ? (
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mb={4} component="h2">
                {t(section.labelKey)}
              </Text>
            ) : null}
            {section.items.map(renderItem)}
          </div>
        ))}
        {mailboxEnabled ? <div>{renderItem(MAILBOX_ITEM)}</div> : null}
      </Stack>
    </ScrollArea>
  );
}
