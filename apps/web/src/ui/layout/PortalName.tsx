import { Anchor, Group, Text } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The portal's name as a link home; its own module so the public pages need not load the signed-in shell. */
export function PortalName({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={to} underline="never" c="dark" fw={700}>
      <Group gap={8} wrap="nowrap">
        <IconHeartHandshake size={26} color="var(--mantine-color-blue-9)" aria-hidden />
        <Text span fw={700} size="lg" visibleFrom="xs">
          {t('app.name')}
        </Text>
        <Text span fw={700} size="lg" hiddenFrom="xs">
          {t('app.shortName')}
        </Text>
      </Group>
    </Anchor>
  );
}
