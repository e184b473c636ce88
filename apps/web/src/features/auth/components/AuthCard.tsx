import { Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { title: string; description?: ReactNode; children: ReactNode; width?: number };

/** The narrow card used by the sign-in, registration and password pages. */
export function AuthCard({ title, description, children, width = 480 }: Props) {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
  return (
    <Paper withBorder shadow="sm" p="xl" radius="md" maw={width} mx="auto">
      <Stack gap="xs" mb="lg">
        <Title order={1} size="h2">
          {title}
        </Title>
        {description ? (
          <Text c="dimmed" size="sm" component="div">
            {description}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Paper>
  );
}
