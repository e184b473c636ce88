import { activityStatusKey, isActivityStatus, isVisitRating, visitRatingKey } from '@grants/domain';
import { Alert, Anchor, Badge, Button, Card, Group, Image, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCalendarEvent, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { NotFoundPage } from '../../../ui/NotFoundPage';
import { PageHeader } from '../../../ui/PageHeader';
import { notifySuccess } from '../../../ui/notify';
import { ActionPointTable, Field, FreeTextNotice } from '../components/ActionPointBits';
import { ReportStatusBadge, VisitTypeBadge } from '../components/VisitBadges';
import { useCommentVisitReport, useReviewVisitReport, useShareVisitReport, useVisit } from '../hooks';
import type { Visit, VisitReport } from '../types';

/**
 * One monitoring visit, for everyone who may read it: the visit itself, and its report read-only — the
 * Secretariat reviews it (accept, or return with a comment) and shares it with the organisation, which then
 * reads it frozen with its hash and its action points, and adds comments (appended, never edited). The
 * organisation and observers are told nothing of the report before it is shared (the API gives `report: null`).
 */
export function VisitPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const visit = useVisit(id);

  if (visit.isPending) return <CenteredLoader />;
  if (visit.isError) return isApiError(visit.error) && visit.error.statusCode === 404 ? <NotFoundPage /> : <ErrorAlert error={visit.error} />;
  const v = visit.data;
  const report = v.report;

  return (
    <>
      <PageHeader
        title={t('monitoring.visit.title', { date: f.date(v.date) })}
        description={`${v.agreementNumber} · ${v.organizationName}`}
        actions={(
          <Group gap="sm">
            {v.can.edit ? (
              <Button component={Link} to={`/visits/${v.id}/report`} leftSection={<IconPencil size={16} aria-hidden />} data-testid="write-report">
                {report && reportSaved(report) ? t('monitoring.visit.continueReport') : t('monitoring.visit.writeReport')}
              </Button>
            ) : null}
            {v.can.reschedule ? (
              <Button component={Link} to={`/visits/${v.id}/edit`} variant="default" leftSection={<IconCalendarEvent size={16} aria-hidden />}>{t('monitoring.visit.change')}</Button>
            ) : null}
          </Group>
        )}
      />
      <Stack gap="lg">
        <Card withBorder padding="md" component="section" aria-label={t('monitoring.visit.about')}>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <Field label={t('monitoring.visit.type')}><VisitTypeBadge type={v.type} /></Field>
            <Field label={t('monitoring.visit.date')}><Text>{f.date(v.date)}</Text></Field>
            <Field label={t('monitoring.visit.monitor')}><Text>{v.monitorName}</Text></Field>
            <Field label={t('monitoring.visit.grant')}>
              <Anchor component={Link} to={`/grants/${v.grantId}`} ff="monospace">{v.agreementNumber}</Anchor>
            </Field>
          </SimpleGrid>
          <Stack mt="sm" gap={0}><Field label={t('monitoring.visit.purpose')}><Text style={{ whiteSpace: 'pre-wrap' }}>{v.purpose}</Text></Field></Stack>
          {report && !(report.status === 'draft' && isUpcoming(v.date)) ? (
            <Group gap="xs" mt="sm"><Text size="sm">{t('monitoring.visit.reportStatus')}</Text><ReportStatusBadge status={report.status} /></Group>
          ) : null}
        </Card>

        {!report ? (
          <Alert color="gray" variant="light" data-testid="report-not-shared">{t('monitoring.visit.notShared')}</Alert>
        ) : (
          <>
            {report.status === 'returned' && report.reviewComment ? (
              <Alert color="orange" variant="light" title={t('monitoring.visit.returnedTitle')}>{report.reviewComment}</Alert>
            ) : null}
            {report.status === 'shared' && report.sharedAt ? (
              <Alert color="green" variant="light" data-testid="report-frozen">
                {t('monitoring.visit.frozen', { date: f.dateTime(report.sharedAt) })}{' '}
                <Text span ff="monospace" size="xs" style={{ wordBreak: 'break-all' }}>SHA-256 {report.sha256}</Text>
              </Alert>
            ) : null}
            <ReportView visit={v} report={report} />
            {v.can.review ? <ReviewForm visit={v} report={report} /> : null}
            {v.can.share ? <ShareButton visit={v} report={report} /> : null}
            {report.status === 'shared' ? <Comments visit={v} report={report} /> : null}
          </>
        )}
        <Anchor component={Link} to="/visits" size="sm">{t('monitoring.visit.back')}</Anchor>
      </Stack>
    </>
  );
}

/** A report was saved at least once: its version moved past the one it was created with (the API's version column starts at 1). */
export function reportSaved(report: Pick<VisitReport, 'version'>): boolean {
  return report.version > 1;
}

/** The visit's date (YYYY-MM-DD) is after today, in the reader's calendar: it is upcoming, its report not begun. */
export function isUpcoming(date: string, today: Date = new Date()): boolean {
  const pad = (n: number) => String(n).padStart(2, '0');
  return date.slice(0, 10) > `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

function Prose({ label, text }: { label: string; text: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Field label={label}>
      {text?.trim() ? <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text> : <Text c="dimmed">{t('monitoring.visit.none')}</Text>}
    </Field>
  );
}

/** The report, read-only: the activities on the 1–4 scale, the rating and what it means, the findings, people met, beneficiaries, photos, action points. */
export function ReportView({ visit, report }: { visit: Visit; report: VisitReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = report.content;
  const activity = new Map(visit.workPlan.map((a) => [a.activityId, a]));
  return (
    <>
      <Section title={t('monitoring.visit.activities')} testId="report-activities">
        {c.activities.length === 0 ? <Text c="dimmed" size="sm">{t('monitoring.visit.none')}</Text> : (
          <Table.ScrollContainer minWidth={560} className="table-stack">
            <Table striped aria-label={t('monitoring.visit.activities')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('monitoring.visit.activity')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <Table.Th>{t('monitoring.visit.comment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.activities.map((a) => (
                  <Table.Tr key={a.activityId}>
                    <Table.Td data-label={t('monitoring.visit.activity')}>
                      <Text size="sm">{activity.get(a.activityId)?.text ?? a.activityId}</Text>
                      {activity.get(a.activityId)?.result ? <Text size="xs" c="dimmed">{activity.get(a.activityId)!.result}</Text> : null}
                    </Table.Td>
                    <Table.Td data-label={t('common.status')} style={{ whiteSpace: 'nowrap' }}>
                      {a.status && isActivityStatus(a.status) ? `${a.status} — ${t(`monitoring.activityStatus.${activityStatusKey(a.status)}`)}` : t('monitoring.visit.notAssessed')}
                    </Table.Td>
                    <Table.Td data-label={t('monitoring.visit.comment')}><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.comment ?? ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section title={t('monitoring.visit.assessment')} testId="report-rating">
        <Stack gap="sm">
          <Field label={t('monitoring.visit.rating')}>
            {c.rating && isVisitRating(c.rating) ? (
              <Group gap="xs">
                <Badge color={c.rating === 1 ? 'green' : c.rating === 2 ? 'yellow' : 'red'} variant="light" tt="none">{f.count(c.rating)}</Badge>
                <Stack gap={0}><Text>{t(`monitoring.rating.${visitRatingKey(c.rating)}`)}</Text><Text size="xs" c="dimmed">{t(`monitoring.rating.${visitRatingKey(c.rating)}Help`)}</Text></Stack>
              </Group>
            ) : <Text c="dimmed">{t('monitoring.visit.notRated')}</Text>}
          </Field>
          <Prose label={t('monitoring.visit.ratingReasons')} text={c.ratingReasons} />
          <Prose label={t('monitoring.visit.correctiveActions')} text={c.correctiveActions} />
          <Prose label={t('monitoring.visit.findings')} text={c.findings} />
          <Prose label={t('monitoring.visit.recommendations')} text={c.recommendations} />
        </Stack>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('monitoring.visit.peopleMet')}>
          {c.peopleMet.length ? (
            <List spacing={2}>{c.peopleMet.map((p, i) => <List.Item key={i}>{p.function}: {f.count(p.count)}</List.Item>)}</List>
          ) : <Text c="dimmed" size="sm">{t('monitoring.visit.none')}</Text>}
        </Section>
        <Section title={t('monitoring.visit.beneficiaries')}>
          {c.beneficiariesObserved.length ? (
            <List spacing={2}>{c.beneficiariesObserved.map((b, i) => <List.Item key={i}>{b.group}: {f.count(b.count)}</List.Item>)}</List>
          ) : <Text c="dimmed" size="sm">{t('monitoring.visit.none')}</Text>}
        </Section>
      </SimpleGrid>

      <Section title={t('monitoring.visit.photos')} testId="report-photos">
        {report.photos.length ? (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
            {report.photos.map((p) => (
              <Anchor key={p.id} href={p.url} target="_blank" rel="noreferrer" aria-label={p.caption ?? t('monitoring.visit.photo')}>
                <Image src={p.url} alt={p.caption ?? t('monitoring.visit.photo')} h={120} fit="cover" radius="sm" loading="lazy" />
                {p.caption ? <Text size="xs" c="dimmed" mt={2}>{p.caption}</Text> : null}
              </Anchor>
            ))}
          </SimpleGrid>
        ) : <Text c="dimmed" size="sm">{t('monitoring.visit.noPhotos')}</Text>}
      </Section>

      <Section title={t('monitoring.visit.actionPoints')} testId="report-action-points">
        <ActionPointTable points={report.actionPoints} />
      </Section>
    </>
  );
}

/** The Secretariat accepts the submitted report, or returns it to the monitor with what to correct (required). */
export function ReviewForm({ visit, report }: { visit: Visit; report: VisitReport }) {
  const { t } = useTranslation();
  const review = useReviewVisitReport(visit.id);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (decision: 'accept' | 'return') => {
    if (decision === 'return' && !comment.trim()) { setMissing(true); return; }
    review.mutate(
      { version: report.version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      { onSuccess: () => { setComment(''); notifySuccess(t(decision === 'accept' ? 'monitoring.review.accepted' : 'monitoring.review.returned')); } },
    );
  };
  return (
    <Section title={t('monitoring.review.title')} testId="review-form">
      <Stack gap="sm">
        <Text size="sm">{t('monitoring.review.help')}</Text>
        <FreeTextNotice />
        <Textarea
          label={t('monitoring.review.comment')}
          description={t('monitoring.review.commentHelp')}
          value={comment}
          onChange={(e) => { setComment(e.currentTarget.value); setMissing(false); }}
          error={missing ? t('monitoring.review.commentRequired') : undefined}
          autosize minRows={3} maxLength={10000}
        />
        {review.isError ? <ErrorAlert error={review.error} /> : null}
        <Group gap="sm">
          <Button color="green" onClick={() => send('accept')} loading={review.isPending && review.variables?.decision === 'accept'}>{t('monitoring.review.accept')}</Button>
          <Button color="orange" variant="light" onClick={() => send('return')} loading={review.isPending && review.variables?.decision === 'return'}>{t('monitoring.review.return')}</Button>
        </Group>
      </Stack>
    </Section>
  );
}

/** Sharing freezes the report: it asks first. */
export function ShareButton({ visit, report }: { visit: Visit; report: VisitReport }) {
  const { t } = useTranslation();
  const share = useShareVisitReport(visit.id);
  return (
    <Card withBorder padding="md" component="section" aria-label={t('monitoring.share.title')}>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" style={{ flex: '1 1 300px' }}>{t('monitoring.share.help')}</Text>
        <ConfirmButton
          color="blue"
          title={t('monitoring.share.title')}
          message={t('monitoring.share.confirm')}
          confirmLabel={t('monitoring.share.button')}
          loading={share.isPending}
          onConfirm={() => share.mutate(report.version, { onSuccess: () => notifySuccess(t('monitoring.share.done')) })}
        >
          {t('monitoring.share.button')}
        </ConfirmButton>
      </Group>
      {share.isError ? <ErrorAlert error={share.error} /> : null}
    </Card>
  );
}

/** The comments on a shared report: appended, never edited. */
function Comments({ visit, report }: { visit: Visit; report: VisitReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const comment = useCommentVisitReport(visit.id);
  const [body, setBody] = useState('');
  return (
    <Section title={t('monitoring.comments.title')} testId="report-comments">
      <Stack gap="sm">
        {report.comments.length === 0 ? <Text c="dimmed" size="sm">{t('monitoring.comments.none')}</Text> : (
          <Stack gap="xs">
            {report.comments.map((c) => (
              <Card key={c.id} withBorder padding="sm" radius="sm">
                <Text size="xs" c="dimmed">{c.authorName} · {t(`monitoring.authorKind.${c.authorKind}`)} · {f.dateTime(c.createdAt)}</Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Text>
              </Card>
            ))}
          </Stack>
        )}
        {visit.can.comment ? (
          <form onSubmit={(e) => { e.preventDefault(); if (body.trim()) comment.mutate(body.trim(), { onSuccess: () => setBody('') }); }}>
            <Stack gap="xs">
              <FreeTextNotice />
              <Textarea label={t('monitoring.comments.add')} description={t('monitoring.comments.appendOnly')} value={body} onChange={(e) => setBody(e.currentTarget.value)} autosize minRows={2} maxLength={10000} />
              {comment.isError ? <ErrorAlert error={comment.error} /> : null}
              <Group><Button type="submit" disabled={!body.trim()} loading={comment.isPending}>{t('monitoring.comments.send')}</Button></Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}
