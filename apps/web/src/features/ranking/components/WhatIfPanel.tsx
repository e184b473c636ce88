import { formatEuroCents, parseEuroToCents, type RankingChange } from '@grants/domain';
import { Alert, Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmountInput } from '../../../ui/format-number';
import { useContentLanguage } from '../../calls/lang';
import type { RankingViewRow } from '../types';
import { outcomeLabel } from './RankingTable';

type Props = {
  callEnvelopeCents: number;
  /** The what-if envelope asked for, or null for the call's own. */
  applied: number | null;
  /** The envelope of the what-if ranking on screen (the previous one while a new one loads). */
  shownCents: number | null;
  onApply: (envelopeCents: number | null) => void;
  /** What moves against the call's envelope (ranking.changes of the what-if answer). */
  changes: RankingChange[] | null;
  /** The ranking with the call's envelope and the what-if one, to name reserve places on both sides. */
  before: RankingViewRow[];
  after: RankingViewRow[];
  loading?: boolean;
};

/** What if the envelope were different: the ranking re-computed by the server, and the applications whose outcome moves. */
export function WhatIfPanel({ callEnvelopeCents, applied, shownCents, onApply, changes, before, after, loading }: Props) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [text, setText] = useState(() => (applied !== null ? formatAmountInput(applied, lang) : ''));
  const [invalid, setInvalid] = useState(false);
  const beforeOf = new Map(before.map((r) => [r.applicationId, r]));
  const afterOf = new Map(after.map((r) => [r.applicationId, r]));
  const apply = () => {
    const cents = parseEuroToCents(text);
    setInvalid(cents === null);
    if (cents !== null) onApply(cents === callEnvelopeCents ? null : cents);
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="whatif-title">
      <Title order={2} size="h4" mb={4} id="whatif-title">{t('ranking.whatIf.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('ranking.whatIf.intro', { amount: formatEuroCents(callEnvelopeCents, lang) })}</Text>
      <form onSubmit={(e) => { e.preventDefault(); apply(); }} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            w={220}
            label={t('ranking.whatIf.envelope')}
            leftSection="€"
            inputMode="decimal"
            value={text}
            onChange={(e) => { setText(e.currentTarget.value); setInvalid(false); }}
            error={invalid ? <span role="alert">{t('ranking.whatIf.notAnAmount')}</span> : undefined}
          />
          <Button type="submit" loading={loading}>{t('ranking.whatIf.show')}</Button>
          {applied !== null ? (
            <Button variant="default" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => { setText(''); setInvalid(false); onApply(null); }}>
              {t('ranking.whatIf.reset', { amount: formatEuroCents(callEnvelopeCents, lang) })}
            </Button>
          ) : null}
        </Group>
      </form>
      {applied !== null && shownCents !== null && changes ? (
        <Alert mt="md" color="blue" variant="light" title={t('ranking.whatIf.active', { amount: formatEuroCents(shownCents, lang), callAmount: formatEuroCents(callEnvelopeCents, lang) })} data-testid="whatif-changes">
          {changes.length === 0 ? (
            <Text size="sm">{t('ranking.whatIf.noChanges')}</Text>
          ) : (
            <Stack gap={4}>
              <Text size="sm">{t('ranking.whatIf.changes', { count: changes.length })}</Text>
              <List size="sm">
                {changes.map((c) => {
                  const from = beforeOf.get(c.applicationId);
                  const to = afterOf.get(c.applicationId);
                  return (
                    <List.Item key={c.applicationId}>
                      {t('ranking.whatIf.move', {
                        reference: c.reference,
                        organization: to?.organizationName ?? from?.organizationName ?? '',
                        from: from ? outcomeLabel(t, from) : t(`ranking.outcome.${c.from}`),
                        to: to ? outcomeLabel(t, to) : t(`ranking.outcome.${c.to}`),
                      })}
                    </List.Item>
                  );
                })}
              </List>
            </Stack>
          )}
          <Text size="xs" mt="xs">{t('ranking.whatIf.nothingSaved')}</Text>
        </Alert>
      ) : null}
    </Card>
  );
}
