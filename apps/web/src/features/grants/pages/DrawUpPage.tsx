import { addDays, addMonths, grantDurationMonths } from '@grants/domain';
import { Alert, Anchor, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileCertificate } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { grantKeys, useMonitors } from '../hooks';
import { setupApi, setupKeys, usePendingAwards, type PendingAward } from '../setup';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const endOf = (start: string, months: number) => (isDate(start) && months > 0 ? addDays(addMonths(start, months), -1) : '');

/**
 * The Secretariat draws the agreement up from an award in force: the start date (the application's planned
 * start), the duration or the end date (either sets the other), the monitor; the grant's page follows.
 */
export function DrawUpForm({ award }: { award: PendingAward }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const monitors = useMonitors(true);
  const [startDate, setStart] = useState(award.plannedStartDate ?? '');
  const [months, setMonths] = useState<number>(award.durationMonths ?? 12);
  const [endDate, setEnd] = useState(endOf(award.plannedStartDate ?? '', award.durationMonths ?? 12));
  const [monitorId, setMonitor] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = (code: string, params?: Record<string, unknown>) =>
    t(`grants.drawUp.problems.${code}`, { ...params, defaultValue: t(`problems.${code}`, { ...params, defaultValue: t('errors.unknown') }) });

  const submit = useMutation({
    mutationFn: () => setupApi.drawUp(award.awardId, { startDate, endDate, ...(monitorId ? { monitorId } : {}) }),
    onSuccess: (g) => {
      void qc.invalidateQueries({ queryKey: setupKeys.pending });
      void qc.invalidateQueries({ queryKey: ['grants', 'list'] });
      qc.setQueryData(grantKeys.one(g.id), g);
      navigate(`/grants/${g.id}`);
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      const next: Record<string, string> = {};
      for (const d of e.details) next[d.field] = problem(d.code, d.field === 'endDate' && d.code === 'too_long' ? { maxMonths: award.maxDurationMonths ?? '' } : {});
      setErrors(next);
    },
  });
  const placed = ['startDate', 'endDate', 'monitorId'];
  const elsewhere = Object.entries(errors).filter(([k]) => !placed.includes(k));
  const tooLong = award.maxDurationMonths !== null && isDate(startDate) && isDate(endDate) && endDate >= startDate && grantDurationMonths(startDate, endDate) > award.maxDurationMonths;

  return (
    <Paper withBorder p="md" component="form" aria-labelledby="draw-up-title" onSubmit={(e) => { e.preventDefault(); setErrors({}); submit.mutate(); }} noValidate>
      <Stack gap="sm" maw={520}>
        <Title order={2} size="h4" id="draw-up-title">{t('grants.drawUp.formTitle')}</Title>
        <Text size="sm">{t('grants.drawUp.intro', { amount: f.money(award.awardedCents), organization: award.organizationName })}</Text>
        <DateField
          label={t('grants.drawUp.startDate')}
          value={startDate}
          required
          onChange={(v) => { setStart(v); setEnd(endOf(v, months)); }}
          error={errors.startDate}
        />
        <NumberInput
          label={t('grants.drawUp.duration')}
          description={award.maxDurationMonths ? t('grants.drawUp.maxDuration', { months: f.count(award.maxDurationMonths) }) : undefined}
          value={months}
          min={1}
          max={120}
          allowDecimal={false}
          onChange={(v) => { const n = Number(v) || 0; setMonths(n); setEnd(endOf(startDate, n)); }}
        />
        <DateField
          label={t('grants.drawUp.endDate')}
          value={endDate}
          required
          onChange={(v) => { setEnd(v); if (isDate(startDate) && isDate(v) && v >= startDate) setMonths(grantDurationMonths(startDate, v)); }}
          error={errors.endDate ?? (tooLong ? problem('too_long', { maxMonths: award.maxDurationMonths }) : undefined)}
        />
        <Select
          label={t('grants.drawUp.monitor')}
          description={t('grants.drawUp.monitorHint')}
          data={(monitors.data?.items ?? []).map((u) => ({ value: u.id, label: u.fullName }))}
          value={monitorId}
          onChange={setMonitor}
          clearable
          searchable
          error={errors.monitorId}
        />
        {elsewhere.length ? (
          <Alert color="red" variant="light" data-testid="draw-up-problems">
            {elsewhere.map(([k, v]) => <Text key={k} size="sm">{v}</Text>)}
          </Alert>
        ) : null}
        {submit.isError && !isApiError(submit.error) ? <ErrorAlert error={submit.error} /> : null}
        {submit.isError && isApiError(submit.error) && !submit.error.details.length ? <ErrorAlert error={submit.error} namespace="grants.errors" /> : null}
        <Group>
          <Button type="submit" loading={submit.isPending} leftSection={<IconFileCertificate size={16} aria-hidden />}>{t('grants.drawUp.submit')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** /awards/:id/draw-up: the award as the list of awards waiting for a grant has it, and the form. */
export function DrawUpPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const list = usePendingAwards();
  if (list.isPending) return <CenteredLoader />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const award = list.data.items.find((a) => a.awardId === id);
  return (
    <>
      <PageHeader title={t('grants.drawUp.title', { reference: award?.applicationReference ?? '' })} description={award ? `${award.organizationName} · ${award.callReference}` : undefined} />
      <Stack gap="lg">
        {!award ? <Alert color="gray" variant="light" data-testid="draw-up-gone">{t('grants.drawUp.gone')}</Alert>
          : award.stage !== 'ready' ? (
            <Alert color="orange" variant="light" data-testid="draw-up-not-ready">
              {t('grants.drawUp.notReady')} <Anchor component={Link} to={`/awards/${award.awardId}/budget-revision`}>{t('grants.pendingAwards.review')}</Anchor>
            </Alert>
          ) : <DrawUpForm award={award} />}
        <Anchor component={Link} to="/grants/pending-awards" size="sm">{t('grants.pendingAwards.back')}</Anchor>
      </Stack>
    </>
  );
}
