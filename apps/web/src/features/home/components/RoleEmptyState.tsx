import { Card, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../auth/types';

/** For roles whose work (calls, assignments, grants) arrives with later parts of the portal. */
export function RoleEmptyState({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="xl" component="section" aria-labelledby="empty-heading">
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          <IconSparkles size={30} />
        </ThemeIcon>
        <Title order={2} size="h4" id="empty-heading">
          {t('home.empty.title')}
        </Title>
        <Text maw={560}>{t(`home.empty.${role}`, { defaultValue: t('home.empty.default') })}</Text>
      </Stack>
    </Card>
  );
}
