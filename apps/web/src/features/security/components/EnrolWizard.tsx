import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDeviceMobile, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passkeysSupported } from '../passkey';
import type { FactorEnrolled } from '../types';
import { PasskeyEnrolment } from './PasskeyEnrolment';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { TotpEnrolment } from './TotpEnrolment';

type Step = { at: 'choose' } | { at: 'totp' } | { at: 'passkey' } | { at: 'codes'; codes: string[] };
type Props = { email: string; onDone: () => void };

/** Choose an authenticator app or a passkey, set it up, then see the recovery codes once (with a first factor). */
export function EnrolWizard({ email, onDone }: Props) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const enrolled = (answer: FactorEnrolled) => {
    if (answer.recoveryCodes?.length) setStep({ at: 'codes', codes: answer.recoveryCodes });
    else onDone();
  };
  const back = () => setStep({ at: 'choose' });

  if (step.at === 'totp') return <TotpEnrolment onEnrolled={enrolled} onCancel={back} />;
  if (step.at === 'passkey') return <PasskeyEnrolment onEnrolled={enrolled} onCancel={back} />;
  if (step.at === 'codes') return <RecoveryCodesPanel codes={step.codes} email={email} onDone={onDone} />;
  const passkeys = passkeysSupported();
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('security.chooseTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <Stack gap={4}>
              <Text fw={600}>
                <IconDeviceMobile size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('security.appTitle')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('security.appIntro')}
              </Text>
            </Stack>
            <Button onClick={() => setStep({ at: 'totp' })}>{t('security.chooseApp')}</Button>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="xs" h="100%" justify="space-between">
            <Stack gap={4}>
              <Text fw={600}>
                <IconKey size={18} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> {t('security.passkeyTitle')}
              </Text>
              <Text size="sm" c="dimmed">
                {passkeys ? t('security.passkeyChoiceIntro') : t('security.passkeyUnsupported')}
              </Text>
            </Stack>
            <Button variant="default" disabled={!passkeys} onClick={() => setStep({ at: 'passkey' })}>
              {t('security.choosePasskey')}
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
