import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconClipboardList, IconDownload, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { CallStatusBadge } from '../../calls/components/StatusBadges';
import { useContentLanguage } from '../../calls/lang';
import { evaluationAdminApi } from '../api';
import { AdjustModal } from '../components/AdjustModal';
import { DecidedView } from '../components/DecisionRecord';
import { DecisionForm } from '../components/DecisionForm';
import { RankingTable, RankingTotals, type TableRow } from '../components/RankingTable';
import { WhatIfPanel } from '../components/WhatIfPanel';
import { withAdjustments } from '../funding';
import { useRanking, useRankingUpdater } from '../hooks';
import type { Adjustment } from '../types';

/** The ranking of a call with its funding line, what-if envelopes, the committee's decision and, after it, the awards. */
export function RankingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const can = useCan();
  const [whatIf, setWhatIf] = useState<number | null>(null);
  const [adjustments, setAdjustments] = useState<Adjustment[]>([]);
  const [adjusting, setAdjusting] = useState<TableRow | null>(null);
  const base = useRanking(id, null);
  const shown = useRanking(whatIf === null ? undefined : id, whatIf);
  const update = useRankingUpdater(id ?? '');

  if (base.isPending) return <CenteredLoader />;
  if (base.isError) return isApiError(base.error) && base.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={base.error} />;
  const data = base.data;
  const callId = data.call.id;
  const decided = data.decision !== null;
  const canDecide = can('award.decide');
  const inEvaluation = data.call.status === 'in_evaluation';
  const preview = withAdjustments(data.ranking, adjustments, data.call.rules.reserveListSize);
  const whatIfData = whatIf !== null ? shown.data?.ranking : undefined;
  const view = whatIfData ?? preview.ranking;

  const header = (
    <PageHeader
      title={t('ranking.title', { reference: data.call.reference })}
      description={
        <Group gap="xs">
          <Text size="sm">{pick(data.call.title)}</Text>
          <CallStatusBadge status={data.call.status} />
        </Group>
      }
      actions={
        <>
          <Button component={Link} to={`/calls/${callId}/evaluation`} variant="default" leftSection={<IconClipboardList size={16} aria-hidden />}>{t('ranking.toEvaluation')}</Button>
          <Button component="a" href={evaluationAdminApi.rankingExportUrl(callId, 'csv')} variant="default" leftSection={<IconDownload size={16} aria-hidden />} aria-label={t('ranking.export', { format: 'CSV' })}>CSV</Button>
          <Button component="a" href={evaluationAdminApi.rankingExportUrl(callId, 'xlsx')} variant="default" leftSection={<IconDownload size={16} aria-hidden />} aria-label={t('ranking.export', { format: 'XLSX' })}>XLSX</Button>
          <Button component="a" href={evaluationAdminApi.reportUrl(callId)} variant="default" leftSection={<IconFileTypePdf size={16} aria-hidden />}>{t('ranking.report')}</Button>
        </>
      }
    />
  );

  if (decided) {
    return (
      <>
        {header}
        <DecidedView data={data} onChanged={update} />
        <Anchor component={Link} to={`/calls/${callId}`} size="sm" mt="lg" display="inline-block">{t('ranking.backToCall')}</Anchor>
      </>
    );
  }

  const adjustable = canDecide && inEvaluation && whatIf === null;
  return (
    <>
      {header}
      <Stack gap="lg">
        {data.ranking.pending > 0 ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="pending-alert">
            {t('ranking.pendingAlert', { count: data.ranking.pending })}
          </Alert>
        ) : null}
        <WhatIfPanel
          callEnvelopeCents={data.ranking.callEnvelopeCents}
          applied={whatIf}
          shownCents={whatIfData?.envelopeCents ?? null}
          onApply={setWhatIf}
          changes={whatIfData?.changes ?? null}
          before={data.ranking.rows}
          after={whatIfData?.rows ?? []}
          loading={whatIf !== null && shown.isFetching}
        />
        {whatIf !== null && shown.isError ? <ErrorAlert error={shown.error} /> : null}
        <section aria-labelledby="ranking-title">
          <Title order={2} size="h4" mb="sm" id="ranking-title">
            {whatIfData ? t('ranking.table.titleWhatIf') : t('ranking.table.title')}
          </Title>
          <Stack gap="md">
            <RankingTable
              rows={view.rows}
              grid={data.call.grid}
              envelopeCents={view.envelopeCents}
              tieBreakSectionId={data.call.rules.tieBreakSectionId}
              onAdjust={adjustable ? setAdjusting : undefined}
            />
            <RankingTotals envelopeCents={view.envelopeCents} awardedCents={view.awardedCents} remainingCents={view.remainingCents} pending={view.pending} />
          </Stack>
        </section>
        {canDecide ? (
          !inEvaluation ? (
            <Alert color="gray" variant="light">{t('ranking.decision.notInEvaluation', { status: t(`calls.status.${data.call.status}`) })}</Alert>
          ) : data.ranking.pending > 0 ? (
            <Alert color="gray" variant="light">{t('ranking.decision.pending', { count: data.ranking.pending })}</Alert>
          ) : (
            <DecisionForm
              callId={callId}
              rankingSha256={data.ranking.sha256}
              adjustments={adjustments}
              rows={preview.ranking.rows}
              changes={preview.changes}
              onRemoveAdjustment={(appId) => setAdjustments((list) => list.filter((a) => a.applicationId !== appId))}
              blockedByWhatIf={whatIf !== null}
              onDecided={(d) => {
                setAdjustments([]);
                update(d);
              }}
              onStale={() => update()}
            />
          )
        ) : null}
        <Anchor component={Link} to={`/calls/${callId}`} size="sm">{t('ranking.backToCall')}</Anchor>
      </Stack>
      {adjusting ? (
        <AdjustModal
          key={adjusting.applicationId}
          row={adjusting}
          current={adjustments.find((a) => a.applicationId === adjusting.applicationId)}
          onSave={(adj) => {
            setAdjustments((list) => [...list.filter((a) => a.applicationId !== adj.applicationId), adj]);
            setAdjusting(null);
          }}
          onRemove={(appId) => {
            setAdjustments((list) => list.filter((a) => a.applicationId !== appId));
            setAdjusting(null);
          }}
          onClose={() => setAdjusting(null)}
        />
      ) : null}
    </>
  );
}
