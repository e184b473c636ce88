import { Alert, Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useExpenditureReport, useExpenditureUpdater } from '../components/ExpenditureApi';
import { ExpenditureDocuments } from '../components/ExpenditureDocuments';
import { ExpenditureReportForm } from '../components/ExpenditureReportForm';
import { ExpenditureReview } from '../components/ExpenditureReview';
import { EXPENDITURE_STATUS_COLORS } from '../components/ExpenditureSection';
import { ExpenditureTable } from '../components/ExpenditureTable';

/**
 * One expenditure report: the organisation's form while it is a draft or returned, the Secretariat's review while it
 * is submitted, and for everyone else (and afterwards) the lines as reported, with the comments and documents.
 */
export function ExpenditureReportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const q = useExpenditureReport(id);
  const update = useExpenditureUpdater();
  if (q.isPending) return <CenteredLoader />;
  if (q.isError) return isApiError(q.error) && q.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={q.error} />;
  const r = q.data;
  const period = `${f.date(r.periodStart)} – ${f.date(r.periodEnd)}`;
  return (
    <>
      <PageHeader
        title={t('grants.expenditure.pageTitle', { seq: r.seq, number: r.agreementNumber ?? '' })}
        description={t('grants.expenditure.periodOf', { period })}
        actions={<Badge size="lg" color={EXPENDITURE_STATUS_COLORS[r.status]} variant="light" tt="none" data-testid="expenditure-status">{t(`grants.expenditure.status.${r.status}`)}</Badge>}
      />
      <Stack gap="md">
        {r.status === 'returned' && (r.returnComment || r.lines.some((l) => l.comment)) ? (
          <Alert color="orange" variant="light" title={t('grants.expenditure.returnedTitle')} data-testid="return-comment">
            {r.returnComment ? <Text size="sm">{r.returnComment}</Text> : null}
            {r.lines.filter((l) => l.comment).length ? (
              <List size="sm">
                {r.lines.filter((l) => l.comment).map((l) => <List.Item key={l.lineId}>{`${l.description || l.lineId}: ${l.comment}`}</List.Item>)}
              </List>
            ) : null}
          </Alert>
        ) : null}
        {r.canEdit ? (
          <ExpenditureReportForm report={r} onChanged={update} />
        ) : r.canReview ? (
          <ExpenditureReview report={r} onChanged={update} />
        ) : (
          <Stack gap="sm">
            <ExpenditureTable
              rows={r.lines}
              totals={r.totals}
              label={t('grants.expenditure.reportLabel')}
              rowNote={(_l, i) => (r.lines[i]?.comment ? <Text size="xs" c="orange">{t('grants.expenditure.secretariatSays', { comment: r.lines[i]!.comment })}</Text> : null)}
            />
            {r.returnComment && r.status !== 'returned' ? <Text size="sm">{t('grants.expenditure.secretariatSays', { comment: r.returnComment })}</Text> : null}
            <ExpenditureDocuments report={r} />
          </Stack>
        )}
        <Group gap="md">
          {r.submittedAt ? <Text size="sm" c="dimmed">{t('grants.expenditure.submittedAt', { date: f.dateTime(r.submittedAt) })}</Text> : null}
          {r.reviewedAt ? <Text size="sm" c="dimmed">{t('grants.expenditure.reviewedAt', { date: f.dateTime(r.reviewedAt) })}</Text> : null}
        </Group>
        <Anchor component={Link} to={`/grants/${r.grantId}`} size="sm">{t('grants.expenditure.backToGrant')}</Anchor>
      </Stack>
    </>
  );
}
