import { formatEuroCents, isCommittedAward } from '@grants/domain';
import { Badge, Button, Card, Code, Group, List, Modal, SimpleGrid, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconLock, IconUserX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { useCan } from '../../auth/hooks';
import { useContentLanguage } from '../../calls/lang';
import { evaluationAdminApi } from '../api';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { movesUpAfterDecline } from '../funding';
import { decisionSnapshot, type Award, type Decision, type RankingData } from '../types';
import { NoShrink, RankingTable, RankingTotals } from './RankingTable';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="sm" component="div">{children}</Text>
    </div>
  );
}

/** The recorded decision: frozen, with the SHA-256 that ties it to the audit trail. */
export function DecisionCard({ decision }: { decision: Decision }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="decided-title" data-testid="decision-record">
      <Group gap="xs" mb="sm">
        <IconLock size={18} aria-hidden />
        <Title order={2} size="h4" id="decided-title">{t('ranking.decided.title')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('ranking.decided.intro')}</Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Field label={t('ranking.decided.decidedOn')}>{formatDate(decision.decidedOn, i18n.language)}</Field>
        <Field label={t('ranking.decided.recordedAt')}>{formatDateTime(decision.recordedAt, i18n.language)}</Field>
        <Field label={t('ranking.decided.members')}>
          <List size="sm">{decision.committeeMembers.map((m, i) => <List.Item key={i}>{m}</List.Item>)}</List>
        </Field>
      </SimpleGrid>
      <Field label="SHA-256">
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{decision.sha256}</Code>
      </Field>
      <Field label={t('ranking.decided.anchor')}>
        {decision.anchor ? (
          <Text size="sm" component="div" data-testid="decision-anchor">
            {t('ranking.decided.anchorText', { seq: decision.anchor.seq })}{' '}
            <Code style={{ wordBreak: 'break-all' }}>{decision.anchor.hash}</Code>
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="decision-anchor">{t('ranking.decided.noAnchor')}</Text>
        )}
      </Field>
    </Card>
  );
}

function DeclineModal({ data, award, onClose, onDone }: { data: RankingData; award: Award | null; onClose: () => void; onDone: (d: RankingData) => void }) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const decline = useMutation({
    mutationFn: () => evaluationAdminApi.decline(award!.id, reason.trim()),
    onSuccess: (d) => {
      notifySuccess(t('ranking.awards.declinedOk'));
      onDone(d);
      onClose();
    },
  });
  if (!award) return null;
  const snapshot = decisionSnapshot(data.decision);
  const movesUp = snapshot ? movesUpAfterDecline(snapshot, data.awards, award.id) : [];
  const missing = !reason.trim();
  const eur = (cents: number) => formatEuroCents(cents, lang);
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('ranking.awards.declineTitle', { reference: award.reference })} centered>
      <Stack>
        <Text size="sm">{t('ranking.awards.declineIntro', { organization: award.organizationName, amount: eur(award.amountCents) })}</Text>
        <div data-testid="moves-up">
          {movesUp.length === 0 ? (
            <Text size="sm" fw={600}>{t('ranking.awards.noReserve')}</Text>
          ) : (
            <>
              <Text size="sm" fw={600}>{t('ranking.awards.movesUpIntro')}</Text>
              <List size="sm">
                {movesUp.map(({ step, row }) => (
                  <List.Item key={step.applicationId}>
                    {step.status === 'awarded'
                      ? t('ranking.awards.movesUpAwarded', { reference: row.reference, organization: row.organizationName, amount: eur(step.amountCents) })
                      : t('ranking.awards.movesUpOffered', { reference: row.reference, organization: row.organizationName, amount: eur(step.amountCents), requested: eur(step.requestedCents) })}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </div>
        <Textarea
          label={t('ranking.awards.declineReason')}
          description={<PersonalDataHint />}
          withAsterisk
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={tried && missing ? <span role="alert">{t('ranking.awards.reasonRequired')}</span> : undefined}
        />
        {decline.isError ? <ErrorAlert error={decline.error} namespace="ranking.errors" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color="red" loading={decline.isPending} onClick={() => { setTried(true); if (!missing) decline.mutate(); }}>{t('ranking.awards.declineConfirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Each award status's colour: awarded, an offer waiting for its answer, and the two ends of it (refused, declined). */
const AWARD_COLORS: Record<string, string> = { awarded: 'green', offered: 'yellow', refused: 'gray', declined: 'gray' };

/** The awards made by the decision and by moves up from the reserve list; an award the applicant declines. */
export function AwardsSection({ data, onChanged }: { data: RankingData; onChanged: (d: RankingData) => void }) {
  const { t, i18n } = useTranslation();
  const { lang } = useContentLanguage();
  const can = useCan();
  const [declining, setDeclining] = useState<Award | null>(null);
  // what the envelope holds for: the awards, and the offers still waiting for the organisation's answer
  const active = data.awards.filter((a) => isCommittedAward(a.status)).reduce((s, a) => s + a.amountCents, 0);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="awards-title">
      <Title order={2} size="h4" mb="sm" id="awards-title">{t('ranking.awards.title')}</Title>
      {data.awards.length === 0 ? (
        <Text c="dimmed">{t('ranking.awards.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="awards-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ranking.table.application')}</Table.Th>
                <Table.Th ta="right">{t('ranking.awards.amount')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th><VisuallyHidden>{t('common.actions')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.awards.map((a) => (
                <Table.Tr key={a.id} data-testid={`award-${a.reference}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{a.reference}</Text>
                    <Text size="xs" c="dimmed">{a.organizationName}</Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatEuroCents(a.amountCents, lang)}
                    {a.amountCents < a.requestedCents ? <Text size="xs" c="dimmed">{t('ranking.awards.ofRequested', { amount: formatEuroCents(a.requestedCents, lang) })}</Text> : null}
                    {a.adjustmentReason ? <Text size="xs" c="dimmed" maw={220} ml="auto" style={{ whiteSpace: 'normal' }}>{a.adjustmentReason}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <NoShrink>
                        <Badge color={AWARD_COLORS[a.status]} variant="light" tt="none" data-testid={`award-status-${a.reference}`}>
                          {t(`ranking.awards.status.${a.status}`, { date: formatDate(a.status === 'refused' ? a.answeredAt : a.declinedAt, i18n.language) })}
                        </Badge>
                      </NoShrink>
                      {a.declineReason ? <Text size="xs" c="dimmed">{a.declineReason}</Text> : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {a.status === 'awarded' && can('award.decide') ? (
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        style={{ whiteSpace: 'nowrap' }}
                        leftSection={<IconUserX size={14} aria-hidden />}
                        aria-label={t('ranking.awards.declineLabel', { reference: a.reference })}
                        onClick={() => setDeclining(a)}
                      >
                        {t('ranking.awards.decline')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm" mt="sm">{t('ranking.awards.committed', { amount: formatEuroCents(active, lang) })}</Text>
      <DeclineModal key={declining?.id ?? 'none'} data={data} award={declining} onClose={() => setDeclining(null)} onDone={onChanged} />
    </Card>
  );
}

/** After the decision: the record, the ranking as it was frozen, and the awards as they stand now. */
export function DecidedView({ data, onChanged }: { data: RankingData; onChanged: (d: RankingData) => void }) {
  const { t } = useTranslation();
  const decision = data.decision!;
  const snap = decisionSnapshot(decision);
  const rows = snap?.ranking ?? data.ranking.rows;
  return (
    <Stack gap="lg">
      <DecisionCard decision={decision} />
      <section aria-labelledby="frozen-title">
        <Title order={2} size="h4" mb={4} id="frozen-title">{t('ranking.decided.rankingTitle')}</Title>
        <Text size="sm" c="dimmed" mb="sm">{t('ranking.decided.rankingIntro')}</Text>
        <Stack gap="md">
          <RankingTable
            rows={rows}
            grid={snap?.rules?.grid ?? data.call.grid}
            envelopeCents={snap?.envelopeCents ?? decision.envelopeCents}
            tieBreakSectionId={snap?.rules ? snap.rules.tieBreakSectionId : data.call.rules.tieBreakSectionId}
          />
          <RankingTotals
            envelopeCents={snap?.envelopeCents ?? decision.envelopeCents}
            awardedCents={snap?.awardedCents ?? data.ranking.awardedCents}
            remainingCents={snap?.remainingCents ?? data.ranking.remainingCents}
          />
        </Stack>
      </section>
      <AwardsSection data={data} onChanged={onChanged} />
    </Stack>
  );
}
