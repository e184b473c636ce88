import { canPayTranche } from '@grants/domain';
import { Button, FileInput, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { todayInKosovo } from '../../../ui/today';
import { grantsApi } from '../api';
import type { Tranche } from '../types';
import { ExpenditureReportSelect } from './ExpenditureReportSelect';

/** The organisation requests a planned tranche: a note and the supporting documents (uploaded to the grant first). */
export function TrancheRequestForm({ grantId, tranche, onDone, onCancel }: { grantId: string; tranche: Tranche; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [reportId, setReportId] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: async () => {
      const documentFileIds: string[] = [];
      for (const f of files) documentFileIds.push((await grantsApi.uploadDocument(grantId, f)).id);
      return grantsApi.requestTranche(tranche.id, { ...(note.trim() ? { note: note.trim() } : {}), ...(documentFileIds.length ? { documentFileIds } : {}), ...(reportId && tranche.kind !== 'pre_financing' ? { expenditureReportId: reportId } : {}) });
    },
    onSuccess: onDone,
  });
  return (
    <Stack gap="xs" data-testid={`request-form-${tranche.seq}`}>
      {tranche.kind !== 'pre_financing' ? <ExpenditureReportSelect grantId={grantId} value={reportId} onChange={setReportId} /> : null}
      <FileInput
        label={t('grants.request.documents')}
        description={t('grants.request.documentsHint')}
        multiple
        clearable
        clearButtonProps={{ 'aria-label': t('documents.clearFile') }}
        value={files}
        onChange={(v) => setFiles(v ?? [])}
      />
      <Textarea label={t('grants.request.note')} autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {send.isError ? <ErrorAlert error={send.error} namespace="grants.errors" /> : null}
      <Group gap="xs">
        <Button size="xs" loading={send.isPending} onClick={() => send.mutate()}>{t('grants.request.submit')}</Button>
        <Button size="xs" variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
      </Group>
    </Stack>
  );
}

/** The Secretariat records the payment of an approved tranche: the value date and the bank's reference. */
export function PayForm({ tranche, onDone, onCancel }: { tranche: Tranche; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [paidOn, setPaidOn] = useState(() => todayInKosovo());
  const [bankReference, setBankReference] = useState('');
  const [tried, setTried] = useState(false);
  const check = canPayTranche(tranche.status, { paidOn, bankReference });
  const pay = useMutation({ mutationFn: () => grantsApi.payTranche(tranche.id, { paidOn, bankReference: bankReference.trim() }), onSuccess: onDone });
  return (
    <Stack gap="xs" data-testid={`pay-form-${tranche.seq}`}>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <DateField
          label={t('grants.pay.paidOn')}
          value={paidOn}
          onChange={setPaidOn}
          required
          error={tried && !check.ok && check.reason === 'paid_on_invalid' ? t('errors.required') : undefined}
          style={{ flex: '1 1 180px' }}
        />
        <TextInput
          label={t('grants.pay.bankReference')}
          value={bankReference}
          onChange={(e) => setBankReference(e.currentTarget.value)}
          maxLength={100}
          required
          error={tried && !check.ok && check.reason === 'bank_reference_required' ? t('errors.required') : undefined}
          style={{ flex: '1 1 180px' }}
        />
      </Group>
      {pay.isError ? <ErrorAlert error={pay.error} namespace="grants.errors" /> : null}
      <Group gap="xs">
        <Button
          size="xs"
          color="green"
          loading={pay.isPending}
          onClick={() => {
            setTried(true);
            if (check.ok) pay.mutate();
          }}
        >
          {t('grants.pay.submit')}
        </Button>
        <Button size="xs" variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
      </Group>
    </Stack>
  );
}

/** A requested tranche back to the organisation, with the reason it reads. */
export function ReturnForm({ tranche, onDone, onCancel }: { tranche: Tranche; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const back = useMutation({ mutationFn: () => grantsApi.returnTranche(tranche.id, reason.trim()), onSuccess: onDone });
  return (
    <Stack gap="xs">
      <Textarea label={t('grants.returnForm.reason')} required autosize minRows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      {back.isError ? <ErrorAlert error={back.error} namespace="grants.errors" /> : null}
      <Group gap="xs">
        <Button size="xs" color="orange" disabled={!reason.trim()} loading={back.isPending} onClick={() => back.mutate()}>{t('grants.returnForm.submit')}</Button>
        <Button size="xs" variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
      </Group>
      <Text size="xs" c="dimmed">{t('grants.returnForm.hint')}</Text>
    </Stack>
  );
}
