import { Anchor, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** On the grant page: where its final balance and closure are, once it is in force. */
export function GrantClosureSection({ grantId, status }: { grantId: string; status: string }) {
  const { t } = useTranslation();
  if (!['in_force', 'suspended', 'closed'].includes(status)) return null;
  return (
    <section aria-labelledby="grant-closure-title" data-testid="grant-closure-section">
      <Title order={2} size="h4" mb="xs" id="grant-closure-title">{t('closure.section.title')}</Title>
      <Text size="sm" mb={4}>{t(status === 'closed' ? 'closure.section.closed' : 'closure.section.body')}</Text>
      <Anchor component={Link} to={`/grants/${grantId}/closure`}>{t('closure.section.open')}</Anchor>
    </section>
  );
}
