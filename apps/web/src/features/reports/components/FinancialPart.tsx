import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../../ui/format-number';
import type { ReportExpenditure } from '../types';

/** The financial part: the expenditure report of the same period, linked (its status and amounts), never typed again. */
export function FinancialPart({ expenditure }: { expenditure: ReportExpenditure }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="xs" data-testid="financial-part">
      <Text size="sm" c="dimmed">{t('reports.form.financialHelp')}</Text>
      {!expenditure ? <Text size="sm">{t('reports.form.financialNone')}</Text> : (
        <Group gap="sm" wrap="wrap">
          <Badge variant="light" tt="none">{t(`grants.expenditure.status.${expenditure.status}`)}</Badge>
          <Text size="sm">{t('reports.form.financialSpent', { amount: f.money(expenditure.spentCents) })}</Text>
          {expenditure.acceptedCents !== null && expenditure.acceptedCents !== undefined ? <Text size="sm">{t('reports.form.financialAccepted', { amount: f.money(expenditure.acceptedCents) })}</Text> : null}
          <Anchor component={Link} to={`/expenditure-reports/${expenditure.id}`} size="sm">{t('reports.form.financialOpen')}</Anchor>
        </Group>
      )}
    </Stack>
  );
}
