import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { usePasskeyRegistration } from '../hooks';
import { passkeyCancelled } from '../passkey';
import type { FactorEnrolled } from '../types';

type Props = { onEnrolled: (answer: FactorEnrolled) => void; onCancel?: () => void };

/** Adds a passkey of this device (fingerprint, face, PIN or a security key), under a name the user recognises. */
export function PasskeyEnrolment({ onEnrolled, onCancel }: Props) {
  const { t } = useTranslation();
  const registration = usePasskeyRegistration();
  const [name, setName] = useState(() => t('security.passkeyDefaultName'));
  const [nameError, setNameError] = useState<string | null>(null);
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t('errors.required'));
    setNameError(null);
    try {
      onEnrolled(await registration.mutateAsync(trimmed));
    } catch {
      // shown below
    }
  };
  return (
    <form onSubmit={(e) => void create(e)} noValidate>
      <Stack>
        <Text size="sm">{t('security.passkeyIntro')}</Text>
        {registration.isError ? (
          passkeyCancelled(registration.error) ? (
            <Alert color="yellow" role="alert">
              {t('security.passkeyCancelled')}
            </Alert>
          ) : (
            <ErrorAlert error={registration.error} />
          )
        ) : null}
        <TextInput
          label={t('security.passkeyName')}
          description={t('security.passkeyNameHint')}
          withAsterisk
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={nameError}
        />
        <Group justify="space-between" wrap="wrap">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : (
            <span />
          )}
          <Button type="submit" leftSection={<IconKey size={16} aria-hidden />} loading={registration.isPending}>
            {t('security.createPasskey')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
