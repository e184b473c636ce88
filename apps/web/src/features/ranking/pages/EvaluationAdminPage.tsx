import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconListNumbers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { CallStatusBadge } from '../../calls/components/StatusBadges';
import { useCall } from '../../calls/hooks';
import { useContentLanguage } from '../../calls/lang';
import { evaluationAdminApi } from '../api';
import { AssignmentsSection } from '../components/AssignmentsSection';
import { PoolSection } from '../components/PoolSection';
import { RulesCard } from '../components/RulesCard';
import { useEvaluationOverview } from '../hooks';

/** The Secretariat runs the evaluation of a call: the evaluator pool, the rules, the assignments and the sheets. */
export function EvaluationAdminPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const overview = useEvaluationOverview(id);
  // the grid names the tie-break section; the overview gives only its id
  const call = useCall(id);

  if (overview.isPending) return <CenteredLoader />;
  if (overview.isError) return isApiError(overview.error) && overview.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={overview.error} />;
  const o = overview.data;
  const callId = o.call.id;
  return (
    <>
      <PageHeader
        title={t('evaluationAdmin.title', { reference: o.call.reference })}
        description={
          <Group gap="xs">
            <Text size="sm">{pick(o.call.title)}</Text>
            <CallStatusBadge status={o.call.status} />
          </Group>
        }
        actions={
          <>
            <Button component={Link} to={`/calls/${callId}/ranking`} leftSection={<IconListNumbers size={16} aria-hidden />}>{t('evaluationAdmin.toRanking')}</Button>
            <Button component="a" href={evaluationAdminApi.sheetsExportUrl(callId, 'csv')} variant="default" leftSection={<IconDownload size={16} aria-hidden />} aria-label={t('evaluationAdmin.exportSheets', { format: 'CSV' })}>
              {t('evaluationAdmin.sheets')} CSV
            </Button>
            <Button component="a" href={evaluationAdminApi.sheetsExportUrl(callId, 'xlsx')} variant="default" leftSection={<IconDownload size={16} aria-hidden />} aria-label={t('evaluationAdmin.exportSheets', { format: 'XLSX' })}>
              {t('evaluationAdmin.sheets')} XLSX
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <PoolSection overview={o} />
        <RulesCard rules={o.rules} grid={call.data?.definition.grid} />
        <AssignmentsSection overview={o} />
        <Anchor component={Link} to={`/calls/${callId}`} size="sm">{t('ranking.backToCall')}</Anchor>
      </Stack>
    </>
  );
}
