import { formatEuroCents } from '@grants/domain';
import { Alert, Button, Card, Code, Group, List, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowLeft, IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { formatNumber } from '../../../ui/format-number';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useCan } from '../../auth/hooks';
import { useContentLanguage } from '../../calls/lang';
import { usePoints } from '../../evaluation/format';
import { outcomeApi, type OutcomeLetter } from '../api';

export const outcomeKeys = { one: (id: string) => ['applications', id, 'outcome'] as const };

const COLORS: Record<OutcomeLetter['outcome'], string> = { awarded: 'green', offered: 'orange', reserve: 'yellow', rejected: 'red', declined: 'gray' };

/**
 * An offer (less than requested) is answered by the organisation: accepting it makes the award, refusing it sends
 * the money down the reserve list. Each answer is confirmed first: it cannot be taken back.
 */
function OfferAnswer({ o }: { o: OutcomeLetter }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<'accept' | 'refuse' | null>(null);
  const [reason, setReason] = useState('');
  const done = (next: OutcomeLetter, message: string) => {
    qc.setQueryData(outcomeKeys.one(o.application.id), next);
    // the lists show the application's new status; the letter itself is the answer just received
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'applications' && q.queryKey[2] !== 'outcome' });
    notifySuccess(message);
    setAsking(null);
  };
  const accept = useMutation({ mutationFn: () => outcomeApi.accept(o.award!.id), onSuccess: (next) => done(next, t('outcome.offered.acceptedOk')) });
  const refuse = useMutation({ mutationFn: () => outcomeApi.refuse(o.award!.id, reason.trim()), onSuccess: (next) => done(next, t('outcome.offered.refusedOk')) });
  const pending = accept.isPending || refuse.isPending;
  return (
    <>
      <Group gap="sm" mt="xs" data-testid="offer-actions">
        <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setAsking('accept')}>{t('outcome.offered.accept')}</Button>
        <Button variant="outline" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setAsking('refuse')}>{t('outcome.offered.refuse')}</Button>
      </Group>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={asking !== null} onClose={() => setAsking(null)} centered
        title={asking === 'accept' ? t('outcome.offered.acceptTitle') : t('outcome.offered.refuseTitle')}>
        <Stack>
          <Text size="sm">{asking === 'accept' ? t('outcome.offered.acceptText') : t('outcome.offered.refuseText')}</Text>
          {asking === 'refuse' ? (
            <Textarea label={t('outcome.offered.reason')} description={t('outcome.offered.reasonHint')} autosize minRows={3} maxLength={2000}
              value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          ) : null}
          {accept.isError || refuse.isError ? <ErrorAlert error={accept.error ?? refuse.error} namespace="outcome.errors" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)} disabled={pending}>{t('common.cancel')}</Button>
            {asking === 'accept'
              ? <Button loading={accept.isPending} onClick={() => accept.mutate()}>{t('outcome.offered.acceptConfirm')}</Button>
              : <Button color="red" loading={refuse.isPending} onClick={() => refuse.mutate()}>{t('outcome.offered.refuseConfirm')}</Button>}
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Verdict({ o }: { o: OutcomeLetter }) {
  const { t, i18n } = useTranslation();
  const { lang, pick } = useContentLanguage();
  const can = useCan();
  const points = usePoints();
  const euro = (cents: number) => formatEuroCents(cents, lang);
  const sectionTitle = (id: string | null) => pick(o.grid.find((s) => s.id === id)?.title) || id || '';
  let title: string;
  let body: ReactNode = null;
  switch (o.outcome) {
    case 'awarded': {
      const amount = o.award?.amountCents ?? o.application.requestedCents;
      title = t('outcome.awarded.title', { amount: euro(amount) });
      body = (
        <Stack gap="xs">
          {o.movedUp ? <Text size="sm">{t('outcome.awarded.movedUp')}</Text> : null}
          {o.award?.adjustmentReason ? (
            <Text size="sm">{t('outcome.awarded.adjusted', { requested: euro(o.application.requestedCents), reason: o.award.adjustmentReason })}</Text>
          ) : null}
          <Text size="sm" fw={600}>{t('outcome.awarded.next')}</Text>
          {o.award && o.award.amountCents < o.application.requestedCents && can('application.read.own') ? (
            <Group gap="sm" data-testid="budget-revision-entry">
              <Text size="sm">{t('grants.revision.outcomeHint')}</Text>
              <Button component={Link} to={`/awards/${o.award.id}/budget-revision`} size="xs" variant="light">{t('grants.revision.open')}</Button>
            </Group>
          ) : null}
        </Stack>
      );
      break;
    }
    case 'offered': {
      title = t('outcome.offered.title', { amount: euro(o.award?.amountCents ?? 0), requested: euro(o.application.requestedCents) });
      body = (
        <Stack gap="xs">
          <Text size="sm">
            {o.award?.adjustmentReason
              ? t('outcome.offered.why', { reason: o.award.adjustmentReason })
              : o.movedUp ? t('outcome.offered.leftOver') : null}
          </Text>
          <Text size="sm" fw={600}>{t('outcome.offered.text')}</Text>
          {o.award && can('application.create') ? <OfferAnswer o={o} /> : <Text size="sm" c="dimmed">{t('outcome.offered.ownerAnswers')}</Text>}
        </Stack>
      );
      break;
    }
    case 'reserve':
      title = t('outcome.reserve.title', { place: o.reservePlace ?? '—' });
      body = <Text size="sm">{t('outcome.reserve.text')}</Text>;
      break;
    case 'rejected':
      title = t('outcome.rejected.title');
      body = (
        <Stack gap="xs">
          <Text size="sm">{o.reason ? t(`outcome.rejected.${o.reason}`) : t('outcome.rejected.other')}</Text>
          {o.failures.length > 0 ? (
            <List size="sm">
              {o.failures.map((f, i) => (
                <List.Item key={`${f.scope}-${f.sectionId ?? 'total'}-${i}`}>
                  {f.scope === 'total'
                    ? t('outcome.failure.total', { points: points(f.points), threshold: points(f.thresholdPoints) })
                    : t('outcome.failure.section', { section: sectionTitle(f.sectionId), points: points(f.points), threshold: points(f.thresholdPoints) })}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      );
      break;
    case 'declined':
      if (o.award?.status === 'refused') {
        title = t('outcome.refused.title');
        body = <Text size="sm">{t('outcome.refused.text', { date: formatDate(o.award.answeredAt, i18n.language) })}</Text>;
      } else {
        title = t('outcome.declined.title');
        body = <Text size="sm">{t('outcome.declined.text')}</Text>;
      }
      break;
    default:
      title = t('outcome.pending');
  }
  return (
    <Alert color={COLORS[o.outcome] ?? 'gray'} variant="light" title={title} data-testid="outcome-verdict">
      {body}
    </Alert>
  );
}

function Scores({ o }: { o: OutcomeLetter }) {
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const whole = usePoints();
  // section points that add up to the total are shown with both decimals, so the column visibly sums
  const points = (x: number | null | undefined) =>
    o.pointsRounding === 'sections_add_up' && typeof x === 'number' ? formatNumber(x, i18n.language, { minDecimals: 2, maxDecimals: 2 }) : whole(x);
  const max = o.grid.reduce((s, g) => s + g.maxPoints, 0);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="outcome-scores">
      <Title order={2} size="h4" mb="xs" id="outcome-scores">{t('outcome.scores')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('outcome.scoresHint')}</Text>
      {/* on a phone each section reads as a card ("Points: 22,50") instead of a table wider than the screen */}
      <Table.ScrollContainer minWidth={480} className="table-stack">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outcome.section')}</Table.Th>
              <Table.Th ta="right">{t('outcome.points')}</Table.Th>
              <Table.Th ta="right">{t('outcome.max')}</Table.Th>
              <Table.Th ta="right">{t('outcome.threshold')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.grid.map((s) => (
              <Table.Tr key={s.id} data-testid={`outcome-section-${s.id}`}>
                <Table.Td data-label={t('outcome.section')} fw={600}>{pick(s.title)}</Table.Td>
                <Table.Td ta="right" data-label={t('outcome.points')}>{points(o.points?.sections[s.id])}</Table.Td>
                <Table.Td ta="right" data-label={t('outcome.max')}>{whole(s.maxPoints)}</Table.Td>
                <Table.Td ta="right" data-label={t('outcome.threshold')}>{whole(s.thresholdPoints)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700} data-testid="outcome-total">
              <Table.Td>{t('outcome.total')}</Table.Td>
              <Table.Td ta="right" data-label={t('outcome.points')}>{points(o.points?.total)}</Table.Td>
              <Table.Td ta="right" data-label={t('outcome.max')}>{whole(max)}</Table.Td>
              <Table.Td ta="right" data-label={t('outcome.threshold')}>{whole(o.totalThreshold)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {o.points ? <Text size="xs" c="dimmed" mt="xs" data-testid="outcome-rounding">{t(`outcome.rounding.${o.pointsRounding}`)}</Text> : null}
      <Text size="sm" mt="sm" data-testid="outcome-rank">
        {o.rank !== null ? t('outcome.rank', { rank: o.rank }) : t('outcome.noRank')}
      </Text>
    </Card>
  );
}

function Comments({ o }: { o: OutcomeLetter }) {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="outcome-comments">
      <Title order={2} size="h4" mb="xs" id="outcome-comments">{t('outcome.comments')}</Title>
      {o.comments.length === 0 ? <Text size="sm" c="dimmed">{t('outcome.noComments')}</Text> : (
        <Stack gap="md">
          {o.grid.map((s) => (
            <Stack key={s.id} gap="xs" data-testid={`outcome-comments-${s.id}`}>
              <Title order={3} size="h5">{pick(s.title)}</Title>
              {o.comments.map((c) => (
                <div key={c.evaluator}>
                  <Text size="sm" fw={600}>{t('outcome.evaluatorN', { n: c.evaluator })}</Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{c.comments[s.id]?.trim() || '—'}</Text>
                </div>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** The applicant's outcome letter: the committee's decision, the scores per section and the evaluators' comments. */
export function OutcomeLetterPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const outcome = useQuery({ queryKey: outcomeKeys.one(id ?? ''), queryFn: () => outcomeApi.get(id as string), enabled: !!id });
  const back = (
    <Button component={Link} to={`/applications/${id}`} variant="subtle" size="xs" leftSection={<IconArrowLeft size={14} aria-hidden />}>
      {t('outcome.back')}
    </Button>
  );
  if (outcome.isPending) return <CenteredLoader />;
  if (outcome.isError) {
    if (isApiError(outcome.error) && outcome.error.statusCode === 404) {
      return (
        <>
          <PageHeader title={t('outcome.letter')} actions={back} />
          <Alert color="gray" variant="light" data-testid="outcome-not-yet">{t('outcome.notYet')}</Alert>
        </>
      );
    }
    return <ErrorAlert error={outcome.error} />;
  }
  const o = outcome.data;
  return (
    <>
      <PageHeader
        title={t('outcome.title', { reference: o.application.reference })}
        description={
          <Stack gap={2}>
            <Text size="sm"><Text span ff="monospace">{o.call.reference}</Text> · {pick(o.call.title)}</Text>
            <Text size="sm">{o.application.organizationName}</Text>
          </Stack>
        }
        actions={
          <>
            {back}
            <Button component="a" href={outcomeApi.pdfUrl(o.application.id)} leftSection={<IconDownload size={16} aria-hidden />}>
              {t('outcome.download')}
            </Button>
          </>
        }
      />
      <Stack gap="md" maw={960}>
        <Verdict o={o} />
        <Scores o={o} />
        <Comments o={o} />
        <Card withBorder padding="md" component="section" aria-labelledby="outcome-decision">
          <Title order={2} size="h4" mb="xs" id="outcome-decision">{t('outcome.decision')}</Title>
          <Group gap="xs">
            <Text size="sm">{t('outcome.decidedOn', { date: formatDate(o.decision.decidedOn, i18n.language) })}</Text>
          </Group>
          <Text size="sm" mt="xs">{t('outcome.sha256')}</Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="outcome-sha256">{o.decision.sha256}</Code>
          <Text size="xs" c="dimmed" mt="xs">{t('outcome.sha256Hint')}</Text>
        </Card>
      </Stack>
    </>
  );
}
