import { Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The administrator's reminder to check the audit chain (invitations are on the to-do list). */
export function AuditCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="audit-card-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="audit-card-heading">
          {t('home.admin.auditTitle')}
        </Title>
        <Text size="sm">{t('home.admin.auditText')}</Text>
        <Anchor component={Link} to="/admin/audit" size="sm">
          {t('home.admin.auditLink')}
        </Anchor>
      </Stack>
    </Card>
  );
}
