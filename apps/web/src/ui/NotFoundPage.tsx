import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <Stack align="center" ta="center" py={64} gap="md">
      <Text fw={800} size="64px" c="blue.9" aria-hidden lh={1}>
        404
      </Text>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text maw={520}>{t('notFound.text')}</Text>
      <Group>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </Group>
    </Stack>
  );
}
