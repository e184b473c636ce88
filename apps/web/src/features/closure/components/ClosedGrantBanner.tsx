import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Shown on a closed grant's pages: everything stays readable, nothing can be changed. */
export function ClosedGrantBanner() {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} title={t('closure.banner.title')} data-testid="closed-grant-banner">
      {t('closure.banner.body')}
    </Alert>
  );
}
