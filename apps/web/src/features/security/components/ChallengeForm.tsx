import { normalizeRecoveryCode, normalizeTotpCode } from '@grants/domain';
import { Alert, Anchor, Button, Divider, Stack, TextInput } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import type { Session } from '../../auth/types';
import { useChallenge } from '../hooks';
import { passkeyCancelled, passkeysSupported } from '../passkey';

type Method = 'totp' | 'passkey' | 'recovery';
type Props = {
  /** The methods the user has (from /me: secondFactor.methods). */
  methods: readonly Method[];
  onVerified: (session: Session) => void | Promise<void>;
  /** Where the form sits (a page or the step-up dialog): names the fields apart. */
  idPrefix?: string;
};

/**
 * The second-factor check: the 6-digit code of the authenticator app, a passkey, or a recovery code. Used by the
 * login's second step and by the step-up dialog. A wrong code is said at the field.
 */
export function ChallengeForm({ methods, onVerified, idPrefix = 'sf' }: Props) {
  const { t } = useTranslation();
  const challenge = useChallenge();
  const hasTotp = methods.includes('totp');
  const hasPasskey = methods.includes('passkey') && passkeysSupported();
  const [mode, setMode] = useState<'totp' | 'recovery'>(hasTotp || hasPasskey ? 'totp' : 'recovery');
  const [cancelled, setCancelled] = useState(false);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const showCodeBox = mode === 'recovery' || hasTotp;

  const fail = (error: unknown) => {
    if (isApiError(error) && error.statusCode === 400 && (error.detailFor('code') || error.details.length === 0)) {
      setFieldError(t('security.wrongCode'));
    } else if (isApiError(error) && error.statusCode === 429) {
      setFailure(null);
      setFieldError(t('security.tooManyCodes'));
    } else if (passkeyCancelled(error)) {
      setCancelled(true);
    } else {
      setFailure(error);
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setCancelled(false);
    const typed = mode === 'totp' ? normalizeTotpCode(code) : normalizeRecoveryCode(code);
    if (!typed) {
      setFieldError(mode === 'totp' ? t('security.codeShape') : t('security.recoveryShape'));
      return;
    }
    setFieldError(null);
    try {
      const session = await challenge.mutateAsync({ method: mode, code: typed });
      await onVerified(session);
    } catch (error) {
      fail(error);
    }
  };

  const withPasskey = async () => {
    setFailure(null);
    setCancelled(false);
    setFieldError(null);
    try {
      const session = await challenge.mutateAsync({ method: 'passkey' });
      await onVerified(session);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Stack>
      {cancelled ? (
        <Alert color="yellow" role="alert">
          {t('security.passkeyCancelled')}
        </Alert>
      ) : failure ? (
        <ErrorAlert error={failure} />
      ) : null}
      {showCodeBox ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <TextInput
              id={`${idPrefix}-${mode}`}
              label={mode === 'totp' ? t('security.code') : t('security.recoveryCode')}
              description={mode === 'totp' ? t('security.codeHint') : t('security.recoveryHint')}
              autoComplete={mode === 'totp' ? 'one-time-code' : 'off'}
              inputMode={mode === 'totp' ? 'numeric' : 'text'}
              autoCapitalize="off"
              spellCheck={false}
              maxLength={mode === 'totp' ? 7 : 14}
              withAsterisk
              data-autofocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fieldError}
              styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.1em' } }}
            />
            <Button type="submit" loading={challenge.isPending}>
              {t('security.verify')}
            </Button>
          </Stack>
        </form>
      ) : fieldError ? (
        <Alert color="red" role="alert">
          {fieldError}
        </Alert>
      ) : null}
      {hasPasskey ? (
        <>
          {showCodeBox ? <Divider label={t('security.or')} labelPosition="center" /> : null}
          <Button variant={showCodeBox ? 'default' : 'filled'} leftSection={<IconKey size={16} aria-hidden />} onClick={() => void withPasskey()} loading={challenge.isPending}>
            {t('security.usePasskey')}
          </Button>
        </>
      ) : null}
      <Anchor
        component="button"
        type="button"
        size="sm"
        ta="left"
        onClick={() => {
          setMode(mode === 'recovery' ? 'totp' : 'recovery');
          setCode('');
          setFieldError(null);
          setFailure(null);
        }}
      >
        {mode === 'recovery' ? (hasTotp ? t('security.useApp') : t('security.back')) : t('security.useRecovery')}
      </Anchor>
    </Stack>
  );
}
