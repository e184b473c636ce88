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
