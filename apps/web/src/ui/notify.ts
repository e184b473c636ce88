import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

/** Toasts with a labelled close button (Mantine's has no accessible name of its own). */
function show(color: 'green' | 'red', message: string) {
  notifications.show({
    color,
    message,
    autoClose: color === 'red' ? 8000 : 4000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export const notifySuccess = (message: string) => show('green', message);
export const notifyError = (message: string) => show('red', message);
