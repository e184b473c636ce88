import type { AssignmentStatus } from '@grants/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<AssignmentStatus, string> = {
  assigned: 'orange',
  accepted: 'blue',
  submitted: 'green',
  conflict: 'gray',
  removed: 'dark',
};

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {t(`evaluation.status.${status}`)}
    </Badge>
  );
}
