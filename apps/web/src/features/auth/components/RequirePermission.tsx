import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../hooks';
import type { Permission } from '../permissions';

/** Shows its children only when the user holds one of the permissions. */
export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (!anyOf.some((p) => can(p))) {
    return (
      <>
        <PageHeader title={t('errors.forbiddenTitle')} />
        <Alert color="gray" icon={<IconLock aria-hidden />} role="alert">
          {t('errors.forbiddenPage')}
        </Alert>
      </>
    );
  }
  return <>{children}</>;
}
