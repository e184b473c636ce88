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

/** A visit still to come whose report is not begun beyond its draft: in a list it is "upcoming", not a report to write. */
export function isUpcomingVisit(visit: { date: string; reportStatus: VisitReportStatusValue | null | undefined }, today: string): boolean {
  return visit.date > today && (!visit.reportStatus || visit.reportStatus === 'draft');
}

/**
 * The report's state as a list shows it: "Upcoming" for a visit after today whose report is still a draft (or not
 * told), otherwise the report's status — a past visit with a draft keeps "Report draft", a report to write.
 */
export function ListReportBadge({ visit, today }: { visit: { date: string; reportStatus: VisitReportStatusValue | null | undefined }; today: string }) {
  const { t } = useTranslation();
  if (isUpcomingVisit(visit, today)) {
    return (
      <Badge color="blue" variant="dot" tt="none" data-testid="upcoming-badge">
        {t('monitoring.visits.upcomingBadge')}
      </Badge>
    );
  }
  return <ReportStatusBadge status={visit.reportStatus} />;
}
