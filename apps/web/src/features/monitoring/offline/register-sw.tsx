import { Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18n from '../../../i18n';
import { flushDrafts } from './runtime';

const UPDATE_NOTICE = 'app-update';
/** Dispatched on window when the service worker first takes the page: the app reads its open queries again (App.tsx). */
export const SW_CONTROLLED_EVENT = 'grants:service-worker-controlled';
/** How often a long-open tab asks for a new version (only while online). */
const CHECK_EVERY_MS = 60 * 60_000;

/** A new version is installed and waiting: offered with a button, never forced on a form being typed. */
function offerUpdate(waiting: ServiceWorker, reload: () => void) {
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
            // the form's last keystrokes are written to the phone first; the new worker takes over, then the page reloads
            void flushDrafts().then(() => {
              reload();
              waiting.postMessage({ type: 'SKIP_WAITING' });
            });
          }}
        >
          {i18n.t('monitoring.offline.update.reload')}
        </Button>
      </Stack>
    ),
  });
}

/**
 * Registers the service worker that vite-plugin-pwa builds (/sw.js, vite.config.mts), once the page has loaded (the
 * first paint does not wait for it, and no extra script is fetched for it). Its first install takes the page at
 * once (clientsClaim); a new version waits (no skipWaiting) until the monitor chooses to reload, so a monitor typing
 * a report is never reloaded under their fingers. The worker's precache is the built app: not in the dev server.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.DEV || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  let reloadAsked = false;
  // the first install's clientsClaim changes the controller too: only a reload the monitor asked for reloads
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadAsked) {
      window.location.reload();
      return;
    }
    // the first install took the page: what the page read before it (who is signed in, the visit opened) went past
    // the worker and is not kept; read it again through it, so a reload with no network still finds it
    void import('./clear').then((m) => m.primeSignedInUser());
    window.dispatchEvent(new Event(SW_CONTROLLED_EVENT));
  });
  const ask = () => {
    reloadAsked = true;
  };
  const start = () => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((registration) => {
        if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting, ask);
        registration.addEventListener('updatefound', () => {
          const worker = registration.installing;
          worker?.addEventListener('statechange', () => {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker, ask);
          });
        });
        setInterval(() => {
          if (navigator.onLine) void registration.update().catch(() => {});
        }, CHECK_EVERY_MS);
      })
      .catch((e: unknown) => console.warn('the service worker could not be registered: the portal works, but not offline', e));
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
