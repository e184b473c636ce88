import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDeviceMobile, IconKey, IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { describeError } from '../../../ui/errors';
import { formatDate, formatDateTime } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useMe } from '../../auth/hooks';
import { PasskeyEnrolment } from '../components/PasskeyEnrolment';
import { RecoveryCodesPanel } from '../components/RecoveryCodesPanel';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { useNewRecoveryCodes, useRemovePasskey, useRemoveTotp, useSecondFactorStatus } from '../hooks';
import { passkeysSupported } from '../passkey';
import type { FactorEnrolled } from '../types';

type Adding = null | 'totp' | 'passkey' | { codes: string[] };

/** /account/security: the user's second factors — authenticator app, passkeys, recovery codes left — to add or remove. */
export function SecurityPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const status = useSecondFactorStatus();
  const removeTotp = useRemoveTotp();
  const removePasskey = useRemovePasskey();
  const newCodes = useNewRecoveryCodes();
  const [adding, setAdding] = useState<Adding>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (status.isPending) return <CenteredLoader />;
  if (status.isError) return <ErrorAlert error={status.error} />;
  const s = status.data;
  const lng = i18n.language;
  const enrolled = (answer: FactorEnrolled) => {
    notifySuccess(t('security.added'));
    setAdding(answer.recoveryCodes?.length ? { codes: answer.recoveryCodes } : null);
  };
  const failed = (e: unknown) =>
    setProblem(isApiError(e) && e.statusCode === 400 && (e.detailFor('totp') || e.detailFor('passkey') || e.detailFor('id')) ? t('security.lastFactor') : describeError(t, e));
  const hasAny = s.totp || s.passkeys.length > 0;

  if (adding && typeof adding === 'object') {
    return (
      <>
        <PageHeader title={t('security.title')} />
        <Card withBorder maw={640}>
          <RecoveryCodesPanel codes={adding.codes} email={me?.email ?? ''} onDone={() => setAdding(null)} />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('security.title')} description={t('security.intro')} />
      <Stack gap="md" maw={900}>
        {problem ? (
          <Alert color="red" role="alert" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setProblem(null)}>
            {problem}
          </Alert>
        ) : null}
        {s.required ? (
          <Alert color="blue" variant="light">
            {t('security.requiredNote')}
          </Alert>
        ) : !hasAny ? (
          <Alert color="blue" variant="light">
            {t('security.optionalNote')}
          </Alert>
        ) : null}

        <Card withBorder>
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h4">
                <IconDeviceMobile size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('security.appTitle')}
              </Title>
              <Badge variant="light" color={s.totp ? 'green' : 'gray'}>
                {s.totp ? t('security.on') : t('security.off')}
              </Badge>
            </Group>
            {adding === 'totp' ? (
              <TotpEnrolment onEnrolled={enrolled} onCancel={() => setAdding(null)} />
            ) : s.totp ? (
              <Group>
                <ConfirmButton
                  size="xs"
                  variant="light"
                  title={t('security.removeAppTitle')}
                  message={t('security.removeAppConfirm')}
                  confirmLabel={t('security.remove')}
                  onConfirm={() => removeTotp.mutate(undefined, { onSuccess: () => notifySuccess(t('security.removed')), onError: failed })}
                >
                  {t('security.removeApp')}
                </ConfirmButton>
              </Group>
            ) : (
              <Group>
                <Button size="xs" onClick={() => setAdding('totp')}>
                  {t('security.addApp')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              <IconKey size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('security.passkeysTitle')}
            </Title>
            {s.passkeys.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('security.noPasskeys')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={320}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('security.passkeyName')}</Table.Th>
                      <Table.Th scope="col">{t('security.addedOn')}</Table.Th>
                      <Table.Th scope="col">{t('security.lastUsed')}</Table.Th>
                      <Table.Th scope="col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.passkeys.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td style={{ wordBreak: 'break-word' }}>{p.name}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.createdAt, lng)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.lastUsedAt ? formatDateTime(p.lastUsedAt, lng) : t('security.neverUsed')}</Table.Td>
                        <Table.Td ta="right">
                          <ConfirmButton
                            size="xs"
                            variant="light"
                            title={t('security.removePasskeyTitle')}
                            message={t('security.removePasskeyConfirm', { name: p.name })}
                            confirmLabel={t('security.remove')}
                            aria-label={t('security.removePasskeyNamed', { name: p.name })}
                            onConfirm={() => removePasskey.mutate(p.id, { onSuccess: () => notifySuccess(t('security.removed')), onError: failed })}
                          >
                            {t('security.remove')}
                          </ConfirmButton>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {adding === 'passkey' ? (
              <PasskeyEnrolment onEnrolled={enrolled} onCancel={() => setAdding(null)} />
            ) : passkeysSupported() ? (
              <Group>
                <Button size="xs" variant={s.passkeys.length ? 'default' : 'filled'} onClick={() => setAdding('passkey')}>
                  {t('security.addPasskey')}
                </Button>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('security.passkeyUnsupported')}
              </Text>
            )}
          </Stack>
        </Card>

        {hasAny ? (
          <Card withBorder>
            <Stack gap="sm">
              <Title order={2} size="h4">
                <IconLifebuoy size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('security.codesTitle')}
              </Title>
              <Text size="sm" data-testid="codes-left">
                {t('security.codesLeft', { count: s.recoveryCodesLeft })}
              </Text>
              <Group>
                <ConfirmButton
                  size="xs"
                  variant="light"
                  color="blue"
                  title={t('security.newCodesTitle')}
                  message={t('security.newCodesConfirm')}
                  confirmLabel={t('security.newCodes')}
                  onConfirm={() => newCodes.mutate(undefined, { onSuccess: (a) => setAdding({ codes: a.recoveryCodes }), onError: failed })}
                >
                  {t('security.newCodes')}
                </ConfirmButton>
              </Group>
            </Stack>
          </Card>
        ) : null}
        {s.verifiedAt ? (
          <Text size="xs" c="dimmed">
            {t('security.lastCheck', { when: formatDateTime(s.verifiedAt, lng) })}
          </Text>
        ) : null}
      </Stack>
    </>
  );
}
