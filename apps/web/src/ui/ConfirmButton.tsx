import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = ButtonProps & {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  onConfirm: () => unknown;
  'aria-label'?: string;
};

/** A button that asks "are you sure?" in a dialog before it acts. */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, color = 'red', ...rest }: Props) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button color={color} {...rest} onClick={open}>
        {children}
      </Button>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={close} title={title} centered>
        <Text mb="lg">{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={color}
            onClick={() => {
              close();
              void onConfirm();
            }}
          >
            {confirmLabel ?? t('common.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
