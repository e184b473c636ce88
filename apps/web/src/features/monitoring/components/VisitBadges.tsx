import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VisitReportStatusValue, VisitTypeValue } from '../types';

const TYPE_COLOR: Record<VisitTypeValue, string> = { planned: 'blue', follow_up: 'grape', unannounced: 'orange' };
const STATUS_COLOR: Record<VisitReportStatusValue, string> = { draft: 'gray', submitted: 'blue', returned: 'orange', accepted: 'teal', shared: 'green' };

/** A visit's type: planned, follow-up, unannounced (monitoring.visitType.*). */
export function VisitTypeBadge({ type }: { type: VisitTypeValue }) {
  const { t } = useTranslation();
  return (
    <Badge color={TYPE_COLOR[type]} variant="light" tt="none" data-testid="visit-type">
      {t(`monitoring.visitType.${type}`)}
    </Badge>
  );
}

/** A visit report's status (monitoring.reportStatus.*); nothing when the reader is not told it (null). */
export function ReportStatusBadge({ status }: { status: VisitReportStatusValue | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Badge color={STATUS_COLOR[status]} variant="dot" tt="none" data-testid="report-status">
      {t(`monitoring.reportStatus.${status}`)}
    </Badge>
  );
}
