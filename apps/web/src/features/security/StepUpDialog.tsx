import { Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setStepUpHandler } from '../../api/step-up';
import { useMe } from '../auth/hooks';
import { ChallengeForm } from './components/ChallengeForm';

/**
 * The step-up dialog (issue 14): the client (api/step-up.ts) opens it when a sensitive change is refused with 403
 * `step_up_required`; once the factor is given, the change is sent again once. Closing it leaves the change undone
 * (the caller sees the refusal).
 */
export function StepUpDialog() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  useEffect(
    () =>
      setStepUpHandler(
        () =>
          new Promise<boolean>((resolve) => {
            resolver.current = resolve;
            setOpen(true);
          }),
      ),
    [],
  );

  const finish = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpen(false);
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={open} onClose={() => finish(false)} title={t('security.stepUpTitle')} centered>
      <Stack>
        <Text size="sm">{t('security.stepUpIntro')}</Text>
        {open ? <ChallengeForm idPrefix="step-up" methods={me?.secondFactor?.methods ?? ['totp', 'recovery']} onVerified={() => finish(true)} /> : null}
      </Stack>
    </Modal>
  );
}
