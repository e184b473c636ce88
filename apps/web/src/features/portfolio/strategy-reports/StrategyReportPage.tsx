import { nsTitle, strategySectionKey } from '@grants/domain';
import { Alert, Anchor, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconDownload, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { useContentLanguage } from '../../calls/lang';
import { strategyReportsApi, type ExportLanguage, type StrategyReport, type StrategySection } from './api';
import { ActivitiesTable, BeneficiariesTable, MoneyTable, SectionFigures, useShownCount } from './components/SectionFigures';
import { useIssue, useRedraft, useSaveNarrative, useStrategyReport } from './hooks';
import { reportName } from './labels';

const NARRATIVE_MAX = 20_000;
/** Form field of an objective's text: react-hook-form reads dots as nesting, so III.2 is kept as III_2. */
const fieldOf = (key: string) => `o_${key.replace(/\./g, '_')}`;
type Values = Record<string, string>;

function valuesOf(r: StrategyReport): Values {
  const v: Values = { introduction: r.narrative.introduction, conclusions: r.narrative.conclusions };
  for (const s of r.figures.sections) v[fieldOf(strategySectionKey(s.code))] = r.narrative.objectives[strategySectionKey(s.code)] ?? '';
  return v;
}

const EXPORT_LANGUAGES: { value: string; lang: ExportLanguage; labelKey: string }[] = [
  { value: 'en', lang: { language: 'en' }, labelKey: 'strategyReports.export.en' },
  { value: 'sq', lang: { language: 'sq' }, labelKey: 'strategyReports.export.sq' },
  { value: 'sr', lang: { language: 'sr', script: 'latin' }, labelKey: 'strategyReports.export.srLatin' },
  { value: 'sr-Cyrl', lang: { language: 'sr', script: 'cyrillic' }, labelKey: 'strategyReports.export.srCyrillic' },
];

/** The export: a language (Serbian in Latin or Cyrillic), then DOCX (editable) or PDF. */
function ExportCard({ report }: { report: StrategyReport }) {
  const { t, i18n } = useTranslation();
  const initial = EXPORT_LANGUAGES.find((l) => l.value === i18n.language)?.value ?? 'en';
  const [choice, setChoice] = useState(initial);
  const lang = EXPORT_LANGUAGES.find((l) => l.value === choice)!.lang;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sr-export-title">
      <Title order={2} size="h4" id="sr-export-title" mb="xs">{t('strategyReports.export.title')}</Title>
      {report.status === 'draft' ? <Text size="sm" c="orange" mb="xs">{t('strategyReports.export.draftNote')}</Text> : null}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label={t('strategyReports.export.language')} data={EXPORT_LANGUAGES.map((l) => ({ value: l.value, label: t(l.labelKey) }))} value={choice}
          onChange={(v) => v && setChoice(v)} allowDeselect={false} w={220} />
        <Button component="a" href={strategyReportsApi.exportUrl(report.id, 'docx', lang)} download leftSection={<IconDownload size={16} />} data-testid="sr-export-docx">
          {t('strategyReports.export.docx')}
        </Button>
        <Button component="a" href={strategyReportsApi.exportUrl(report.id, 'pdf', lang)} download variant="light" leftSection={<IconDownload size={16} />} data-testid="sr-export-pdf">
          {t('strategyReports.export.pdf')}
        </Button>
      </Group>
    </Card>
  );
}

function Totals({ report }: { report: StrategyReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const shown = useShownCount();
  const totals = report.figures.totals;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sr-totals-title">
      <Title order={2} size="h4" id="sr-totals-title" mb="xs">{t('strategyReports.totals.title')}</Title>
      <Stack gap="sm">
        <Table aria-label={t('strategyReports.totals.title')} withTableBorder maw={520}>
          <Table.Tbody>
            <Table.Tr><Table.Td>{t('strategyReports.totals.grants')}</Table.Td><Table.Td ta="right" data-testid="sr-total-grants">{f.count(totals.grants)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Td>{t('reports.form.total')}</Table.Td><Table.Td ta="right">{totals.beneficiaries ? shown(totals.beneficiaries.total) : '0'}</Table.Td></Table.Tr>
            <Table.Tr><Table.Td>{t('strategyReports.totals.difficulties')}</Table.Td><Table.Td ta="right">{f.count(totals.difficulties)}</Table.Td></Table.Tr>
            <Table.Tr><Table.Td>{t('strategyReports.totals.lessons')}</Table.Td><Table.Td ta="right">{f.count(totals.lessons)}</Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
        <MoneyTable money={totals.money} label={`${t('strategyReports.totals.title')}: ${t('strategyReports.section.money')}`} />
        <ActivitiesTable activities={totals.activities} label={`${t('strategyReports.totals.title')}: ${t('strategyReports.section.activities')}`} />
        <BeneficiariesTable table={totals.beneficiaries} label={`${t('strategyReports.totals.title')}: ${t('strategyReports.section.beneficiaries')}`} />
      </Stack>
    </Card>
  );
}

/**
 * The report builder: per Strategy objective (strategic → specific, the grants tied to none last) the figures the
 * portal drafted for the period, and the Secretariat's text beside them (saved with the version it was read at: a
 * conflict says so and offers to reload); redraft refreshes the figures, issue freezes the report with its hash; DOCX
 * and PDF exports in en / sq / sr. An observer reads an issued report, with its exports.
 */
export function StrategyReportPage() {
  const { id = '' } = useParams();
  const query = useStrategyReport(id);
  if (query.isPending) return <CenteredLoader />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  return <Builder report={query.data} onReload={() => void query.refetch()} />;
}

function Builder({ report, onReload }: { report: StrategyReport; onReload: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { pick } = useContentLanguage();
  const save = useSaveNarrative(report.id);
  const redraft = useRedraft(report.id);
  const issue = useIssue(report.id);
  const editable = report.can.edit;
  const { register, handleSubmit, reset, formState: { isDirty, errors } } = useForm<Values>({ defaultValues: valuesOf(report) });
  useEffect(() => reset(valuesOf(report)), [report, reset]);
  const error = save.error ?? redraft.error ?? issue.error;
  const conflict = isApiError(error) && error.details.some((d) => d.code === 'version_conflict');

  const onSave = handleSubmit((v) => {
    const objectives: Record<string, string> = {};
    for (const s of report.figures.sections) {
      const text = v[fieldOf(strategySectionKey(s.code))] ?? '';
      if (text.trim()) objectives[strategySectionKey(s.code)] = text;
    }
    save.mutate({ version: report.version, narrative: { introduction: v.introduction ?? '', conclusions: v.conclusions ?? '', objectives } });
  });

  const sectionTitle = (s: StrategySection) => {
    if (s.code === null) return t('strategyReports.section.none');
    const title = nsTitle(s.code);
    return `${t(s.level === 'strategic' ? 'strategyReports.section.strategic' : 'strategyReports.section.specific', { code: s.code })} — ${pick(title)}`;
  };
  const narrativeField = (name: string, label: string, description?: string) =>
    editable ? (
      <Textarea label={label} description={description} autosize minRows={3} maxLength={NARRATIVE_MAX} {...register(name, { maxLength: { value: NARRATIVE_MAX, message: t('strategyReports.problems.too_long') } })}
        error={errors[name]?.message} />
    ) : null;
  const narrativeText = (text: string | undefined, label: string) =>
    !editable && text ? (
      <Stack gap={2}><Text size="sm" fw={600}>{label}</Text><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{text}</Text></Stack>
    ) : null;

  return (
    <>
      <PageHeader
        title={reportName(t, report)}
        description={
          <Stack gap={2}>
            <Text size="sm">{t('strategyReports.builder.period', { start: f.date(report.periodStart), end: f.date(report.periodEnd) })}</Text>
            <Text size="sm">
              {report.createdByName ? t('strategyReports.builder.drafted', { when: f.dateTime(report.draftedAt), who: report.createdByName }) : t('strategyReports.builder.draftedOn', { when: f.dateTime(report.draftedAt) })}
            </Text>
            {report.sha256 ? (
              <Text size="sm">
                {report.issuedByName ? t('strategyReports.builder.issued', { when: f.dateTime(report.issuedAt), who: report.issuedByName }) : t('strategyReports.builder.issuedOn', { when: f.dateTime(report.issuedAt) })}{' '}
                <Code data-testid="sr-hash">{report.sha256}</Code>
              </Text>
            ) : null}
          </Stack>
        }
        actions={
          <Group gap="sm">
            <Badge size="lg" color={report.status === 'issued' ? 'green' : 'gray'} data-testid="sr-status">{t(`strategyReports.status.${report.status}`)}</Badge>
            <Anchor component={Link} to="/portfolio/reports">{t('strategyReports.builder.back')}</Anchor>
          </Group>
        }
      />
      <form onSubmit={onSave} noValidate>
        <Stack gap="md">
          {report.can.redraft || report.can.issue ? (
            <Card withBorder padding="md" component="section" aria-labelledby="sr-actions-title">
              <Title order={2} size="h4" id="sr-actions-title" mb="xs">{t('strategyReports.builder.actions')}</Title>
              <Text size="sm" c="dimmed" mb="sm">{t('strategyReports.builder.actionsHelp')}</Text>
              <Group gap="sm">
                <Button type="submit" loading={save.isPending} disabled={!isDirty} leftSection={<IconDeviceFloppy size={16} />} data-testid="sr-save">{t('strategyReports.builder.save')}</Button>
                <Button variant="light" loading={redraft.isPending} disabled={isDirty} onClick={() => redraft.mutate(report.version)} leftSection={<IconRefresh size={16} />} data-testid="sr-redraft">
                  {t('strategyReports.builder.redraft')}
                </Button>
                <ConfirmButton color="green" disabled={isDirty} loading={issue.isPending} title={t('strategyReports.builder.issueTitle')} message={t('strategyReports.builder.issueMessage')}
                  confirmLabel={t('strategyReports.builder.issueConfirm')} onConfirm={() => issue.mutate(report.version)}>
                  {t('strategyReports.builder.issue')}
                </ConfirmButton>
              </Group>
              {isDirty ? <Text size="xs" c="dimmed" mt="xs">{t('strategyReports.builder.unsaved')}</Text> : null}
              {save.isSuccess && !isDirty ? <Text size="xs" c="green" mt="xs" data-testid="sr-saved">{t('strategyReports.builder.saved')}</Text> : null}
            </Card>
          ) : null}
          {conflict ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} aria-hidden />} data-testid="sr-conflict">
              {t('strategyReports.builder.conflict')} <Anchor component="button" type="button" onClick={onReload}>{t('strategyReports.builder.reload')}</Anchor>
            </Alert>
          ) : error ? <ErrorAlert error={error} /> : null}
          <ExportCard report={report} />
          <Card withBorder padding="md" component="section" aria-labelledby="sr-intro-title">
            <Title order={2} size="h4" id="sr-intro-title" mb="xs">{t('strategyReports.builder.introduction')}</Title>
            {narrativeField('introduction', t('strategyReports.builder.introductionLabel'), t('strategyReports.builder.introductionHelp'))}
            {narrativeText(report.narrative.introduction, t('strategyReports.builder.introductionLabel'))}
          </Card>
          <Totals report={report} />
          {report.figures.sections.length === 0 ? <Alert color="gray">{t('strategyReports.builder.noGrants')}</Alert> : null}
          {report.figures.sections.map((s) => {
            const key = strategySectionKey(s.code);
            const title = sectionTitle(s);
            const headingId = `sr-section-${fieldOf(key)}`;
            return (
              <Card key={key} withBorder padding="md" component="section" aria-labelledby={headingId} ml={s.level === 'specific' ? 'lg' : 0} data-testid={`sr-section-${key}`}>
                <Title order={s.level === 'specific' ? 3 : 2} size="h4" id={headingId} mb="sm">{title}</Title>
                <Stack gap="sm">
                  {narrativeField(fieldOf(key), t('strategyReports.builder.assessment'), t('strategyReports.builder.assessmentHelp'))}
                  {narrativeText(report.narrative.objectives[key], t('strategyReports.builder.assessment'))}
                  <SectionFigures s={s} title={title} order={s.level === 'specific' ? 4 : 3} />
                </Stack>
              </Card>
            );
          })}
          <Card withBorder padding="md" component="section" aria-labelledby="sr-conclusions-title">
            <Title order={2} size="h4" id="sr-conclusions-title" mb="xs">{t('strategyReports.builder.conclusions')}</Title>
            {narrativeField('conclusions', t('strategyReports.builder.conclusionsLabel'))}
            {narrativeText(report.narrative.conclusions, t('strategyReports.builder.conclusionsLabel'))}
          </Card>
        </Stack>
      </form>
    </>
  );
}
