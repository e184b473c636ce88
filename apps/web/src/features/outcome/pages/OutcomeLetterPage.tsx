import { formatEuroCents } from '@grants/domain';
import { Alert, Button, Card, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowLeft, IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useContentLanguage } from '../../calls/lang';
import { usePoints } from '../../evaluation/format';
import { outcomeApi } from '../api';
import type { OutcomeLetter } from '../types';

export const outcomeKeys = { one: (id: string) => ['applications', id, 'outcome'] as const };

const COLORS = { awarded: 'green', reserve: 'yellow', rejected: 'red', declined: 'gray', pending: 'gray' } as const;

function Verdict({ o }: { o: OutcomeLetter }) {
  const { t } = useTranslation();
  const { lang, pick } = useContentLanguage();
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
          {o.award?.adjustmentReason ? (
            <Text size="sm">{t('outcome.awarded.adjusted', { requested: euro(o.application.requestedCents), reason: o.award.adjustmentReason })}</Text>
          ) : null}
          <Text size="sm" fw={600}>{t('outcome.awarded.next')}</Text>
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
      title = t('outcome.declined.title');
      body = <Text size="sm">{t('outcome.declined.text')}</Text>;
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
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const points = usePoints();
  const max = o.grid.reduce((s, g) => s + g.maxPoints, 0);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="outcome-scores">
      <Title order={2} size="h4" mb="xs" id="outcome-scores">{t('outcome.scores')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('outcome.scoresHint')}</Text>
      <Table.ScrollContainer minWidth={480}>
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
                <Table.Td>{pick(s.title)}</Table.Td>
                <Table.Td ta="right">{points(o.points?.sections[s.id])}</Table.Td>
                <Table.Td ta="right">{points(s.maxPoints)}</Table.Td>
                <Table.Td ta="right">{points(s.thresholdPoints)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700} data-testid="outcome-total">
              <Table.Td>{t('outcome.total')}</Table.Td>
              <Table.Td ta="right">{points(o.points?.total)}</Table.Td>
              <Table.Td ta="right">{points(max)}</Table.Td>
              <Table.Td ta="right">{points(o.totalThreshold)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
