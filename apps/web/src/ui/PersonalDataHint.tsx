import { Group, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The warning carried by every free-text field that could hold data about a person. */
export function PersonalDataHint() {
  const { t } = useTranslation();
  return (
    <Group component="span" gap={4} wrap="nowrap" align="flex-start">
      <IconShieldLock size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2, color: 'var(--mantine-color-orange-text)' }} />
      <Text component="span" size="xs" c="orange" fw={600}>
        {t('common.noPersonalData')}
      </Text>
    </Group>
  );
}

/**
 * The same warning once at the top of a form section whose free-text fields could hold data about a person
 * (repeated above every box it was read past, not read).
 */
export function PersonalDataNotice() {
  const { t } = useTranslation();
  return (
    <Group role="note" gap={6} wrap="nowrap" align="flex-start" p="xs" bd="1px solid var(--mantine-color-orange-outline)" style={{ borderRadius: 'var(--mantine-radius-sm)' }} data-testid="personal-data-notice">
      <IconShieldLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2, color: 'var(--mantine-color-orange-text)' }} />
      <Text component="p" m={0} size="sm" c="#b3400a" fw={600}>
        {t('common.noPersonalData')}
      </Text>
    </Group>
  );
}
