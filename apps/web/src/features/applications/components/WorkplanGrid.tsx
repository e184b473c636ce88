import { Checkbox, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Row = { activityCode: string; months: number[] };
type Props = {
  activities: { code: string; text: string }[];
  durationMonths: number;
  value: Row[];
  onChange: (next: Row[]) => void;
  readOnly?: boolean;
};

/** Activities × months 1..duration: a tick schedules the activity in that month. */
export function WorkplanGrid({ activities, durationMonths, value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const months = Array.from({ length: Math.max(0, Math.min(60, durationMonths || 0)) }, (_, i) => i + 1);
  if (activities.length === 0) return <Text c="dimmed">{t('applications.workplan.noActivities')}</Text>;
  if (months.length === 0) return <Text c="dimmed">{t('applications.workplan.noDuration')}</Text>;
  const monthsOf = (code: string) => value.find((r) => r.activityCode === code)?.months ?? [];
  const toggle = (code: string, month: number, on: boolean) => {
    const current = monthsOf(code);
    const nextMonths = on ? [...new Set([...current, month])].sort((a, b) => a - b) : current.filter((m) => m !== month);
    const others = value.filter((r) => r.activityCode !== code);
    // rows follow the order of the activities; an activity with no month is dropped
    const rows = activities
      .map((a) => (a.code === code ? { activityCode: code, months: nextMonths } : others.find((r) => r.activityCode === a.code)))
      .filter((r): r is Row => !!r && r.months.length > 0);
    onChange(rows);
  };
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table withTableBorder withColumnBorders aria-label={t('applications.workplan.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('applications.workplan.activity')}</Table.Th>
            {months.map((m) => <Table.Th key={m} ta="center">{t('applications.workplan.monthShort', { month: m })}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {activities.map((a) => {
            const chosen = monthsOf(a.code);
            return (
              <Table.Tr key={a.code}>
                <Table.Td><Text size="sm" fw={600} span>{a.code}</Text> <Text size="sm" span>{a.text}</Text></Table.Td>
                {months.map((m) => (
                  <Table.Td key={m} ta="center">
                    <Checkbox
                      style={{ display: 'inline-block' }}
                      aria-label={t('applications.workplan.cell', { activity: a.code, month: m })}
                      checked={chosen.includes(m)}
                      disabled={readOnly}
                      onChange={(e) => toggle(a.code, m, e.currentTarget.checked)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
