import { Button, Checkbox, Group, Modal, Stack, Text, Textarea, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors';
import { ErrorAlert } from './ErrorAlert';

type Props = {
  /** The button that opens the dialog. */
  label: string;
  'aria-label'?: string;
  buttonVariant?: ButtonProps['variant'];
  color: ButtonProps['color'];
  title: string;
  message: ReactNode;
  reasonLabel: string;
  reasonHint: string;
  maxLength: number;
  /** When set, a box the admin must tick before the action (an action that cannot be undone). */
  understoodLabel?: string;
  confirmLabel: string;
  /** Sends the action with the trimmed reason; a refusal naming `reason` is shown at the field, any other above it. */
  onSubmit: (reason: string) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  /** Clears the mutation's state when the dialog closes. */
  onReset: () => void;
};

/**
 * A button for an admin action that needs a written reason (kept with the record): a dialog with the reason, required,
 * and optionally an "I understand" box; closes when the action succeeds.
 */
export function ReasonButton(props: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const shut = () => {
    close();
    setReason('');
    setUnderstood(false);
    setReasonError(null);
    props.onReset();
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setReasonError(t('errors.required'));
    setReasonError(null);
    try {
      await props.onSubmit(reason.trim());
      shut();
    } catch (error) {
      const detail = isApiError(error) ? error.detailFor('reason') : undefined;
      if (detail) setReasonError(detail.message || t('errors.required'));
    }
  };
  return (
    <>
      <Button size="xs" variant={props.buttonVariant} color={props.color} onClick={open} aria-label={props['aria-label']}>
        {props.label}
      </Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={shut} title={props.title} centered>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Text size="sm">{props.message}</Text>
            {props.error && !reasonError ? <ErrorAlert error={props.error} /> : null}
            <Textarea
              label={props.reasonLabel}
              description={props.reasonHint}
              withAsterisk
              autosize
              minRows={2}
              maxLength={props.maxLength}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reasonError}
            />
            {props.understoodLabel ? <Checkbox label={props.understoodLabel} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={shut}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={props.color} disabled={Boolean(props.understoodLabel) && !understood} loading={props.pending}>
                {props.confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
