import type { ExtensionStatus, NarrativeReportKind, NarrativeReportStatus } from '@grants/domain';
import { Badge, Group } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<NarrativeReportStatus, string> = { draft: 'gray', submitted: 'blue', accepted: 'green', returned: 'orange' };
const EXTENSION_COLOR: Record<ExtensionStatus, string> = { requested: 'blue', granted: 'green', refused: 'red' };

/** "Interim report 2" / "Final report". */
export function reportTitle(t: TFunction, report: { kind: NarrativeReportKind; seq: number }): string {
  return report.kind === 'final' ? t('reports.kind.final') : t('reports.kind.interim', { seq: report.seq });
}

export function ReportStatusBadge({ status }: { status: NarrativeReportStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]} variant="light" tt="none" data-testid="report-status">{t(`reports.status.${status}`)}</Badge>;
}

export function ExtensionStatusBadge({ status }: { status: ExtensionStatus }) {
  const { t } = useTranslation();
  return <Badge color={EXTENSION_COLOR[status]} variant="light" tt="none" size="sm">{t(`reports.extensionStatus.${status}`)}</Badge>;
}

/** The report's status, and whether it is overdue or escalated (not handed in after its due date). */
export function ReportBadges({ report }: { report: { status: NarrativeReportStatus; overdue: boolean; escalated: boolean } }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <ReportStatusBadge status={report.status} />
      {report.overdue ? <Badge color="red" variant="light" tt="none">{t('reports.overdue')}</Badge> : null}
      {report.escalated ? <Badge color="red" variant="filled" tt="none">{t('reports.escalated')}</Badge> : null}
    </Group>
  );
}
