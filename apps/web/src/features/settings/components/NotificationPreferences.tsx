import { Button, Group, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../types';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../hooks';
import { notifySuccess } from '../../../ui/notify';

export const DELIVERIES: Delivery[] = ['immediate', 'digest', 'in_app'];

/** One row per notification kind: immediately by e-mail, in a daily digest, or only in the portal. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const prefs = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [values, setValues] = useState<Record<string, Delivery>>({});

  useEffect(() => {
    if (prefs.data) setValues(Object.fromEntries(prefs.data.items.map((p) => [p.kind, p.delivery])));
  }, [prefs.data]);

  const dirty = !!prefs.data && prefs.data.items.some((p) => values[p.kind] && values[p.kind] !== p.delivery);

  return (
    <Paper withBorder p="lg">
      <Title order={2} size="h4" mb="xs">
        {t('settings.notificationsHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('settings.notificationsIntro')}
      </Text>
      {prefs.isPending ? (
        <CenteredLoader />
      ) : prefs.isError ? (
        <ErrorAlert error={prefs.error} />
      ) : (
        <Stack>
          {save.isError ? <ErrorAlert error={save.error} /> : null}
          {/* on a phone each kind reads as a card: its name, then its three choices */}
          <Table.ScrollContainer minWidth={560} className="table-stack">
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.kind')}</Table.Th>
                  <Table.Th scope="col">{t('settings.delivery')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {prefs.data.items.map((p) => {
                  const label = t(`notificationKinds.${p.kind}`, { defaultValue: p.kind });
                  return (
                    <Table.Tr key={p.kind}>
                      <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {label}
                        {p.mustAct ? (
                          <Group gap={4} mt={4} wrap="nowrap">
                            <IconLock size={14} aria-hidden />
                            <Text size="xs" c="dimmed" id={`must-act-${p.kind}`}>
                              {t('settings.mustAct')}
                            </Text>
                          </Group>
                        ) : null}
                      </Table.Th>
                      <Table.Td data-label={t('settings.delivery')}>
                        <Radio.Group
                          value={p.mustAct ? 'immediate' : (values[p.kind] ?? p.delivery)}
                          onChange={(v) => setValues((prev) => ({ ...prev, [p.kind]: v as Delivery }))}
                          label={<span className="sr-only">{label}</span>}
                          aria-describedby={p.mustAct ? `must-act-${p.kind}` : undefined}
                        >
                          <Group gap="lg" style={{ rowGap: "var(--mantine-spacing-xs)" }}>
                            {DELIVERIES.map((d) => (
                              <Radio key={d} value={d} label={t(`delivery.${d}`)} disabled={p.mustAct && d !== 'immediate'} />
                            ))}
                          </Group>
                        </Radio.Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="flex-end">
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  prefs.data.items.filter((p) => !p.mustAct).map((p) => ({ kind: p.kind, delivery: values[p.kind] ?? p.delivery })),
                  { onSuccess: () => notifySuccess(t('settings.preferencesSaved')) },
                )
              }
            >
              {t('settings.savePreferences')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
