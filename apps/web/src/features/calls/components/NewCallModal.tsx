import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyApiErrors } from '../../../ui/errors';
import { fieldError } from '../../../ui/fields';
import { callsApi } from '../api';
import { useCallUpdater } from '../hooks';
import { useContentLanguage } from '../lang';
import type { CallSummary } from '../types';

type Values = { reference: string; en: string; sq: string; sr: string; copyFrom: string | null };

/** The Secretariat starts a call: a reference, a title in three languages, optionally a copy of an earlier call. */
export function NewCallModal({ opened, onClose, calls }: { opened: boolean; onClose: () => void; calls: CallSummary[] }) {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const navigate = useNavigate();
  const update = useCallUpdater();
  const { register, handleSubmit, setValue, watch, setError, formState } = useForm<Values>({
    defaultValues: { reference: '', en: '', sq: '', sr: '', copyFrom: null },
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      callsApi.create({ reference: v.reference.trim(), title: { en: v.en, sq: v.sq, sr: v.sr }, copyFromCallId: v.copyFrom ?? undefined }),
    onSuccess: (call) => {
      update(call);
      onClose();
      navigate(`/calls/${call.id}/edit`);
    },
    onError: (e) => applyApiErrors(e, setError, t, ['reference', 'en', 'sq', 'sr'], { fieldMap: { 'title.en': 'en', 'title.sq': 'sq', 'title.sr': 'sr' } }),
  });
  const required = { required: t('errors.required') };
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('calls.new.title')} size="lg">
      <form onSubmit={handleSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <TextInput label={t('calls.fields.reference')} placeholder="MF-C3-2027-01" withAsterisk {...register('reference', required)} error={fieldError(formState.errors.reference)} />
          <TextInput label={t('calls.new.titleEn')} withAsterisk {...register('en', required)} error={fieldError(formState.errors.en)} />
          <TextInput label={t('calls.new.titleSq')} withAsterisk {...register('sq', required)} error={fieldError(formState.errors.sq)} />
          <TextInput label={t('calls.new.titleSr')} withAsterisk {...register('sr', required)} error={fieldError(formState.errors.sr)} />
          <Select
            label={t('calls.new.copyFrom')}
            description={t('calls.new.copyFromHint')}
            clearable
            data={calls.map((c) => ({ value: c.id, label: `${c.reference} · ${pick(c.title)}` }))}
            value={watch('copyFrom')}
            onChange={(v) => setValue('copyFrom', v)}
          />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('calls.new.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
