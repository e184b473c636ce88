import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconCertificate, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LicenceStatus } from '../types';
import { formatDate } from '../../../ui/format';

type Props = {
  licence: { status: LicenceStatus; daysLeft: number | null };
  expiry: string | null;
  /** show a quiet confirmation when the licence is valid */
  showValid?: boolean;
};

/** Yellow when the social-services licence expires within 60 days, red when it has expired. */
export function LicenceAlert({ licence, expiry, showValid = false }: Props) {
  const { t, i18n } = useTranslation();
  const date = formatDate(expiry, i18n.language);
  switch (licence.status) {
    case 'expired':
      return (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('licence.expiredTitle')} role="alert">
          {t('licence.expired', { date, count: Math.abs(licence.daysLeft ?? 0) })}
        </Alert>
      );
    case 'expiring':
      return (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('licence.expiringTitle')} role="alert">
          {licence.daysLeft === 0 ? t('licence.expiresToday') : t('licence.expiring', { date, count: licence.daysLeft ?? 0 })}
        </Alert>
      );
    case 'missing':
      return (
        <Alert color="gray" variant="light" icon={<IconCertificate aria-hidden />} title={t('licence.missingTitle')} role="note">
          {t('licence.missing')}
        </Alert>
      );
    default:
      return showValid ? (
        <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="note">
          {t('licence.valid', { date })}
        </Alert>
      ) : null;
  }
}
