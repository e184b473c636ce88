import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifySuccess } from '../../../ui/notify';
import { useEraseUser } from '../hooks';

type Props = { user: { id: string; fullName: string; email: string } };

/**
 * The admin's "Erase personal data" (a person asked to be forgotten): with the request's reason, kept with the
 * erasure (not in the audit trail). Cannot be undone; the API refuses (and says why) when the person still carries
 * an organisation's open grant, monitors one, or has evaluations to finish.
 */
export function EraseUserButton({ user }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const erase = useEraseUser();
  const shut = () => {
    close();
    setReason('');
    setUnderstood(false);
    setReasonError(null);
    erase.reset();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setReasonError(t('errors.required'));
    setReasonError(null);
    try {
      await erase.mutateAsync({ id: user.id, reason: reason.trim() });
      notifySuccess(t('erasure.done', { name: user.fullName }));
      shut();
    } catch (error) {
      const detail = isApiError(error) ? error.detailFor('reason') : undefined;
      if (detail) setReasonError(detail.message || t('errors.required'));
    }
  };
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={open} aria-label={t('erasure.buttonNamed', { name: user.fullName })}>
        {t('erasure.button')}
      </Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={shut} title={t('erasure.title')} centered>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">{t('erasure.explain', { name: user.fullName, email: user.email })}</Text>
            {erase.isError && !reasonError ? <ErrorAlert error={erase.error} /> : null}
            <Textarea
              label={t('erasure.reason')}
              description={t('erasure.reasonHint')}
              withAsterisk
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reasonError}
            />
            <Checkbox label={t('erasure.understood')} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={shut}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!understood} loading={erase.isPending}>
                {t('erasure.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
