import { CALL_DATE_KEYS, CALL_TEXT_KEYS, formatEuroCents, gridMaxPoints, sectionMaxPoints } from '@grants/domain';
import { Anchor, Card, SimpleGrid, Stack, Table, Tabs, Text, Title, TypographyStylesProvider } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../ui/format';
import { formatBasisPoints } from '../../../ui/format-number';
import { useContentLanguage } from '../lang';
import type { Call } from '../types';
import { KosovoTime } from './Kosovo';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">{title}</Title>
      {children}
    </Card>
  );
}


/** What a call says: texts, priorities, money rules, cost headings, the grid, dates and documents. */
export function CallDetails({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const { lang, pick } = useContentLanguage();
  const d = call.definition;
  const eur = (c: number) => formatEuroCents(c, lang);
  return (
    <Stack gap="lg">
      <Section id="call-texts" title={t('calls.sections.texts')}>
        <Tabs defaultValue="title" keepMounted={false}>
          <Tabs.List>
            {CALL_TEXT_KEYS.map((k) => <Tabs.Tab key={k} value={k}>{t(`calls.texts.${k}`)}</Tabs.Tab>)}
          </Tabs.List>
          {CALL_TEXT_KEYS.map((k) => (
            <Tabs.Panel key={k} value={k} pt="md">
              <TypographyStylesProvider>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{pick(d.texts?.[k]) || t('calls.noText')}</Text>
              </TypographyStylesProvider>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Section>

      <Section id="call-priorities" title={t('calls.sections.priorities')}>
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>{t('calls.fields.code')}</Table.Th><Table.Th>{t('calls.fields.nsObjective')}</Table.Th><Table.Th>{t('calls.fields.priority')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.priorities.map((p) => (
              <Table.Tr key={p.code}><Table.Td ff="monospace">{p.code}</Table.Td><Table.Td ff="monospace">{p.nsObjective}</Table.Td><Table.Td>{pick(p.title)}</Table.Td></Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section id="call-money" title={t('calls.sections.money')}>
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th>{t('calls.fields.envelope')}</Table.Th><Table.Td>{eur(d.budgetEnvelopeCents)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('calls.fields.minGrant')}</Table.Th><Table.Td>{eur(d.minGrantCents)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('calls.fields.maxGrant')}</Table.Th><Table.Td>{eur(d.maxGrantCents)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('calls.fields.maxDuration')}</Table.Th><Table.Td>{t('calls.months', { count: d.maxDurationMonths })}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('calls.fields.minCoFinancing')}</Table.Th><Table.Td>{formatBasisPoints(d.minCoFinancingBp, i18n.language)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('calls.fields.indirectCap')}</Table.Th><Table.Td>{formatBasisPoints(d.indirectCostCapBp, i18n.language)}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
        <Section id="call-headings" title={t('calls.sections.headings')}>
          <Table>
            <Table.Thead><Table.Tr><Table.Th>{t('calls.fields.heading')}</Table.Th><Table.Th>{t('calls.fields.cap')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.costHeadings.map((h) => (
                <Table.Tr key={h.code}><Table.Td>{t(`costHeadings.${h.code}`)}</Table.Td><Table.Td>{h.capPct === null ? t('calls.noCap') : `${h.capPct} %`}</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>

      <Section id="call-grid" title={t('calls.sections.grid')}>
        <Table>
          <Table.Thead><Table.Tr><Table.Th>{t('calls.fields.criterion')}</Table.Th><Table.Th ta="right">{t('calls.fields.maxPoints')}</Table.Th><Table.Th ta="right">{t('calls.fields.threshold')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {d.grid.sections.map((s) => [
              <Table.Tr key={s.id} bg="var(--mantine-color-default-hover)">
                <Table.Td fw={700}>{pick(s.title) || s.id}</Table.Td>
                <Table.Td ta="right" fw={700}>{sectionMaxPoints(s)}</Table.Td>
                <Table.Td ta="right">{s.thresholdPoints ?? '—'}</Table.Td>
              </Table.Tr>,
              ...s.criteria.map((c) => (
                <Table.Tr key={`${s.id}-${c.id}`}>
                  <Table.Td pl="xl">{c.id} {pick(c.title)}</Table.Td>
                  <Table.Td ta="right">{c.maxPoints}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              )),
            ])}
            <Table.Tr>
              <Table.Td fw={700}>{t('calls.fields.total')}</Table.Td>
              <Table.Td ta="right" fw={700}>{gridMaxPoints(d.grid)}</Table.Td>
              <Table.Td ta="right">{d.grid.totalThreshold ?? '—'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="xs">
          {t('calls.evaluatorsRule', { count: d.evaluatorsPerApplication, gap: d.divergenceThresholdPoints })}
        </Text>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section id="call-dates" title={t('calls.sections.dates')}>
          <Table>
            <Table.Tbody>
              {CALL_DATE_KEYS.map((k) => (
                <Table.Tr key={k}><Table.Th>{t(`calls.dates.${k}`)}</Table.Th><Table.Td><KosovoTime iso={d.dates?.[k] || null} size="sm" /></Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section id="call-documents" title={t('calls.sections.documents')}>
          {call.documents.length === 0 ? <Text c="dimmed">{t('calls.noDocuments')}</Text> : (
            <Stack gap="xs">
              {call.documents.map((doc) => (
                <Text key={doc.id} size="sm">
                  <Anchor href={`/api/files/${doc.fileId}/download`}>{doc.fileName}</Anchor>{' '}
                  <Text span c="dimmed" size="xs">
                    {t(`calls.documentKinds.${doc.kind}`)}{doc.language ? ` · ${doc.language.toUpperCase()}` : ''} · {formatBytes(doc.size, i18n.language)}
                  </Text>
                </Text>
              ))}
            </Stack>
          )}
          {(d.requiredAttachments ?? []).length > 0 ? (
            <>
              <Title order={3} size="h5" mt="md" mb={4}>{t('calls.requiredAttachments')}</Title>
              <Stack gap={2}>{(d.requiredAttachments ?? []).map((a) => <Text key={a.id} size="sm">• {pick(a.title)}</Text>)}</Stack>
            </>
          ) : null}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
