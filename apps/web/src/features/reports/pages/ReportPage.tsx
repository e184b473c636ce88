import {
  ACTIVITY_STATUS_SCALE, elapsedShareBp, emptyNarrativeReportContent, narrativeReportCompleteness, narrativeReportFreeText, NARRATIVE_TEXT_MAX, type ActivityStatus, type NarrativeReportContent, type NarrativeReportIndicatorValue,
  type NarrativeReportSection,
} from '@grants/domain';
import { Alert, Anchor, Box, Button, Card, Grid, Group, List, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSend } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { PersonalDataNotice } from '../../../ui/PersonalDataHint';
import { useCan } from '../../auth/hooks';
import { reportsApi } from '../api';
import { BeneficiaryForm, BeneficiaryView } from '../components/Beneficiaries';
import { CommentsPanel } from '../components/CommentsPanel';
import { CompletenessPanel } from '../components/CompletenessPanel';
import { ExtensionPanel } from '../components/ExtensionPanel';
import { FinancialPart } from '../components/FinancialPart';
import { IndicatorCard } from '../components/IndicatorCard';
import { PrivacyDialog } from '../components/PrivacyDialog';
import { ReportBadges, reportTitle } from '../components/ReportBadges';
import { ReviewComments, SectionCard } from '../components/SectionCard';
import { VersionsPanel } from '../components/VersionsPanel';
import { ownContent, shownContent } from '../content';
import { contentField, fieldId, fieldLabel, problemText, type Problem } from '../fields';
import { useAcceptReport, useReport, useReportUpdater, useReportVersion, useReturnReport, useSubmitReport } from '../hooks';
import { grantLogframeOf, groupLogframe, type ReportResult } from '../logframe';
import { scanReportContent, scanTexts } from '../privacy';
import type { CommentConfirmation, PrivacyConfirmation, PrivacyFinding, Report, ReportComment, ReviewComment, ShownReportContent } from '../types';
import { useReportAutosave } from '../useReportAutosave';


/**
 * `/reports/:id`: one interim or final report. The organisation edits a draft or a returned report here (saved as
 * it types, what is missing beside each section, the privacy check and a confirmation before submitting); the
 * Secretariat reads it with a comment box per section and per indicator and accepts or returns it; the grant's
 * monitor and observers read it (beneficiary counts as the API shows them, "<5" and all). Versions, their
 * comparison and requests for more time for everyone who may see them.
 */
export function ReportPage() {
  const { id = '' } = useParams();
  const report = useReport(id);
  if (report.isPending) return <CenteredLoader />;
  if (report.isError) return isApiError(report.error) && report.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={report.error} />;
  return <ReportScreen key={`${report.data.id}:${report.data.can.edit}`} report={report.data} />;
}

function ReportScreen({ report }: { report: Report }) {
  const results = useMemo(() => groupLogframe(report.logframe), [report.logframe]);
  return report.can.edit ? <ReportEditor report={report} results={results} /> : <ReportReader report={report} results={results} />;
}

function ReportHeader({ report }: { report: Report }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <PageHeader
      title={`${reportTitle(t, report)} · ${report.agreementNumber ?? ''}`}
      description={
        <Stack gap={4}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Anchor component={Link} to={`/grants/${report.grantId}`} size="sm">{report.organizationName}</Anchor>
            {' · '}{t('reports.period', { from: f.date(report.periodStart), to: f.date(report.periodEnd) })}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" fw={600}>{t('reports.due', { date: f.date(report.dueDate) })}</Text>
            {report.scheduledDueDate && report.scheduledDueDate !== report.dueDate ? <Text size="xs" c="dimmed">({t('reports.scheduledDue', { date: f.date(report.scheduledDueDate) })})</Text> : null}
            <ReportBadges report={report} />
          </Group>
        </Stack>
      }
    />
  );
}

const reviewOf = (comments: readonly ReportComment[], section: NarrativeReportSection, indicatorId?: string) =>
  comments.filter((c) => c.kind === 'review' && c.section === section && (indicatorId ? c.indicatorId === indicatorId : !c.indicatorId));

/** The share of the grant's time gone at the end of the report's period (basis points). */
function elapsedAtPeriodEnd(report: Pick<Report, 'grantStartDate' | 'grantEndDate' | 'periodEnd'>): number {
  try {
    return elapsedShareBp({ startDate: report.grantStartDate, endDate: report.grantEndDate }, report.periodEnd);
  } catch {
    return 0;
  }
}

type BodyProps = {
  report: Report;
  results: ReportResult[];
  content: ShownReportContent;
  /** present: the organisation edits */
  set?: (change: (c: NarrativeReportContent) => NarrativeReportContent) => void;
  missing?: Partial<Record<NarrativeReportSection, number>>;
  error?: (field: string) => string | undefined;
  /** What stands beside a section or an indicator (the reviewer's box) */
  extra?: (section: NarrativeReportSection, indicatorId?: string) => ReactNode;
  suppressed?: boolean;
};

/** The report's sections, editable or read-only, with the review comments (and the reviewer's boxes) beside them. */
function ReportBody({ report, results, content, set, missing = {}, error = () => undefined, extra, suppressed = false }: BodyProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const editable = !!set;
  const comments = report.comments ?? [];
  const aside = (section: NarrativeReportSection, indicatorId?: string) => {
    const c = reviewOf(comments, section, indicatorId);
    const x = extra?.(section, indicatorId);
    if (c.length === 0 && !x) return undefined;
    return <Stack gap="xs"><ReviewComments comments={c} testId={`review-comments-${indicatorId ?? section}`} />{x}</Stack>;
  };
  const text = (field: string, label: string, value: string, onChange: (v: string) => void, opts: { minRows?: number; description?: string } = {}) =>
    editable ? (
      <Textarea id={fieldId(field)} label={label} description={opts.description} value={value} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={opts.minRows ?? 2} maxLength={NARRATIVE_TEXT_MAX} error={fieldError({ message: error(field) })} />
    ) : (
      <Box>
        <Text size="xs" c="dimmed">{label}</Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value || t('reports.form.empty')}</Text>
      </Box>
    );
  const indicatorValue = (key: string): NarrativeReportIndicatorValue => content.indicators?.[key] ?? { periodValue: null, cumulativeValue: null, comment: '', evidenceFileIds: [] };
  const fileNames = useMemo(() => Object.fromEntries((report.evidenceFiles ?? []).map((f) => [f.id, f.fileName])), [report.evidenceFiles]);
  const elapsedOf = (key: string) => report.indicatorProgress?.find((p) => p.indicatorKey === key)?.elapsedBp ?? elapsedAtPeriodEnd(report);

  return (
    <Stack gap="lg">
      {editable ? <PersonalDataNotice /> : null}
      <SectionCard section="general" title={t('reports.sections.general')} missing={missing.general} aside={aside('general')}>
        {text('general.summary', t('reports.form.generalSummary'), content.general?.summary ?? '', (v) => set?.((c) => ({ ...c, general: { summary: v } })), { minRows: 4, description: t('reports.form.generalHelp') })}
      </SectionCard>

      <SectionCard section="results" title={t('reports.sections.results')} missing={missing.results} aside={aside('results')}>
        <Stack gap="md">
          {results.length === 0 ? <Text size="sm" c="dimmed">{t('reports.form.noLogframe')}</Text> : null}
          {results.map((r) => (
            <Stack key={r.key} gap="xs" data-testid={`result-${r.key}`}>
              <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>{r.text}</Title>
              {text(`results.${r.key}.summary`, t('reports.form.resultSummary'), content.results?.[r.key]?.summary ?? '', (v) => set?.((c) => ({ ...c, results: { ...c.results, [r.key]: { summary: v } } })))}
              {r.activities.map((a) => {
                const entry = content.activities?.[a.key] ?? { done: '', status: null, deviations: '' };
                const setA = (patch: Partial<typeof entry>) => set?.((c) => ({ ...c, activities: { ...c.activities, [a.key]: { ...entry, ...(c.activities?.[a.key] ?? {}), ...patch } } }));
                return (
                  <Card key={a.key} withBorder padding="sm" data-testid={`activity-${a.key}`} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} mb={4} style={{ overflowWrap: 'anywhere' }}>{a.text}</Text>
                    <Stack gap="xs">
                      {editable ? (
                        <Select
                          id={fieldId(`activities.${a.key}.status`)}
                          label={t('reports.form.activityStatus')}
                          data={ACTIVITY_STATUS_SCALE.map((s) => ({ value: String(s.value), label: `${s.value} — ${t(`monitoring.activityStatus.${s.key}`)}` }))}
                          value={entry.status === null ? null : String(entry.status)}
                          onChange={(v) => setA({ status: v ? (Number(v) as ActivityStatus) : null })}
                          maw={320}
                          error={fieldError({ message: error(`activities.${a.key}.status`) })}
                        />
                      ) : (
                        <Text size="sm" data-testid="activity-status">{t('reports.form.activityStatus')}: {entry.status ? `${f.count(entry.status)} — ${t(`monitoring.activityStatus.${ACTIVITY_STATUS_SCALE[entry.status - 1]!.key}`)}` : '—'}</Text>
                      )}
                      {text(`activities.${a.key}.done`, t('reports.form.activityDone'), entry.done, (v) => setA({ done: v }))}
                      {text(`activities.${a.key}.deviations`, t('reports.form.activityDeviations'), entry.deviations, (v) => setA({ deviations: v }), { minRows: 1 })}
                    </Stack>
                  </Card>
                );
              })}
            </Stack>
          ))}
        </Stack>
      </SectionCard>

      <SectionCard section="indicators" title={t('reports.sections.indicators')} missing={missing.indicators} aside={aside('indicators')}>
        <Stack gap="md">
          {results.every((r) => r.indicators.length === 0) ? <Text size="sm" c="dimmed">{t('reports.form.noIndicators')}</Text> : null}
          {results.filter((r) => r.indicators.length > 0).map((r) => (
            <Stack key={r.key} gap="xs">
              <Text size="sm" fw={600} c="dimmed" style={{ overflowWrap: 'anywhere' }}>{r.text}</Text>
              {r.indicators.map((ind) => (
                <IndicatorCard
                  key={ind.key}
                  grantId={report.grantId}
                  item={ind}
                  value={indicatorValue(ind.key)}
                  elapsedBp={elapsedOf(ind.key)}
                  onChange={editable ? (next) => set?.((c) => ({ ...c, indicators: { ...c.indicators, [ind.key]: next } })) : undefined}
                  error={(leaf) => error(`indicators.${ind.key}.${leaf}`)}
                  aside={aside('indicators', ind.key)}
                  fileNames={fileNames}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      </SectionCard>

      <SectionCard section="beneficiaries" title={t('reports.sections.beneficiaries')} missing={missing.beneficiaries} aside={aside('beneficiaries')}>
        <Text size="sm" c="dimmed" mb="xs">{t('reports.form.beneficiariesHelp')}</Text>
        {editable ? (
          <BeneficiaryForm table={ownContent(content).beneficiaries} onChange={(b) => set?.((c) => ({ ...c, beneficiaries: b }))} />
        ) : (
          <BeneficiaryView table={content.beneficiaries ?? report.beneficiaries} suppressed={suppressed} />
        )}
      </SectionCard>

      <SectionCard section="challenges" title={t('reports.sections.challenges')} missing={missing.challenges} aside={aside('challenges')}>
        {text('challenges', t('reports.form.challenges'), content.challenges ?? '', (v) => set?.((c) => ({ ...c, challenges: v })), { minRows: 3 })}
      </SectionCard>
      <SectionCard section="lessons" title={t('reports.sections.lessons')} missing={missing.lessons} aside={aside('lessons')}>
        {text('lessons', t('reports.form.lessons'), content.lessons ?? '', (v) => set?.((c) => ({ ...c, lessons: v })), { minRows: 3 })}
      </SectionCard>
      {report.kind !== 'final' ? (
        <SectionCard section="next_plan" title={t('reports.sections.next_plan')} missing={missing.next_plan} aside={aside('next_plan')}>
          {text('nextPlan', t('reports.form.nextPlan'), content.nextPlan ?? '', (v) => set?.((c) => ({ ...c, nextPlan: v })), { minRows: 3 })}
        </SectionCard>
      ) : null}
      <SectionCard section="financial" title={t('reports.sections.financial')} aside={aside('financial')}>
        <FinancialPart expenditure={report.expenditureReport ?? null} />
      </SectionCard>
    </Stack>
  );
}

function Layout({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 8 }} style={{ minWidth: 0 }}>{main}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }} style={{ minWidth: 0 }}>
        <Stack gap="md" style={{ position: 'sticky', top: 'calc(var(--app-shell-header-offset, 0px) + 8px)' }}>{side}</Stack>
      </Grid.Col>
    </Grid>
  );
}

// ---------------------------------------------------------------------------------------------------------
// The organisation's form

function ReportEditor({ report, results }: { report: Report; results: ReportResult[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const updated = useReportUpdater();
  const logframe = useMemo(() => grantLogframeOf(report.logframe), [report.logframe]);
  const autosave = useReportAutosave<Report>({
    // the organisation's own draft: its counts as it typed them
    initial: { version: report.version, content: report.content ? ownContent(report.content) : emptyNarrativeReportContent(logframe) },
    save: (version, content) => reportsApi.save(report.id, version, content),
    load: async () => {
      const theirs = await reportsApi.get(report.id);
      return { report: theirs, content: theirs.content ? ownContent(theirs.content) : emptyNarrativeReportContent(logframe) };
    },
    onSaved: updated,
  });
  const content = autosave.content;
  // the domain's check as the organisation types; the server's answer adds what only it knows (a cumulative
  // value below the previous report's)
  const serverCompleteness = report.completeness;
  const completeness = useMemo(() => {
    const local = narrativeReportCompleteness(content, logframe, { kind: report.kind });
    const extra = (serverCompleteness?.problems ?? []).filter((p) => p.code === 'below_previous' && !local.problems.some((q) => q.field === p.field));
    if (extra.length === 0) return local;
    const bySection = { ...local.bySection };
    for (const p of extra) bySection[p.section] = [...(bySection[p.section] ?? []), p];
    return { complete: false, problems: [...local.problems, ...extra], bySection };
  }, [content, logframe, report.kind, serverCompleteness]);
  const missing = useMemo(() => Object.fromEntries(Object.entries(completeness.bySection).map(([s, p]) => [s, p.length])) as Partial<Record<NarrativeReportSection, number>>, [completeness]);
  const submit = useSubmitReport(report.id);
  const [attempted, setAttempted] = useState(false);
  const [findings, setFindings] = useState<PrivacyFinding[] | null>(null);
  const [confirmations, setConfirmations] = useState<PrivacyConfirmation[]>([]);
  const [confirming, confirm] = useDisclosure(false);
  const [scanning, setScanning] = useState(false);
  const serverProblems: Problem[] = isApiError(submit.error) ? submit.error.details.map((d) => ({ ...d, field: contentField(d.field) })) : [];

  const error = (field: string) => {
    const server = serverProblems.find((p) => p.field === field);
    if (server) return problemText(t, i18n, server);
    if (!attempted) return undefined;
    const local = completeness.problems.find((p) => p.field === field);
    return local ? problemText(t, i18n, local) : undefined;
  };

  const startSubmit = async () => {
    setAttempted(true);
    submit.reset();
    await autosave.flush();
    if (!completeness.complete) {
      document.getElementById('completeness-title')?.scrollIntoView?.({ block: 'center' });
      return;
    }
    setScanning(true);
    try {
      const found = await scanReportContent(content);
      if (found.length > 0) setFindings(found);
      else {
        setConfirmations([]);
        confirm.open();
      }
    } finally {
      setScanning(false);
    }
  };
  const doSubmit = () => {
    confirm.close();
    submit.mutate({ version: autosave.version(), confirmations }, { onSuccess: () => notifySuccess(t('reports.submit.done')) });
  };
  const returned = report.status === 'returned';

  return (
    <Box style={{ minWidth: 0 }}>
      <ReportHeader report={report} />
      <Box data-testid="autosave" style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 20, background: 'var(--mantine-color-body)', paddingBottom: 8 }}>
        <AutosaveLine status={autosave.status} savedAt={autosave.savedAt ? f.dateTime(autosave.savedAt.toISOString()) : null} onRetry={() => void autosave.flush()} onReload={() => void autosave.reload()} />
      </Box>
      {returned ? (
        <Alert color="orange" title={t('reports.comments.returnedTitle')} mb="md" data-testid="returned-alert">{t('reports.comments.returnedText')}</Alert>
      ) : null}
      <Layout
        main={<ReportBody report={report} results={results} content={shownContent(content)} set={autosave.setContent} missing={attempted ? missing : {}} error={error} />}
        side={
          <>
            <CompletenessPanel completeness={completeness} results={results} />
            {serverProblems.length > 0 || (submit.isError && !isApiError(submit.error)) ? (
              <Alert color="red" title={t('reports.submit.problemsTitle')} data-testid="submit-problems">
                {serverProblems.length > 0 ? (
                  <List size="sm">{serverProblems.map((p, i) => <List.Item key={`${p.field}-${i}`}>{fieldLabel(t, i18n.language, p.field, results)}: {problemText(t, i18n, p)}</List.Item>)}</List>
                ) : <ErrorAlert error={submit.error} namespace="reports.problems" />}
              </Alert>
            ) : null}
            {attempted && !completeness.complete ? <Text size="sm" c="red" role="alert">{t('reports.submit.blocked')}</Text> : null}
            {/* shown while the report may be edited: the API's can.submit follows the last save, the check here the typing */}
            <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => void startSubmit()} loading={scanning || submit.isPending} disabled={autosave.status === 'conflict'}>
              {t('reports.submit.button')}
            </Button>
            <ExtensionPanel report={report} />
            <VersionsPanel reportId={report.id} versions={report.versions ?? []} results={results} />
            <CommentsPanel reportId={report.id} comments={report.comments ?? []} mayComment={report.can.comment} />
          </>
        }
      />
      <PrivacyDialog
        opened={findings !== null}
        findings={findings ?? []}
        texts={narrativeReportFreeText(content)}
        results={results}
        onClose={() => setFindings(null)}
        onRemove={(field) => {
          setFindings(null);
          window.setTimeout(() => document.getElementById(fieldId(field))?.focus(), 50);
        }}
        onContinue={(c) => {
          setConfirmations(c);
          setFindings(null);
          confirm.open();
        }}
      />
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirming} onClose={confirm.close} title={t('reports.submit.confirmTitle')} centered>
        <Text mb="lg">{t('reports.submit.confirmText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close}>{t('common.cancel')}</Button>
          <Button onClick={doSubmit}>{t('reports.submit.confirm')}</Button>
        </Group>
      </Modal>
    </Box>
  );
}

function AutosaveLine({ status, savedAt, onRetry, onReload }: { status: string; savedAt: string | null; onRetry: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  if (status === 'conflict') {
    return (
      <Alert color="red" title={t('reports.autosave.conflictTitle')} data-testid="autosave-conflict">
        <Text size="sm" mb="xs">{t('reports.autosave.conflict')}</Text>
        <Button size="xs" variant="light" onClick={onReload}>{t('reports.autosave.reload')}</Button>
      </Alert>
    );
  }
  if (status === 'error') {
    return (
      <Group gap="xs"><Text size="sm" c="red" role="alert">{t('reports.autosave.error')}</Text><Button size="xs" variant="subtle" onClick={onRetry}>{t('reports.autosave.retry')}</Button></Group>
    );
  }
  const words = status === 'pending' ? t('reports.autosave.pending') : status === 'saving' ? t('reports.autosave.saving') : status === 'saved' && savedAt ? t('reports.autosave.saved', { time: savedAt }) : t('reports.autosave.idle');
  return <Text size="sm" c="dimmed" aria-live="polite">{words}</Text>;
}

// ---------------------------------------------------------------------------------------------------------
// Everyone else: read-only, and the Secretariat's review

function ReportReader({ report, results }: { report: Report; results: ReportResult[] }) {
  const { t } = useTranslation();
  const can = useCan();
  const reviewing = report.can.review;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const keyOf = (section: NarrativeReportSection, indicatorId?: string) => (indicatorId ? `indicators:${indicatorId}` : section);
  const extra = reviewing
    ? (section: NarrativeReportSection, indicatorId?: string) => {
        const k = keyOf(section, indicatorId);
        const label = indicatorId ? t('reports.review.commentOnIndicator', { indicator: results.flatMap((r) => r.indicators).find((i) => i.key === indicatorId)?.text ?? indicatorId }) : t('reports.review.commentOn', { section: t(`reports.sections.${section}`) });
        return <Textarea label={label} value={drafts[k] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setDrafts((d) => ({ ...d, [k]: v })); }} autosize minRows={1} maxLength={4000} data-testid={`review-box-${indicatorId ?? section}`} />;
      }
    : undefined;
  const comments: ReviewComment[] = Object.entries(drafts)
    .filter(([, v]) => v.trim() !== '')
    .map(([k, v]) => (k.startsWith('indicators:') ? { section: 'indicators', indicatorId: k.slice('indicators:'.length), text: v.trim() } : { section: k as NarrativeReportSection, text: v.trim() }));

  return (
    <Box style={{ minWidth: 0 }}>
      <ReportHeader report={report} />
      {!reviewing ? <Alert color="gray" variant="light" mb="md" data-testid="read-only">{report.status === 'draft' || report.status === 'returned' ? t('reports.form.readOnly') : t('reports.form.frozen')}</Alert> : null}
      <Layout
        main={report.content ? (
          <ReportBody report={report} results={results} content={report.content} extra={extra} suppressed={!can('report.submit')} />
        ) : <Alert color="gray" variant="light" data-testid="not-handed-in">{t('reports.form.notHandedIn')}</Alert>}
        side={
          <>
            {reviewing ? <ReviewActions report={report} comments={comments} onDone={() => setDrafts({})} indicatorName={(id) => results.flatMap((r) => r.indicators).find((i) => i.key === id)?.text ?? id} /> : null}
            <ExtensionPanel report={report} />
            <VersionsPanel reportId={report.id} versions={report.versions ?? []} results={results} />
            <CommentsPanel reportId={report.id} comments={report.comments ?? []} mayComment={report.can.comment} />
          </>
        }
      />
    </Box>
  );
}

/** Accept, or return with the comments written beside the sections and indicators (at least one; asked to confirm first). */
export function ReviewActions({ report, comments, onDone, indicatorName = (id) => id }: { report: Pick<Report, 'id' | 'version'>; comments: ReviewComment[]; onDone: () => void; indicatorName?: (id: string) => string }) {
  const { t } = useTranslation();
  const accept = useAcceptReport(report.id);
  const giveBack = useReturnReport(report.id);
  const [needComment, setNeedComment] = useState(false);
  const [confirming, confirm] = useDisclosure(false);
  const [findings, setFindings] = useState<PrivacyFinding[] | null>(null);
  const [confirmations, setConfirmations] = useState<CommentConfirmation[]>([]);
  const texts = Object.fromEntries(comments.map((c, i) => [`comments.${i}.text`, c.text]));
  const askReturn = async () => {
    if (comments.length === 0) {
      setNeedComment(true);
      return;
    }
    setNeedComment(false);
    // review comments carry no personal data of a victim either: the passages found are confirmed first
    const found = await scanTexts(texts);
    setConfirmations([]);
    if (found.length > 0) setFindings(found);
    else confirm.open();
  };
  const labelOf = (field: string) => {
    const c = comments[Number(/^comments\.(\d+)\./.exec(field)?.[1] ?? -1)];
    if (!c) return field;
    return c.indicatorId ? t('reports.review.commentOnIndicator', { indicator: indicatorName(c.indicatorId) }) : t('reports.review.commentOn', { section: t(`reports.sections.${c.section}`) });
  };
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="review-title" data-testid="review-actions">
      <Title order={2} size="h5" id="review-title" mb="xs">{t('reports.review.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('reports.review.help')}</Text>
      {needComment && comments.length === 0 ? <Alert color="red" variant="light" p="xs" mb="sm" role="alert" data-testid="need-comment">{t('reports.review.needComment')}</Alert> : null}
      {accept.isError ? <ErrorAlert error={accept.error} namespace="reports.problems" /> : null}
      {giveBack.isError ? <ErrorAlert error={giveBack.error} namespace="reports.problems" /> : null}
      <Group gap="xs" wrap="wrap">
        <ConfirmButton color="green" title={t('reports.review.acceptTitle')} message={t('reports.review.acceptText')} confirmLabel={t('reports.review.accept')} loading={accept.isPending}
          onConfirm={() => accept.mutate(report.version, { onSuccess: () => { notifySuccess(t('reports.review.accepted')); onDone(); } })}>
          {t('reports.review.accept')}
        </ConfirmButton>
        <Button color="orange" variant="light" onClick={() => void askReturn()} loading={giveBack.isPending}>{t('reports.review.return')}</Button>
      </Group>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirming} onClose={confirm.close} title={t('reports.review.returnTitle')} centered>
        <Text mb="lg">{t('reports.review.returnText', { count: comments.length })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close}>{t('common.cancel')}</Button>
          <Button color="orange" onClick={() => { confirm.close(); giveBack.mutate({ version: report.version, comments, confirmations }, { onSuccess: () => { notifySuccess(t('reports.review.returned')); onDone(); } }); }}>
            {t('reports.review.return')}
          </Button>
        </Group>
      </Modal>
      <PrivacyDialog
        opened={findings !== null}
        findings={findings ?? []}
        texts={texts}
        results={[]}
        labelOf={labelOf}
        onClose={() => setFindings(null)}
        onRemove={() => setFindings(null)}
        onContinue={(c) => {
          setConfirmations(c.map(({ kind, excerptHash }) => ({ kind, excerptHash })));
          setFindings(null);
          confirm.open();
        }}
      />
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------
// One frozen version

/**
 * `/reports/:id/versions/:version`: a submission as it was frozen (its SHA-256, who and when), read-only, with the
 * review comments written on that version beside their sections; the counts as this reader may see them.
 */
export function ReportVersionPage() {
  const { id = '', version = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const can = useCan();
  const report = useReport(id);
  const n = Number(version);
  const frozen = useReportVersion(id, Number.isInteger(n) && n > 0 ? n : null);
  const results = useMemo(() => groupLogframe(report.data?.logframe), [report.data?.logframe]);
  if (report.isPending || frozen.isPending) return <CenteredLoader />;
  if (report.isError || frozen.isError) {
    const error = report.error ?? frozen.error;
    return isApiError(error) && error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={error} />;
  }
  const r = report.data;
  const v = frozen.data;
  return (
    <Box style={{ minWidth: 0 }}>
      <PageHeader
        title={t('reports.versions.pageTitle', { report: `${reportTitle(t, r)} · ${r.agreementNumber}`, version: v.version })}
        description={
          <Stack gap={4}>
            <Text size="sm">{t('reports.versions.submitted', { date: f.dateTime(v.submittedAt), name: v.submittedBy })}</Text>
            <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{t('reports.versions.hash')}: {v.sha256}</Text>
            <Anchor component={Link} to={`/reports/${r.id}`} size="sm">{t('reports.versions.back')}</Anchor>
          </Stack>
        }
      />
      <ReportBody report={{ ...r, comments: r.comments.filter((c) => c.version === v.version) }} results={results} content={v.content} suppressed={!can('report.submit')} />
    </Box>
  );
}
