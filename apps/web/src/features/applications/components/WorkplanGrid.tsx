import { Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useElementWidth } from '../../../ui/useElementWidth';
import { GroupProblem, useFieldProblems } from './fieldProblems';
import { fieldId } from './problems';

type Row = { activityCode: string; months: number[] };
type Props = {
  activities: { code: string; text: string }[];
  durationMonths: number;
  value: Row[];
  onChange: (next: Row[]) => void;
  readOnly?: boolean;
};

/** Room per month column and for the activity column, in px: below that the grid becomes a list. */
const MONTH_PX = 34;
const ACTIVITY_PX = 180;

/**
 * Activities × months 1..duration: a tick schedules the activity in that month. Where the grid does not fit
 * its box (a phone, a long project beside the side panel), each activity becomes a row of month boxes that wrap.
 */
export function WorkplanGrid({ activities, durationMonths, value, onChange, readOnly }: Props) {
  const { t } = useTranslation();
  const { problemsUnder } = useFieldProblems();
  const [boxRef, width] = useElementWidth<HTMLDivElement>();
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
  // problems of a work-plan row (by its index) and of an activity left out (by its code), next to the activity
  const rowProblem = (code: string) => {
    const i = value.findIndex((r) => r.activityCode === code);
    return [i >= 0 ? problemsUnder(`workplan.${i}`) : undefined, problemsUnder(`workplan.${code}`)].filter(Boolean).join('; ') || undefined;
  };
  const unknownRows = value.map((r, i) => ({ r, i })).filter(({ r }) => !activities.some((a) => a.code === r.activityCode));
  const fits = ACTIVITY_PX + months.length * MONTH_PX <= width;
  return (
    <div ref={boxRef}>
      {unknownRows.map(({ i }) => <GroupProblem key={i} field={`workplan.${i}`} under />)}
      {fits ? (
        <Table withTableBorder withColumnBorders aria-label={t('applications.workplan.title')} className="workplan-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('applications.workplan.activity')}</Table.Th>
              {months.map((m) => <Table.Th key={m} ta="center" px={2}>{t('applications.workplan.monthShort', { month: m })}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {activities.map((a) => {
              const chosen = monthsOf(a.code);
              const problem = rowProblem(a.code);
              return (
                <Table.Tr key={a.code} id={fieldId(`workplan.${a.code}`)}>
                  <Table.Td>
                    <Text size="sm" fw={600} span>{a.code}</Text> <Text size="sm" span>{a.text}</Text>
                    {problem ? <Text size="xs" c="var(--mantine-color-error)">{problem}</Text> : null}
                  </Table.Td>
                  {months.map((m) => (
                    <Table.Td key={m} ta="center" px={2}>
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
      ) : (
        <Stack gap="sm" component="ul" aria-label={t('applications.workplan.title')} className="workplan-list">
          {activities.map((a) => {
            const chosen = monthsOf(a.code);
            const problem = rowProblem(a.code);
            return (
              <li key={a.code} id={fieldId(`workplan.${a.code}`)}>
                <Text size="sm"><Text span fw={600}>{a.code}</Text> {a.text}</Text>
                {problem ? <Text size="xs" c="var(--mantine-color-error)">{problem}</Text> : null}
                <Group gap={6} mt={4}>
                  {months.map((m) => (
                    <Checkbox
                      key={m}
                      size="sm"
                      label={t('applications.workplan.monthShort', { month: m })}
                      aria-label={t('applications.workplan.cell', { activity: a.code, month: m })}
                      checked={chosen.includes(m)}
                      disabled={readOnly}
                      onChange={(e) => toggle(a.code, m, e.currentTarget.checked)}
                    />
                  ))}
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
    </div>
  );
}
