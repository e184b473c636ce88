import { formatEuroCents, parseEuroToCents } from '@grants/domain';
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmountInput } from '../../../ui/format-number';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { useContentLanguage } from '../../calls/lang';
import type { Adjustment } from '../types';
import type { TableRow } from './RankingTable';

type Props = {
  row: TableRow | null;
  current: Adjustment | undefined;
  onSave: (adjustment: Adjustment) => void;
  onRemove: (applicationId: string) => void;
  onClose: () => void;
};

/** The committee lowers an awarded amount (never above what was requested), and says why. Kept until the decision is recorded. */
export function AdjustModal({ row, current, onSave, onRemove, onClose }: Props) {
  const { t } = useTranslation();
  const { lang } = useContentLanguage();
  const [amount, setAmount] = useState(() => (current ? formatAmountInput(current.amountCents, lang) : ''));
  const [reason, setReason] = useState(current?.reason ?? '');
  const [tried, setTried] = useState(false);
  if (!row) return null;
  const cents = amount.trim() ? parseEuroToCents(amount) : null;
  const amountError = !amount.trim()
    ? t('ranking.adjust.amountRequired')
    : cents === null || cents <= 0
      ? t('ranking.adjust.notAnAmount')
      : cents > row.requestedCents
        ? t('ranking.adjust.aboveRequested', { amount: formatEuroCents(row.requestedCents, lang) })
        : null;
  const reasonError = reason.trim() ? null : t('ranking.adjust.reasonRequired');
  const save = () => {
    setTried(true);
    if (amountError || reasonError || cents === null) return;
    onSave({ applicationId: row.applicationId, amountCents: cents, reason: reason.trim() });
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('ranking.adjust.title', { reference: row.reference })} centered>
      <Stack>
        <Text size="sm">{t('ranking.adjust.intro', { amount: formatEuroCents(row.requestedCents, lang), organization: row.organizationName })}</Text>
        <TextInput
          label={t('ranking.adjust.amount')}
          leftSection="€"
          inputMode="decimal"
          withAsterisk
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          description={cents !== null && !amountError ? formatEuroCents(cents, lang) : undefined}
          error={tried && amountError ? <span role="alert">{amountError}</span> : undefined}
        />
        <Textarea
          label={t('ranking.adjust.reason')}
          description={<PersonalDataHint />}
          withAsterisk
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={tried && reasonError ? <span role="alert">{reasonError}</span> : undefined}
        />
        <Group justify="space-between">
          {current ? (
            <Button variant="subtle" color="red" onClick={() => onRemove(row.applicationId)}>{t('ranking.adjust.remove')}</Button>
          ) : <span />}
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button onClick={save}>{t('ranking.adjust.save')}</Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
