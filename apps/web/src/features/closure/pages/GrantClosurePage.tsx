import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { ClosedGrantBanner } from '../components/ClosedGrantBanner';
import { ClosureChecklistPanel } from '../components/ClosureChecklistPanel';
import { FinalBalancePanel } from '../components/FinalBalancePanel';
import { useClosure, useFinalBalance } from '../hooks';

/**
 * A grant's final balance and closure: the Secretariat draws the balance up and closes the grant; the organisation
 * and observers read the same figures; a closed grant shows read-only.
 */
export function GrantClosurePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const balance = useFinalBalance(id);
  const closure = useClosure(id);

  if (balance.isPending || closure.isPending) return <CenteredLoader />;
  const error = balance.error ?? closure.error;
  if (error) return isApiError(error) && error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={error} />;
  const b = balance.data!;
  return (
    <>
      <PageHeader title={t('closure.page.title', { number: b.agreementNumber ?? '' })} description={t(`grants.status.${b.grantStatus}`)} />
      <Stack gap="lg">
        {b.grantStatus === 'closed' ? <ClosedGrantBanner /> : null}
        <FinalBalancePanel view={b} />
        <ClosureChecklistPanel view={closure.data!} manage={can('grant.manage')} />
        <Anchor component={Link} to={`/grants/${b.grantId}`} size="sm">{t('closure.page.back')}</Anchor>
      </Stack>
    </>
  );
}
