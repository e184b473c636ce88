import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GrantStatusValue, Tranche } from '../types';

const GRANT_COLORS: Record<GrantStatusValue, string> = {
  draft: 'gray',
  sent_for_signature: 'blue',
  signed_by_organization: 'indigo',
  in_force: 'green',
  suspended: 'orange',
  closed: 'dark',
  terminated: 'red',
};

const TRANCHE_COLORS: Record<Tranche['status'], string> = { planned: 'gray', requested: 'blue', approved: 'indigo', paid: 'green' };

export function GrantStatusBadge({ status }: { status: GrantStatusValue }) {
  const { t } = useTranslation();
  return <Badge color={GRANT_COLORS[status]} variant="light" tt="none" miw="max-content" style={{ flexShrink: 0 }}>{t(`grants.status.${status}`)}</Badge>;
}

export function TrancheStatusBadge({ status }: { status: Tranche['status'] }) {
  const { t } = useTranslation();
  return <Badge color={TRANCHE_COLORS[status]} variant="light" tt="none" miw="max-content" style={{ flexShrink: 0 }}>{t(`grants.trancheStatus.${status}`)}</Badge>;
}
