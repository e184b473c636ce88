import { normalizeTotpCode } from '@grants/domain';
import { Box, Button, Code, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useTotpConfirm, useTotpSetup } from '../hooks';
import type { FactorEnrolled } from '../types';

/** The secret in groups of four, for typing it into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

type Props = { onEnrolled: (answer: FactorEnrolled) => void; onCancel?: () => void };

/** Adds an authenticator app: scan the QR code (or type the secret), then confirm with a code from the app. */
export function TotpEnrolment({ onEnrolled, onCancel }: Props) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const { mutate } = setup;
  useEffect(() => mutate(), [mutate]);

  if (setup.isError) return <ErrorAlert error={setup.error} />;
  if (!setup.data) return <CenteredLoader />;
  const { qrSvg, secret } = setup.data;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const typed = normalizeTotpCode(code);
    if (!typed) return setFieldError(t('security.codeShape'));
    setFieldError(null);
    try {
      onEnrolled(await confirm.mutateAsync(typed));
    } catch (error) {
      if (isApiError(error) && error.statusCode === 400) setFieldError(t('security.wrongCode'));
      else if (isApiError(error) && error.statusCode === 429) setFieldError(t('security.tooManyCodes'));
      else setFieldError(null);
    }
  };

  return (
    <Stack>
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>{t('security.totpStep1')}</List.Item>
        <List.Item>{t('security.totpStep2')}</List.Item>
        <List.Item>{t('security.totpStep3')}</List.Item>
      </List>
      <Group align="flex-start" wrap="wrap" gap="lg">
        <Box bg="white" p="xs" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
          <Image src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`} alt={t('security.qrAlt')} w={180} h={180} />
        </Box>
        <Stack gap={4} style={{ flex: 1, minWidth: 200 }}>
          <Text size="sm" fw={600} id="totp-secret-label">
            {t('security.secretLabel')}
          </Text>
          <Code block fz="md" aria-labelledby="totp-secret-label" data-testid="totp-secret" style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>
            {groupSecret(secret)}
          </Code>
          <Text size="xs" c="dimmed">
            {t('security.secretHint')}
          </Text>
        </Stack>
      </Group>
      {confirm.isError && !fieldError ? <ErrorAlert error={confirm.error} /> : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <TextInput
            label={t('security.code')}
            description={t('security.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            withAsterisk
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.1em' } }}
          />
          <Group justify="space-between" wrap="wrap">
            {onCancel ? (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={confirm.isPending}>
              {t('security.confirmApp')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
