import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format-number';
import { conditionText } from '../conditions';
import type { TrancheCondition } from '../types';

/** Each condition of a tranche, met or not, with the figure behind it in the reader's language. */
export function ConditionList({ conditions, testId }: { conditions: TrancheCondition[]; testId?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <List spacing={4} size="sm" center data-testid={testId} aria-label={t('grants.tranches.conditions')}>
      {conditions.map((c) => (
        <List.Item
          key={c.kind}
          data-testid={`condition-${c.kind}`}
          data-met={c.met}
          icon={
            <ThemeIcon size={18} radius="xl" color={c.met ? 'green' : 'red'} aria-hidden>
              {c.met ? <IconCheck size={12} /> : <IconX size={12} />}
            </ThemeIcon>
          }
        >
          <Text size="sm" span fw={600}>{t(`grants.condition.${c.kind}.label`)}</Text>
          <Text size="sm" span>{` — ${c.met ? t('grants.condition.met') : t('grants.condition.unmet')}: ${conditionText(t, c, f)}`}</Text>
        </List.Item>
      ))}
    </List>
  );
}
