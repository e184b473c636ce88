import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NsObjectiveField } from '../../applications/components/NsObjectiveField';
import type { Grant } from '../types';

/**
 * The grant's logframe as it stands (the submission's, or the latest logframe amendment's): each specific objective
 * with the National Strategy objective it serves, its results and their indicators with targets. Read-only.
 */
export function GrantLogframeSection({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const lf = grant.logframe;
  const sos = lf?.specificObjectives ?? [];
  if (!lf || sos.length === 0) return null;
  return (
    <section aria-labelledby="grant-logframe-title" data-testid="grant-logframe">
      <Title order={2} size="h4" mb="xs" id="grant-logframe-title">{t('applications.sections.logframe')}</Title>
      <Stack gap="sm">
        {lf.overallObjective ? (
          <Text size="sm">
            <Text span fw={600}>{t('applications.logframe.overallObjective')}:</Text> {lf.overallObjective}
          </Text>
        ) : null}
        {sos.map((so, i) => (
          <Card key={i} withBorder padding="sm" data-testid={`grant-so-${i + 1}`}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{`${t('applications.logframe.specificObjectiveN', { n: i + 1 })}: ${so.text}`}</Text>
            <NsObjectiveField value={so.nsObjective} priorities={[]} readOnly onChange={() => undefined} />
            {(so.results ?? []).length > 0 ? (
              <List size="sm" mt="xs" spacing={4}>
                {(so.results ?? []).map((r, k) => (
                  <List.Item key={k} style={{ overflowWrap: 'anywhere' }}>
                    {`${t('applications.logframe.resultN', { n: `${i + 1}.${k + 1}` })}: ${r.text}`}
                    {(r.indicators ?? []).length > 0 ? (
                      <List size="sm" withPadding spacing={2}>
                        {r.indicators.map((ind, m) => (
                          <List.Item key={m}>{`${ind.name} — ${t('applications.logframe.target')}: ${ind.target} ${ind.unit}`}</List.Item>
                        ))}
                      </List>
                    ) : null}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Card>
        ))}
      </Stack>
    </section>
  );
}
