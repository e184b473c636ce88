/// <reference types="vite-plugin-pwa/vanillajs" />
import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { registerSW } from 'virtual:pwa-register';
import i18n from '../../../i18n';
import { flushDrafts } from './runtime';

const UPDATE_NOTICE = 'app-update';
/** How often a long-open tab asks for a new version (only while online). */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * Registers the service worker (vite-plugin-pwa, vite.config.mts). A new version waits (registerType 'prompt') and
 * is offered with a button: a monitor typing a report is never reloaded under their fingers, and the form's
 * last keystrokes are written to the phone before the reload.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      notifications.show({
        id: UPDATE_NOTICE,
        autoClose: false,
        title: i18n.t('monitoring.offline.update.title'),
        closeButtonProps: { 'aria-label': i18n.t('common.close') },
        message: (
          <Stack gap={6} align="flex-start">
            <Text size="sm">{i18n.t('monitoring.offline.update.message')}</Text>
            <Button
              size="xs"
              onClick={() => {
                void flushDrafts().then(() => update(true));
              }}
            >
              {i18n.t('monitoring.offline.update.reload')}
            </Button>
          </Stack>
        ),
      });
    },
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => {});
      }, CHECK_EVERY_MS);
    },
    onRegisterError(e: unknown) {
      console.warn('the service worker could not be registered: the portal works, but not offline', e);
    },
  });
}
