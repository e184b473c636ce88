import { Alert, Box, Button, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconChartBar,
  IconClipboardCheck,
  IconFileDescription,
  IconHeartHandshake,
  IconShieldLock,
  IconSpeakerphone,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/hooks';

const STEPS = [
  { key: 'call', icon: IconSpeakerphone },
  { key: 'application', icon: IconFileDescription },
  { key: 'evaluation', icon: IconClipboardCheck },
  { key: 'grant', icon: IconHeartHandshake },
  { key: 'monitoring', icon: IconChartBar },
] as const;

/** What the scheme is, who may apply, how it works, and the rule about victims' data. */
export function PublicHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return (
    <Stack gap={48}>
      <Stack gap="md" maw={820}>
        <Text c="blue.9" fw={700} tt="uppercase" size="sm">
          {t('home.public.eyebrow')}
        </Text>
        <Title order={1} size={40} lh={1.15}>
          {t('home.public.title')}
        </Title>
        <Text size="lg">{t('home.public.lead')}</Text>
        <Group mt="sm">
          {me ? (
            <Button component={Link} to="/home" size="md">
              {t('nav.myHome')}
            </Button>
          ) : (
            <>
              <Button component={Link} to="/register" size="md">
                {t('home.public.ctaRegister')}
              </Button>
              <Button component={Link} to="/login" size="md" variant="default">
                {t('auth.login')}
              </Button>
            </>
          )}
        </Group>
      </Stack>

      <Alert
        color="orange"
        variant="light"
        icon={<IconShieldLock size={28} aria-hidden />}
        title={t('home.public.privacyTitle')}
        role="note"
        styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text fw={600}>{t('home.public.privacyBanner')}</Text>
        <Text size="sm" mt={4}>
          {t('home.public.privacyDetail')}
        </Text>
      </Alert>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Box component="section" aria-labelledby="what-heading">
          <Title order={2} id="what-heading" mb="sm">
            {t('home.public.whatTitle')}
          </Title>
          <Stack gap="sm">
            <Text>{t('home.public.what1')}</Text>
            <Text>{t('home.public.what2')}</Text>
            <Text>{t('home.public.what3')}</Text>
          </Stack>
        </Box>
        <Box component="section" aria-labelledby="who-heading">
          <Title order={2} id="who-heading" mb="sm">
            {t('home.public.whoTitle')}
          </Title>
          <Text mb="sm">{t('home.public.whoLead')}</Text>
          <List
            spacing="xs"
            icon={
              <ThemeIcon size={22} radius="xl" color="blue" variant="light" aria-hidden>
                <IconUsersGroup size={14} />
              </ThemeIcon>
            }
          >
            <List.Item>{t('home.public.who1')}</List.Item>
            <List.Item>{t('home.public.who2')}</List.Item>
            <List.Item>{t('home.public.who3')}</List.Item>
          </List>
        </Box>
      </SimpleGrid>

      <Box component="section" aria-labelledby="how-heading">
        <Title order={2} id="how-heading" mb="md">
          {t('home.public.howTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="md" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {STEPS.map((step, i) => {
            const Icon = step.icon;
            return (
              <Card key={step.key} withBorder padding="md" component="li">
                <Group gap="xs" mb="xs" wrap="nowrap">
                  <ThemeIcon size={36} radius="xl" aria-hidden>
                    <Icon size={20} />
                  </ThemeIcon>
                  <Text fw={700} size="sm" c="dimmed">
                    {t('home.public.stepN', { n: i + 1 })}
                  </Text>
                </Group>
                <Title order={3} size="h5" mb={4}>
                  {t(`home.public.steps.${step.key}.title`)}
                </Title>
                <Text size="sm">{t(`home.public.steps.${step.key}.text`)}</Text>
              </Card>
            );
          })}
        </SimpleGrid>
      </Box>

      {!me ? (
        <Card withBorder padding="xl" bg="blue.0">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3">
              {t('home.public.readyTitle')}
            </Title>
            <Text>{t('home.public.readyText')}</Text>
            <Group>
              <Button component={Link} to="/register">
                {t('home.public.ctaRegister')}
              </Button>
              <Button component={Link} to="/login" variant="default">
                {t('auth.login')}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
