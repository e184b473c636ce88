import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifySuccess } from '../../../ui/notify';
import { useResetSecondFactors } from '../hooks';

type Props = { user: { id: string; fullName: string; email: string } };

/**
 * The admin's "Reset second factors" (a user lost their phone and codes): with a reason, kept in the audit trail;
 * the user's sessions end and they must enrol again. A sensitive action: the step-up dialog may ask first.
 */
export function ResetSecondFactorsButton({ user }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reset = useResetSecondFactors();
  const shut = () => {
    close();
    setReason('');
    setReasonError(null);
    reset.reset();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setReasonError(t('errors.required'));
    setReasonError(null);
    try {
      await reset.mutateAsync({ id: user.id, reason: reason.trim() });
      notifySuccess(t('adminUsers.secondFactorResetDone', { name: user.fullName }));
      shut();
    } catch (error) {
      const detail = isApiError(error) ? error.detailFor('reason') : undefined;
      if (detail) setReasonError(detail.message || t('errors.required'));
    }
  };
  return (
    <>
      <Button size="xs" variant="light" color="orange" onClick={open} aria-label={t('adminUsers.resetSecondFactorNamed', { name: user.fullName })}>
        {t('adminUsers.resetSecondFactor')}
      </Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={shut} title={t('adminUsers.resetSecondFactorTitle')} centered>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">{t('adminUsers.resetSecondFactorConfirm', { name: user.fullName, email: user.email })}</Text>
            {reset.isError && !reasonError ? <ErrorAlert error={reset.error} /> : null}
            <Textarea
              label={t('adminUsers.resetReason')}
              description={t('adminUsers.resetReasonHint')}
              withAsterisk
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reasonError}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={shut}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="orange" loading={reset.isPending}>
                {t('adminUsers.resetSecondFactor')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
