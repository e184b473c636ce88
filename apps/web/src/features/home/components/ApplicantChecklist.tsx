import { Anchor, Badge, Card, Group, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { useDocuments, useMyOrganization } from '../../organization/hooks';
import { missingDocumentKinds, missingProfileFields } from '../../organization/profile';

type Item = { key: string; state: 'done' | 'todo' | 'urgent'; title: string; detail?: ReactNode; link: string; linkLabel: string };

/** "What do I have to do next, and by when?" for an applicant organisation. */
export function ApplicantChecklist() {
  const { t, i18n } = useTranslation();
  const org = useMyOrganization();
  const docs = useDocuments(org.data?.id);

  if (org.isPending || (org.data && docs.isPending)) {
    return (
      <Card withBorder padding="lg">
        <CenteredLoader />
      </Card>
    );
  }
  if (org.isError) return <ErrorAlert error={org.error} />;
  const o = org.data;
  const missingFields = missingProfileFields(o);
  const missingDocs = docs.data ? missingDocumentKinds(docs.data) : [];
  const date = formatDate(o.licenceExpiry, i18n.language);

  const items: Item[] = [
    {
      key: 'profile',
      state: missingFields.length === 0 ? 'done' : 'todo',
      title: missingFields.length === 0 ? t('home.checklist.profileDone') : t('home.checklist.profileTodo'),
      detail:
        missingFields.length > 0
          ? t('home.checklist.missingFields', { fields: missingFields.map((f) => t(`organization.fields.${f}`)).join(', ') })
          : undefined,
      link: '/organization',
      linkLabel: t('home.checklist.openProfile'),
    },
    {
      key: 'licence',
      state: o.licence.status === 'valid' ? 'done' : o.licence.status === 'missing' ? 'todo' : 'urgent',
      title:
        o.licence.status === 'expired'
          ? t('home.checklist.licenceExpired', { date })
          : o.licence.status === 'expiring'
            ? t('home.checklist.licenceExpiring', { date, count: o.licence.daysLeft ?? 0 })
            : o.licence.status === 'missing'
              ? t('home.checklist.licenceMissing')
              : t('home.checklist.licenceValid', { date }),
      link: '/organization',
      linkLabel: t('home.checklist.updateLicence'),
    },
    {
      key: 'documents',
      state: docs.isError ? 'todo' : missingDocs.length === 0 ? 'done' : 'todo',
      title: missingDocs.length === 0 ? t('home.checklist.documentsDone') : t('home.checklist.documentsTodo'),
      detail:
        missingDocs.length > 0
          ? t('home.checklist.missingDocuments', { kinds: missingDocs.map((k) => t(`documentKinds.${k}`)).join(', ') })
          : undefined,
      link: '/organization/documents',
      linkLabel: t('home.checklist.openDocuments'),
    },
  ];
  const open = items.filter((i) => i.state !== 'done').length;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="checklist-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="checklist-heading">
          {t('home.checklist.title', { name: o.acronym || o.legalName })}
        </Title>
        <Badge color={open === 0 ? 'green' : 'orange'} variant="light">
          {open === 0 ? t('home.checklist.allDone') : t('home.checklist.open', { count: open })}
        </Badge>
      </Group>
      <List spacing="md" center={false}>
        {items.map((item) => (
          <List.Item
            key={item.key}
            icon={
              <ThemeIcon
                size={24}
                radius="xl"
                variant="light"
                color={item.state === 'done' ? 'green' : item.state === 'urgent' ? 'red' : 'gray'}
                aria-hidden
              >
                {item.state === 'done' ? (
                  <IconCircleCheck size={16} />
                ) : item.state === 'urgent' ? (
                  <IconAlertTriangle size={16} />
                ) : (
                  <IconCircleDashed size={16} />
                )}
              </ThemeIcon>
            }
          >
            <Stack gap={2}>
              <Text fw={600} c={item.state === 'urgent' ? 'red' : undefined}>
                <span className="sr-only">{t(`home.checklist.state.${item.state}`)}: </span>
                {item.title}
              </Text>
              {item.detail ? <Text size="sm">{item.detail}</Text> : null}
              {item.state !== 'done' ? (
                <Anchor component={Link} to={item.link} size="sm">
                  {item.linkLabel}
                </Anchor>
              ) : null}
            </Stack>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
