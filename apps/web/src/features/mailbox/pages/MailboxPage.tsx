import { Alert, Badge, Box, Grid, Group, NavLink, Paper, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconInbox, IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useMailbox } from '../hooks';
import { prepareMailHtml } from '../mailHtml';
import type { MailboxItem, MailStatus } from '../types';

/** Caught is the demo mailbox's normal case; the others say where the e-mail is on its way out. */
const STATUS_COLOR: Record<MailStatus, string> = { caught: 'gray', pending: 'yellow', sent: 'green', failed: 'red' };

/** The demo mailbox: e-mails the API "sent" while no SMTP server is configured. */
export function MailboxPage() {
  const { t, i18n } = useTranslation();
  const mailbox = useMailbox({ poll: true });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = useMemo(
    () => [...(mailbox.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [mailbox.data],
  );
  const selected = items.find((m) => m.id === selectedId) ?? items[0] ?? null;

  return (
    <>
      <PageHeader title={t('mailbox.title')} description={t('mailbox.intro')} />
      {mailbox.isPending ? (
        <CenteredLoader />
      ) : !mailbox.data?.enabled ? (
        <Alert color="gray" icon={<IconInfoCircle aria-hidden />} role="note">
          {t('mailbox.disabled')}
        </Alert>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <IconInbox size={32} aria-hidden color="var(--mantine-color-gray-7)" />
          <Text mt="sm">{t('mailbox.empty')}</Text>
        </Paper>
      ) : (
        <Grid>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder>
              <ScrollArea.Autosize mah={640}>
                <Box component="nav" aria-label={t('mailbox.listLabel')}>
                  {items.map((m) => (
                    <NavLink
                      key={m.id}
                      component="button"
                      type="button"
                      active={selected?.id === m.id}
                      aria-current={selected?.id === m.id ? 'true' : undefined}
                      onClick={() => setSelectedId(m.id)}
                      label={<Text span size="sm" fw={600} lineClamp={2} display="block">{m.subject}</Text>}
                      description={
                        <>
                          <Text span size="xs" display="block" style={{ wordBreak: 'break-all' }}>
                            {m.to}
                          </Text>
                          <Text span size="xs" display="block">
                            {formatDateTime(m.createdAt, i18n.language)}
                          </Text>
                          {m.status !== 'caught' ? (
                            <Badge component="span" size="xs" variant="light" color={STATUS_COLOR[m.status]} mt={2}>
                              {t(`mailbox.status.${m.status}`)}
                            </Badge>
                          ) : null}
                        </>
                      }
                    />
                  ))}
                </Box>
              </ScrollArea.Autosize>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>{selected ? <MailView mail={selected} /> : null}</Grid.Col>
        </Grid>
      )}
    </>
  );
}

function MailView({ mail }: { mail: MailboxItem }) {
  const { t, i18n } = useTranslation();
  const srcDoc = useMemo(() => (mail.html ? prepareMailHtml(mail.html, window.location.origin) : ''), [mail.html]);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`mail-${mail.id}`}>
      <Stack gap={4} mb="md">
        <Title order={2} size="h4" id={`mail-${mail.id}`}>
          {mail.subject}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t('mailbox.to')}
          </Badge>
          <Text size="sm">{mail.to}</Text>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {formatDateTime(mail.createdAt, i18n.language)}
          </Text>
          <Badge variant="light" size="sm" color={STATUS_COLOR[mail.status]}>
            {t(`mailbox.status.${mail.status}`)}
          </Badge>
        </Group>
      </Stack>
      <Tabs defaultValue={mail.html ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html" disabled={!mail.html}>
            {t('mailbox.html')}
          </Tabs.Tab>
          <Tabs.Tab value="text">{t('mailbox.text')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          <iframe
            key={mail.id}
            title={t('mailbox.frameTitle', { subject: mail.subject })}
            className="mail-frame"
            sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
            srcDoc={srcDoc}
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Box component="pre" p="sm" bg="gray.0" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}>
            {mail.text}
          </Box>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
