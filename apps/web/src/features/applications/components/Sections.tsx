import { KOSOVO_MUNICIPALITIES, type ApplicationContent, type Indicator, type LogframeResult, type SpecificObjective } from '@grants/domain';
import { ActionIcon, Anchor, Box, Button, Card, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DateField } from '../../../ui/DateField';
import { PersonalDataNotice } from '../../../ui/PersonalDataHint';
import { municipalityName } from '../../organization/components/MunicipalitySelect';
import { GroupProblem, useFieldProblems } from './fieldProblems';
import { NsObjectiveField } from './NsObjectiveField';
import { fieldId } from './problems';

type Section<K extends keyof ApplicationContent> = { value: ApplicationContent[K]; onChange: (v: ApplicationContent[K]) => void; readOnly?: boolean };

function RemoveButton({ label, onClick, hidden }: { label: string; onClick: () => void; hidden?: boolean }) {
  if (hidden) return null;
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

export function ProjectSection({ value, onChange, readOnly, maxDuration }: Section<'project'> & { maxDuration: number }) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<ApplicationContent['project']>) => onChange({ ...value, ...patch });
  const groups = value.targetGroups ?? [];
  const counts = value.beneficiariesByGroup ?? [];
  const { problem, problemsUnder } = useFieldProblems();
  const f = (field: string) => ({ id: fieldId(field), error: problem(field) });
  return (
    <Stack>
      {readOnly ? null : <PersonalDataNotice />}
      <TextInput label={t('applications.project.title')} value={value.title ?? ''} readOnly={readOnly} onChange={(e) => set({ title: e.currentTarget.value })} withAsterisk {...f('project.title')} />
      <Textarea label={t('applications.project.summary')} autosize minRows={4} value={value.summary ?? ''} readOnly={readOnly} onChange={(e) => set({ summary: e.currentTarget.value })} withAsterisk {...f('project.summary')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput label={t('applications.project.duration')} description={maxDuration > 0 ? t('applications.project.maxDuration', { count: maxDuration }) : undefined} min={1} max={60} value={value.durationMonths || ''} readOnly={readOnly} onChange={(v) => set({ durationMonths: Number(v) || 0 })} withAsterisk {...f('project.durationMonths')} />
        <DateField label={t('applications.project.startDate')} value={value.startDate ?? ''} readOnly={readOnly} onChange={(d) => set({ startDate: d })} withAsterisk {...f('project.startDate')} />
      </SimpleGrid>
      <MultiSelect
        id={fieldId('project.municipalities')}
        error={problemsUnder('project.municipalities')}
        label={t('applications.project.municipalities')}
        searchable
        data={KOSOVO_MUNICIPALITIES.map((m) => ({ value: m.code, label: municipalityName(m.code, i18n.language) }))}
        value={value.municipalities ?? []}
        readOnly={readOnly}
        onChange={(v) => set({ municipalities: v })}
        withAsterisk
      />
      <TagsInput
        label={t('applications.project.targetGroups')}
        description={t('applications.project.targetGroupsHint')}
        value={groups}
        readOnly={readOnly}
        onChange={(v) => set({ targetGroups: v, beneficiariesByGroup: v.map((g) => counts.find((c) => c.group === g) ?? { group: g, count: 0 }) })}
        withAsterisk
        {...f('project.targetGroups')}
      />
      <GroupProblem field="project.beneficiariesByGroup" />
      {groups.length > 0 ? (
        <Stack gap="xs">
          <Text fw={600} size="sm">{t('applications.project.beneficiaries')}</Text>
          <Text size="xs" c="dimmed">{t('applications.project.countsOnly')}</Text>
          {groups.map((g) => {
            const at = `project.beneficiariesByGroup.${counts.findIndex((c) => c.group === g)}`;
            return (
            <NumberInput
              key={g}
              label={g}
              id={fieldId(at)}
              error={problemsUnder(at)}
              min={0}
              value={counts.find((c) => c.group === g)?.count ?? 0}
              readOnly={readOnly}
              onChange={(v) => set({ beneficiariesByGroup: groups.map((gg) => (gg === g ? { group: g, count: Number(v) || 0 } : counts.find((c) => c.group === gg) ?? { group: gg, count: 0 })) })}
            />
            );
          })}
        </Stack>
      ) : null}
    </Stack>
  );
}

const EMPTY_INDICATOR: Indicator = { name: '', level: 'output', unit: '', baseline: '', target: '', meansOfVerification: '', frequency: '' };

function IndicatorEditor({ value, onChange, onRemove, readOnly, label, path }: { value: Indicator; onChange: (v: Indicator) => void; onRemove: () => void; readOnly?: boolean; label: string; path: string }) {
  const { t } = useTranslation();
  const { problem } = useFieldProblems();
  const f = (field: keyof Indicator) => ({ id: fieldId(`${path}.${field}`), error: problem(`${path}.${field}`) });
  const set = (patch: Partial<Indicator>) => onChange({ ...value, ...patch });
  return (
    <Card withBorder padding="sm" aria-label={label} id={fieldId(path)}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={600}>{label}</Text>
        <RemoveButton label={t('applications.logframe.removeIndicator')} onClick={onRemove} hidden={readOnly} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
        <TextInput label={t('applications.logframe.indicatorName')} value={value.name} readOnly={readOnly} onChange={(e) => set({ name: e.currentTarget.value })} {...f('name')} />
        <Select label={t('applications.logframe.level')} data={[{ value: 'output', label: t('applications.logframe.output') }, { value: 'outcome', label: t('applications.logframe.outcome') }]} value={value.level} readOnly={readOnly} onChange={(v) => v && set({ level: v as Indicator['level'] })} {...f('level')} />
        <TextInput label={t('applications.logframe.unit')} value={value.unit} readOnly={readOnly} onChange={(e) => set({ unit: e.currentTarget.value })} {...f('unit')} />
        <TextInput label={t('applications.logframe.frequency')} value={value.frequency} readOnly={readOnly} onChange={(e) => set({ frequency: e.currentTarget.value })} {...f('frequency')} />
        <TextInput label={t('applications.logframe.baseline')} value={String(value.baseline ?? '')} readOnly={readOnly} onChange={(e) => set({ baseline: e.currentTarget.value })} {...f('baseline')} />
        <TextInput label={t('applications.logframe.target')} value={String(value.target ?? '')} readOnly={readOnly} onChange={(e) => set({ target: e.currentTarget.value })} {...f('target')} />
        <TextInput className="span-2" label={t('applications.logframe.meansOfVerification')} value={value.meansOfVerification} readOnly={readOnly} onChange={(e) => set({ meansOfVerification: e.currentTarget.value })} {...f('meansOfVerification')} />
      </SimpleGrid>
    </Card>
  );
}

function ResultEditor({ value, onChange, onRemove, readOnly, label, nextCode, path }: { value: LogframeResult; onChange: (v: LogframeResult) => void; onRemove: () => void; readOnly?: boolean; label: string; nextCode: () => string; path: string }) {
  const { t } = useTranslation();
  const { problem } = useFieldProblems();
  const set = (patch: Partial<LogframeResult>) => onChange({ ...value, ...patch });
  return (
    <Card withBorder padding="md" bg="var(--mantine-color-default-hover)" className="logframe-nested">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Textarea style={{ flex: 1, minWidth: 0 }} label={label} autosize value={value.text} readOnly={readOnly} onChange={(e) => set({ text: e.currentTarget.value })} id={fieldId(`${path}.text`)} error={problem(`${path}.text`)} />
        <RemoveButton label={t('applications.logframe.removeResult')} onClick={onRemove} hidden={readOnly} />
      </Group>
      <Stack gap="xs" mt="sm">
        <Title order={3} size="h5">{t('applications.logframe.indicators')}</Title>
        <GroupProblem field={`${path}.indicators`} />
        {value.indicators.map((ind, k) => (
          <IndicatorEditor
            key={k}
            path={`${path}.indicators.${k}`}
            label={t('applications.logframe.indicatorN', { n: k + 1 })}
            value={ind}
            readOnly={readOnly}
            onChange={(v) => set({ indicators: value.indicators.map((x, j) => (j === k ? v : x)) })}
            onRemove={() => set({ indicators: value.indicators.filter((_, j) => j !== k) })}
          />
        ))}
        {!readOnly ? <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ indicators: [...value.indicators, { ...EMPTY_INDICATOR }] })}>{t('applications.logframe.addIndicator')}</Button> : null}
        <Title order={3} size="h5" mt="sm">{t('applications.logframe.activities')}</Title>
        <GroupProblem field={`${path}.activities`} />
        {value.activities.map((a, k) => (
          <Group key={k} align="flex-start" wrap="nowrap" gap="xs">
            <TextInput w={90} style={{ flexShrink: 0 }} label={t('applications.logframe.activityCode')} value={a.code} readOnly={readOnly} onChange={(e) => set({ activities: value.activities.map((x, j) => (j === k ? { ...x, code: e.currentTarget.value } : x)) })} id={fieldId(`${path}.activities.${k}.code`)} error={problem(`${path}.activities.${k}.code`)} />
            <TextInput style={{ flex: 1, minWidth: 0 }} label={t('applications.logframe.activityText')} value={a.text} readOnly={readOnly} onChange={(e) => set({ activities: value.activities.map((x, j) => (j === k ? { ...x, text: e.currentTarget.value } : x)) })} id={fieldId(`${path}.activities.${k}.text`)} error={problem(`${path}.activities.${k}.text`)} />
            <RemoveButton label={t('applications.logframe.removeActivity')} onClick={() => set({ activities: value.activities.filter((_, j) => j !== k) })} hidden={readOnly} />
          </Group>
        ))}
        {!readOnly ? <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ activities: [...value.activities, { code: nextCode(), text: '' }] })}>{t('applications.logframe.addActivity')}</Button> : null}
      </Stack>
    </Card>
  );
}

/**
 * `priorityObjectives`: the call's priorities' National Strategy codes, the choices of each specific objective's tag
 * (read-only views may leave them out: the tag is shown as it is).
 */
export function LogframeSection({ value, onChange, readOnly, priorityObjectives = [] }: Section<'logframe'> & { priorityObjectives?: readonly string[] }) {
  const { t } = useTranslation();
  const sos = value.specificObjectives ?? [];
  const setSos = (next: SpecificObjective[]) => onChange({ ...value, specificObjectives: next });
  const nextCode = () => {
    const codes = new Set(sos.flatMap((s) => s.results.flatMap((r) => r.activities.map((a) => a.code))));
    let n = codes.size + 1;
    while (codes.has(`A${n}`)) n += 1;
    return `A${n}`;
  };
  const { problem } = useFieldProblems();
  return (
    <Stack>
      {readOnly ? null : <PersonalDataNotice />}
      <Textarea label={t('applications.logframe.overallObjective')} autosize minRows={2} value={value.overallObjective ?? ''} readOnly={readOnly} onChange={(e) => onChange({ ...value, overallObjective: e.currentTarget.value })} withAsterisk id={fieldId('logframe.overallObjective')} error={problem('logframe.overallObjective')} />
      <GroupProblem field="logframe.specificObjectives" />
      {sos.map((so, i) => (
        <Card key={i} withBorder padding="md" className="logframe-objective">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Textarea style={{ flex: 1, minWidth: 0 }} label={t('applications.logframe.specificObjectiveN', { n: i + 1 })} autosize value={so.text} readOnly={readOnly} onChange={(e) => setSos(sos.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)))} id={fieldId(`logframe.specificObjectives.${i}.text`)} error={problem(`logframe.specificObjectives.${i}.text`)} />
            <RemoveButton label={t('applications.logframe.removeObjective')} onClick={() => setSos(sos.filter((_, j) => j !== i))} hidden={readOnly} />
          </Group>
          <Box mt="sm" maw={640}>
            <NsObjectiveField
              id={fieldId(`logframe.specificObjectives.${i}.nsObjective`)}
              value={so.nsObjective}
              priorities={priorityObjectives}
              readOnly={readOnly}
              error={problem(`logframe.specificObjectives.${i}.nsObjective`)}
              onChange={(code) => setSos(sos.map((x, j) => (j === i ? { ...x, nsObjective: code } : x)))}
            />
          </Box>
          <Stack gap="sm" mt="sm">
            <GroupProblem field={`logframe.specificObjectives.${i}.results`} />
            {so.results.map((r, k) => (
              <ResultEditor
                key={k}
                path={`logframe.specificObjectives.${i}.results.${k}`}
                label={t('applications.logframe.resultN', { n: `${i + 1}.${k + 1}` })}
                value={r}
                readOnly={readOnly}
                nextCode={nextCode}
                onChange={(v) => setSos(sos.map((x, j) => (j === i ? { ...x, results: x.results.map((y, m) => (m === k ? v : y)) } : x)))}
                onRemove={() => setSos(sos.map((x, j) => (j === i ? { ...x, results: x.results.filter((_, m) => m !== k) } : x)))}
              />
            ))}
            {!readOnly ? <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setSos(sos.map((x, j) => (j === i ? { ...x, results: [...x.results, { text: '', indicators: [], activities: [] }] } : x)))}>{t('applications.logframe.addResult')}</Button> : null}
          </Stack>
        </Card>
      ))}
      {!readOnly ? <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setSos([...sos, { text: '', results: [] }])}>{t('applications.logframe.addObjective')}</Button> : null}
    </Stack>
  );
}

/**
 * Capacity: the applicant writes the experience and the staff; the licence number is the one in the
 * organisation's profile (the server fills it in), shown read-only with the way to change it.
 */
export function CapacitySection({ value, onChange, readOnly, canEditProfile = false }: Section<'capacity'> & { canEditProfile?: boolean }) {
  const { t } = useTranslation();
  const { problem } = useFieldProblems();
  const set = (patch: Partial<ApplicationContent['capacity']>) => onChange({ ...value, ...patch });
  const licence = value.licenceNumber ?? '';
  return (
    <Stack>
      {readOnly ? null : <PersonalDataNotice />}
      <Textarea label={t('applications.capacity.experience')} autosize minRows={4} value={value.experienceWithVoT ?? ''} readOnly={readOnly} onChange={(e) => set({ experienceWithVoT: e.currentTarget.value })} withAsterisk id={fieldId('capacity.experienceWithVoT')} error={problem('capacity.experienceWithVoT')} />
      <Textarea label={t('applications.capacity.staff')} autosize minRows={3} value={value.staff ?? ''} readOnly={readOnly} onChange={(e) => set({ staff: e.currentTarget.value })} withAsterisk id={fieldId('capacity.staff')} error={problem('capacity.staff')} />
      <TextInput
        label={t('applications.capacity.licenceNumber')}
        value={licence}
        placeholder={t('applications.capacity.licenceNotSet')}
        readOnly
        variant="filled"
        id={fieldId('capacity.licenceNumber')}
        error={problem('capacity.licenceNumber')}
        description={
          readOnly ? undefined : (
            <>
              {t('applications.capacity.licenceFromProfile')}{' '}
              {canEditProfile ? <Anchor component={Link} to="/organization" size="xs" underline="always">{t('applications.capacity.licenceProfileLink')}</Anchor> : null}
            </>
          )
        }
      />
    </Stack>
  );
}

export function DeclarationsSection({ value, onChange, readOnly }: Section<'declarations'>) {
  const { t } = useTranslation();
  const { problem } = useFieldProblems();
  return (
    <Stack>
      {(['truthful', 'noDoubleFunding', 'dataProtection'] as const).map((k) => (
        <Checkbox key={k} label={t(`applications.declarations.${k}`)} checked={!!value?.[k]} disabled={readOnly} onChange={(e) => onChange({ ...value, [k]: e.currentTarget.checked })} id={fieldId(`declarations.${k}`)} error={problem(`declarations.${k}`)} />
      ))}
    </Stack>
  );
}
