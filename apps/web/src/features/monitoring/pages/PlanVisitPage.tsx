import { VISIT_PURPOSE_MAX, VISIT_TYPES, type VisitType } from '@grants/domain';
import { Alert, Anchor, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconEyeOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { todayInKosovo } from '../../../ui/today';
import { useGrant } from '../../grants/hooks';
import { useVisitUpdater, usePlanVisit, useUpdateVisit, useVisit } from '../hooks';
import { detailsOf, fieldProblems } from '../problems';
import type { Visit } from '../types';

type Values = { type: VisitType | ''; date: string; purpose: string };
const FIELDS = ['type', 'date', 'purpose'] as const;

/** `/grants/:id/visits/new`: the grant's monitor (or the Secretariat) plans a visit. */
export function PlanVisitPage() {
  const { id = '' } = useParams();
  const grant = useGrant(id);
  const plan = usePlanVisit(id);
  const navigate = useNavigate();
  const { t } = useTranslation();
  if (grant.isPending) return <CenteredLoader />;
  if (grant.isError) return <ErrorAlert error={grant.error} />;
  const g = grant.data;
  return (
    <VisitForm
      title={t('monitoring.plan.title')}
      subtitle={`${g.agreementNumber ?? ''} · ${g.organizationName ?? ''}`}
      initial={{ type: 'planned', date: '', purpose: '' }}
      period={{ start: g.startDate ?? null, end: g.endDate ?? null }}
      backTo={`/grants/${id}`}
      saving={plan.isPending}
      error={plan.error}
      submitLabel={t('monitoring.plan.submit')}
      onSubmit={(v) => plan.mutate({ type: v.type as VisitType, date: v.date, purpose: v.purpose.trim() }, { onSuccess: (visit) => navigate(`/visits/${visit.id}`) })}
    />
  );
}

/** `/visits/:id/edit`: a planned visit moved or changed while its report is a draft. */
export function EditVisitPage() {
  const { id = '' } = useParams();
  const visit = useVisit(id);
  const update = useUpdateVisit(id);
  const updated = useVisitUpdater();
  const navigate = useNavigate();
  const { t } = useTranslation();
  if (visit.isPending) return <CenteredLoader />;
  if (visit.isError) return <ErrorAlert error={visit.error} />;
  const v: Visit = visit.data;
  if (!v.can.reschedule) return <Navigate to={`/visits/${id}`} replace />;
  return (
    <VisitForm
      title={t('monitoring.plan.editTitle')}
      subtitle={`${v.agreementNumber} · ${v.organizationName}`}
      initial={{ type: v.type, date: v.date, purpose: v.purpose }}
      period={{ start: v.grantStartDate, end: v.grantEndDate }}
      backTo={`/visits/${id}`}
      saving={update.isPending}
      error={update.error}
      submitLabel={t('monitoring.plan.save')}
      onReload={() => void visit.refetch().then((r) => r.data && updated(r.data))}
      onSubmit={(next) => {
        const body: { version: number; type?: VisitType; date?: string; purpose?: string } = { version: v.version };
        if (next.type !== v.type) body.type = next.type as VisitType;
        if (next.date !== v.date) body.date = next.date;
        if (next.purpose.trim() !== v.purpose) body.purpose = next.purpose.trim();
        update.mutate(body, { onSuccess: () => navigate(`/visits/${id}`) });
      }}
    />
  );
}

type FormProps = {
  title: string;
  subtitle: string;
  initial: Values;
  period: { start: string | null; end: string | null };
  backTo: string;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (v: Values) => void;
  onReload?: () => void;
};

function VisitForm({ title, subtitle, initial, period, backTo, saving, error, submitLabel, onSubmit, onReload }: FormProps) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [values, setValues] = useState<Values>(initial);
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const server = fieldProblems(t, i18n, detailsOf(error));
  const [shownServer, setShownServer] = useState(server);
  useEffect(() => setShownServer(fieldProblems(t, i18n, detailsOf(error))), [error, t, i18n]);
  const errorOf = (k: (typeof FIELDS)[number]) => local.get(k) ?? shownServer.get(k);
  const set = <K extends keyof Values>(k: K, v: Values[K]) => {
    setValues((cur) => ({ ...cur, [k]: v }));
    setLocal((m) => { const n = new Map(m); n.delete(k); return n; });
    setShownServer((m) => { const n = new Map(m); n.delete(k); return n; });
  };
  const today = todayInKosovo();
  const min = period.start && period.start > today ? period.start : today;
  const unplaced = [...server.keys()].some((k) => !(FIELDS as readonly string[]).includes(k)) || (error && server.size === 0);
  const conflict = !!error && detailsOf(error).some((d) => d.code === 'version_conflict');

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const problems = new Map<string, string>();
    if (!values.type) problems.set('type', t('monitoring.problems.required'));
    if (!values.date) problems.set('date', t('monitoring.problems.required'));
    if (!values.purpose.trim()) problems.set('purpose', t('monitoring.problems.required'));
    setLocal(problems);
    if (problems.size === 0) onSubmit(values);
  };

  return (
    <>
      <PageHeader title={title} description={subtitle} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={640}>
          <Radio.Group label={t('monitoring.fields.type')} value={values.type} onChange={(v) => set('type', v as VisitType)} error={fieldError({ message: errorOf('type') })} required>
            <Stack gap="xs" mt="xs">
              {VISIT_TYPES.map((type) => (
                <Radio key={type} value={type} size="md" label={t(`monitoring.visitType.${type}`)} description={t(`monitoring.plan.typeHelp.${type}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {values.type === 'unannounced' ? (
            <Alert color="orange" icon={<IconEyeOff size={18} aria-hidden />} data-testid="unannounced-note">{t('monitoring.plan.unannouncedNote')}</Alert>
          ) : values.type ? (
            <Text size="sm" c="dimmed">{t('monitoring.plan.announcedNote')}</Text>
          ) : null}
          <DateField
            label={t('monitoring.fields.date')}
            value={values.date}
            onChange={(v) => set('date', v)}
            min={min}
            max={period.end ?? undefined}
            required
            error={fieldError({ message: errorOf('date') })}
            description={period.start && period.end ? t('monitoring.plan.period', { start: f.date(period.start), end: f.date(period.end) }) : undefined}
          />
          <Textarea
            label={t('monitoring.fields.purpose')}
            description={t('monitoring.plan.purposeHelp')}
            value={values.purpose}
            onChange={(e) => set('purpose', e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={VISIT_PURPOSE_MAX}
            required
            error={fieldError({ message: errorOf('purpose') })}
          />
          {conflict ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />}>
              {t('errors.version_conflict')} {onReload ? <Anchor component="button" type="button" onClick={onReload}>{t('monitoring.plan.reload')}</Anchor> : null}
            </Alert>
          ) : unplaced ? <ErrorAlert error={error} /> : null}
          <Group>
            <Button type="submit" loading={saving} size="md">{submitLabel}</Button>
            <Button component={Link} to={backTo} variant="default" size="md">{t('common.cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
