import type { ApplicationStatus, CallStatus } from '@grants/domain';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const CALL_COLORS: Record<CallStatus, string> = {
  draft: 'gray',
  published: 'green',
  closed: 'orange',
  in_evaluation: 'blue',
  decided: 'grape',
  archived: 'dark',
};

const APP_COLORS: Record<ApplicationStatus, string> = {
  draft: 'gray',
  submitted: 'green',
  withdrawn: 'dark',
  admissible: 'teal',
  rejected_admissibility: 'red',
  in_evaluation: 'blue',
  evaluated: 'indigo',
  awarded: 'green',
  reserve: 'yellow',
  rejected: 'red',
  declined: 'gray',
  offered: 'orange',
};

export function CallStatusBadge({ status }: { status: CallStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CALL_COLORS[status] ?? 'gray'} variant="light">
      {t(`calls.status.${status}`)}
    </Badge>
  );
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={APP_COLORS[status] ?? 'gray'} variant="light">
      {t(`applications.status.${status}`)}
    </Badge>
  );
}
