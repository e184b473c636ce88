import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck, IconCloudUpload, IconDeviceMobile, IconGitMerge, IconWifiOff } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { formatDateTime, TIME_ZONE } from '../../../ui/format';
import type { VisitDraftApi } from './useVisitDraft';

export type SyncStatusProps = Pick<VisitDraftApi, 'state' | 'online' | 'pending' | 'savedOnServerAt' | 'problem' | 'refusedPhotos' | 'keepMine' | 'takeServer' | 'syncNow'> & {
  /** the clock (tests) */
  now?: Date;
};

/** "10:42" today, else the date and the time, in Kosovo's time zone and the reader's language. */
function savedAt(value: string, lng: string, now: Date): string {
  const at = dayjs(value).tz(TIME_ZONE);
  return at.isSame(dayjs(now).tz(TIME_ZONE), 'day') ? at.format('HH:mm') : formatDateTime(value, lng);
}

const REASONS = new Set(['unauthorized', 'not_editable', 'not_found']);

/**
 * Says plainly where the visit report is: only on this phone (and how much is waiting), being saved, on the server
 * (since when), offline (kept here, sent later), in conflict (with the two choices), or refused (why). Made for a
 * 360 px phone: one column, buttons that wrap; announced to screen readers as it changes.
 */
export function SyncStatus({ state, online, pending, savedOnServerAt, problem, refusedPhotos, keepMine, takeServer, syncNow, now = new Date() }: SyncStatusProps) {
  const { t, i18n } = useTranslation();
  const waiting = [
    pending.fieldCount > 0 ? t('monitoring.offline.waitingChanges', { count: pending.fieldCount }) : null,
    pending.photos > 0 ? t('monitoring.offline.waitingPhotos', { count: pending.photos }) : null,
  ].filter(Boolean);
  const waitingText = waiting.length ? ` (${waiting.join(', ')})` : '';

  if (state === 'conflict') {
    return (
      <Alert color="orange" icon={<IconGitMerge aria-hidden />} title={t('monitoring.offline.conflictTitle')} role="alert" aria-label={t('monitoring.offline.label')}>
        <Stack gap="xs">
          <Text size="sm">{t('monitoring.offline.conflictHelp')}</Text>
          <Group gap="xs" wrap="wrap">
            <Button size="sm" onClick={() => void keepMine()}>
              {t('monitoring.offline.keepMine')}
            </Button>
            <ConfirmButton size="sm" variant="default" color="orange" title={t('monitoring.offline.takeServer')} message={t('monitoring.offline.takeServerConfirm')} confirmLabel={t('monitoring.offline.takeServer')} onConfirm={() => takeServer()}>
              {t('monitoring.offline.takeServer')}
            </ConfirmButton>
          </Group>
        </Stack>
      </Alert>
    );
  }

  if (state === 'error') {
    const code = problem?.code ?? '';
    const reason = REASONS.has(code) ? code : problem && problem.statusCode === 400 ? 'invalid' : problem?.statusCode === 404 ? 'not_found' : 'other';
    return (
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" aria-label={t('monitoring.offline.label')}>
        <Stack gap="xs">
          {problem && <Text size="sm">{t('monitoring.offline.error', { reason: t(`monitoring.offline.reasons.${reason}`) })}</Text>}
          {refusedPhotos.length > 0 && <Text size="sm">{t('monitoring.offline.photosRefused', { count: refusedPhotos.length })}</Text>}
          {problem && online && reason !== 'not_editable' && (
            <Group>
              <Button size="sm" variant="light" color="red" onClick={() => void syncNow()}>
                {t('monitoring.offline.sendNow')}
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }

  if (!online) {
    return (
      <Alert color="yellow" icon={<IconWifiOff aria-hidden />} role="status" aria-label={t('monitoring.offline.label')}>
        <Text size="sm" fw={600}>
          {t('monitoring.offline.offline')}
        </Text>
        {state === 'device_only' && (
          <Text size="sm">
            {t('monitoring.offline.deviceOnly')}
            {waitingText}
          </Text>
        )}
      </Alert>
    );
  }

  if (state === 'syncing') {
    return (
      <Alert color="blue" icon={<IconCloudUpload aria-hidden />} role="status" aria-label={t('monitoring.offline.label')}>
        <Text size="sm">{t('monitoring.offline.syncing')}</Text>
      </Alert>
    );
  }

  if (state === 'device_only') {
    return (
      <Alert color="yellow" icon={<IconDeviceMobile aria-hidden />} role="status" aria-label={t('monitoring.offline.label')}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">
            {t('monitoring.offline.deviceOnly')}
            {waitingText}
          </Text>
          <Button size="xs" variant="light" onClick={() => void syncNow()}>
            {t('monitoring.offline.sendNow')}
          </Button>
        </Group>
      </Alert>
    );
  }

  return (
    <Alert color="green" icon={<IconCloudCheck aria-hidden />} role="status" aria-label={t('monitoring.offline.label')}>
      <Text size="sm">{savedOnServerAt ? t('monitoring.offline.onServerAt', { time: savedAt(savedOnServerAt, i18n.language, now) }) : t('monitoring.offline.onServer')}</Text>
    </Alert>
  );
}
