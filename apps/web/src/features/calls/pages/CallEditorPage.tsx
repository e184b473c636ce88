import {
  CALL_DATE_KEYS,
  CALL_TEXT_KEYS,
  COST_HEADINGS,
  gridMaxPoints,
  kosovoLocalToUtc,
  nextCallStatuses,
  sectionMaxPoints,
  toKosovoLocal,
  type CallDateKey,
  type GridCriterion,
  type GridSection,
  type LocalizedText,
} from '@grants/domain';
import { ActionIcon, Alert, Button, Card, Checkbox, FileInput, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { EuroInput } from '../../applications/components/BudgetTable';
import { fieldLabel } from '../../applications/components/problems';
import { EvaluationRulesFields, withCleanEvaluationRules } from '../../ranking/components/EvaluationRulesFields';
import { callsApi } from '../api';
import { CallStatusBadge } from '../components/StatusBadges';
import { useCall, useCallUpdater } from '../hooks';
import type { Call, CallDefinition, CallDocumentView } from '../types';

const LANGS = ['en', 'sq', 'sr'] as const;
const emptyText = (): LocalizedText => ({ en: '', sq: '', sr: '' });

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section">
      <Title order={2} size="h4" mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

function TextTriplet({ label, value, onChange, multiline }: { label: string; value: LocalizedText; onChange: (v: LocalizedText) => void; multiline?: boolean }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="xs">
      {LANGS.map((l) =>
        multiline ? (
          <Textarea key={l} label={`${label} (${t(`calls.editor.lang.${l}`)})`} autosize minRows={3} value={value?.[l] ?? ''} onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })} />
        ) : (
          <TextInput key={l} label={`${label} (${t(`calls.editor.lang.${l}`)})`} value={value?.[l] ?? ''} onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })} />
        ),
      )}
    </SimpleGrid>
  );
}

/** A date and time typed in Kosovo local time, stored as a UTC instant (kosovoLocalToUtc). */
function KosovoDateTime({ label, value, onChange, error }: { label: string; value: string; onChange: (iso: string) => void; error?: ReactNode }) {
  const { t } = useTranslation();
  const local = value ? toKosovoLocal(value) : { date: '', time: '' };
  const [date, setDate] = useState(local.date);
  const [time, setTime] = useState(local.time || '17:00');
  const apply = (d: string, tm: string) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(d) && /^\d{2}:\d{2}$/.test(tm)) onChange(kosovoLocalToUtc(d, tm));
    else if (!d) onChange('');
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <DateField label={`${label} ${t('calls.kosovoTime')}`} value={date} error={error} onChange={(d) => { setDate(d); apply(d, time); }} />
      <TextInput type="time" label={t('calls.editor.time')} value={time} onChange={(e) => { setTime(e.currentTarget.value); apply(date, e.currentTarget.value); }} />
    </Group>
  );
}

function Editor({ call }: { call: Call }) {
  const { t } = useTranslation();
  const update = useCallUpdater();
  const [def, setDef] = useState<CallDefinition>(() => structuredClone(call.definition));
  const [reasonOpen, reasonModal] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [docFile, setDocFile] = useState<File | null>(null);
  const [docKind, setDocKind] = useState<CallDocumentView['kind'] | null>('guidelines');
  const [docLang, setDocLang] = useState<string | null>(null);
  const set = (patch: Partial<CallDefinition>) => setDef((d) => ({ ...d, ...patch }));
  const published = call.status !== 'draft';

  const save = useMutation({
    mutationFn: (amendmentReason?: string) => callsApi.update(call.id, { definition: withCleanEvaluationRules(def), version: call.version, amendmentReason }),
    onSuccess: (c) => {
      update(c);
      setDef(structuredClone(c.definition));
      reasonModal.close();
      setReason('');
      notifySuccess(t('calls.editor.saved'));
    },
  });
  const publish = useMutation({ mutationFn: () => callsApi.publish(call.id, call.version), onSuccess: (c) => { update(c); notifySuccess(t('calls.editor.publishedOk')); } });
  const transition = useMutation({
    mutationFn: (to: 'closed' | 'in_evaluation' | 'decided' | 'archived') => callsApi.transition(call.id, to, call.version),
    onSuccess: (c) => update(c),
  });
  const upload = useMutation({
    mutationFn: () => callsApi.uploadDocument(call.id, docFile as File, docKind ?? 'other', docLang),
    onSuccess: async () => {
      setDocFile(null);
      update(await callsApi.get(call.id));
    },
  });
  const fieldErrors = isApiError(save.error) ? save.error.details : [];
  const errFor = (field: string) => {
    const d = fieldErrors.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return d ? <span role="alert">{t(`problems.${d.code}`, { defaultValue: d.message })}</span> : undefined;
  };
  const grid = def.grid;
  const setGrid = (g: Partial<typeof grid>) => set({ grid: { ...grid, ...g } });
  const setSection = (i: number, patch: Partial<GridSection>) => setGrid({ sections: grid.sections.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setCriterion = (i: number, k: number, patch: Partial<GridCriterion>) =>
    setSection(i, { criteria: grid.sections[i].criteria.map((y, m) => (m === k ? { ...y, ...patch } : y)) });
  const next = nextCallStatuses(call.status).filter((s) => s !== 'published') as ('closed' | 'in_evaluation' | 'decided' | 'archived')[];

  return (
    <>
      <PageHeader
        title={t('calls.editor.title', { reference: call.reference })}
        description={<Group gap="xs"><CallStatusBadge status={call.status} /><Text size="sm">{t('calls.editor.version', { version: call.version })}</Text></Group>}
        actions={
          <>
            <Button variant="default" component={Link} to={`/calls/${call.id}`}>{t('calls.editor.view')}</Button>
            <Button loading={save.isPending} onClick={() => (published ? reasonModal.open() : save.mutate(undefined))}>{t('common.save')}</Button>
            {call.status === 'draft' ? (
              <ConfirmButton color="green" title={t('calls.editor.publishTitle')} message={t('calls.editor.publishConfirm')} confirmLabel={t('calls.editor.publish')} onConfirm={() => publish.mutate()} loading={publish.isPending}>
                {t('calls.editor.publish')}
              </ConfirmButton>
            ) : null}
            {next.map((s) => (
              <ConfirmButton key={s} color="orange" variant="light" title={t('calls.editor.transitionTitle')} message={t('calls.editor.transitionConfirm', { status: t(`calls.status.${s}`) })} onConfirm={() => transition.mutate(s)}>
                {t(`calls.editor.to.${s}`)}
              </ConfirmButton>
            ))}
          </>
        }
      />
      <Stack gap="lg">
        {save.isError ? <ErrorAlert error={save.error} title={t('calls.editor.saveRefused')} /> : null}
        {publish.isError ? <ErrorAlert error={publish.error} title={t('calls.editor.publishRefused')} details={isApiError(publish.error) ? publish.error.details.map((d) => ({ ...d, message: `${fieldLabel(t, d.field)}: ${t(`problems.${d.code}`, { defaultValue: d.message })}` })) : undefined} /> : null}
        {transition.isError ? <ErrorAlert error={transition.error} /> : null}
        {call.problems.length > 0 ? (
          <Alert color="orange" variant="light" title={t('calls.editor.problems', { count: call.problems.length })}>
            <List size="sm">
              {call.problems.map((p, i) => <List.Item key={`${p.field}-${i}`}><Text span fw={600} size="sm">{fieldLabel(t, p.field)}</Text>: {t(`problems.${p.code}`, { defaultValue: p.code })}</List.Item>)}
            </List>
            <Text size="xs" mt="xs">{t('calls.editor.problemsHint')}</Text>
          </Alert>
        ) : call.status === 'draft' ? <Alert color="green" variant="light">{t('calls.editor.ready')}</Alert> : null}
        {published ? <Alert color="yellow" variant="light">{t('calls.editor.amendmentOnly')}</Alert> : null}

        <Section title={t('calls.sections.texts')}>
          <Tabs defaultValue="title">
            <Tabs.List>{CALL_TEXT_KEYS.map((k) => <Tabs.Tab key={k} value={k}>{t(`calls.texts.${k}`)}</Tabs.Tab>)}</Tabs.List>
            {CALL_TEXT_KEYS.map((k) => (
              <Tabs.Panel key={k} value={k} pt="sm">
                <TextTriplet label={t(`calls.texts.${k}`)} value={def.texts[k] ?? emptyText()} multiline={k !== 'title'} onChange={(v) => set({ texts: { ...def.texts, [k]: v } })} />
                {errFor(`texts.${k}`)}
              </Tabs.Panel>
            ))}
          </Tabs>
        </Section>

        <Section title={t('calls.sections.priorities')}>
          <Stack gap="sm">
            {def.priorities.map((p, i) => (
              <Card key={i} withBorder padding="sm">
                <Group align="flex-end" mb="xs">
                  <TextInput w={100} label={t('calls.fields.code')} value={p.code} onChange={(e) => set({ priorities: def.priorities.map((x, j) => (j === i ? { ...x, code: e.currentTarget.value } : x)) })} />
                  <TextInput w={140} label={t('calls.fields.nsObjective')} placeholder="III.2" value={p.nsObjective} onChange={(e) => set({ priorities: def.priorities.map((x, j) => (j === i ? { ...x, nsObjective: e.currentTarget.value } : x)) })} />
                  <ActionIcon variant="subtle" color="red" aria-label={t('calls.editor.remove')} onClick={() => set({ priorities: def.priorities.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>
                </Group>
                <TextTriplet label={t('calls.fields.priority')} value={p.title} onChange={(v) => set({ priorities: def.priorities.map((x, j) => (j === i ? { ...x, title: v } : x)) })} />
              </Card>
            ))}
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => set({ priorities: [...def.priorities, { code: `P${def.priorities.length + 1}`, nsObjective: '', title: emptyText() }] })}>{t('calls.editor.addPriority')}</Button>
          </Stack>
        </Section>

        <Section title={t('calls.sections.money')}>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <EuroInput label={t('calls.fields.envelope')} cents={def.budgetEnvelopeCents} onCents={(c) => set({ budgetEnvelopeCents: c })} />
            <EuroInput label={t('calls.fields.minGrant')} cents={def.minGrantCents} onCents={(c) => set({ minGrantCents: c })} />
            <EuroInput label={t('calls.fields.maxGrant')} cents={def.maxGrantCents} onCents={(c) => set({ maxGrantCents: c })} />
            <NumberInput label={t('calls.fields.maxDuration')} min={1} max={60} value={def.maxDurationMonths} onChange={(v) => set({ maxDurationMonths: Number(v) || 0 })} error={errFor('maxDurationMonths')} />
            <NumberInput label={t('calls.fields.minCoFinancing')} suffix=" %" min={0} max={100} decimalScale={2} value={def.minCoFinancingBp / 100} onChange={(v) => set({ minCoFinancingBp: Math.round((Number(v) || 0) * 100) })} />
            <NumberInput label={t('calls.fields.indirectCap')} suffix=" %" min={0} max={100} decimalScale={2} value={def.indirectCostCapBp / 100} onChange={(v) => set({ indirectCostCapBp: Math.round((Number(v) || 0) * 100) })} />
            <NumberInput label={t('calls.fields.evaluators')} min={1} max={5} value={def.evaluatorsPerApplication} onChange={(v) => set({ evaluatorsPerApplication: Number(v) || 0 })} />
            <NumberInput label={t('calls.fields.divergence')} min={0} value={def.divergenceThresholdPoints} onChange={(v) => set({ divergenceThresholdPoints: Number(v) || 0 })} />
          </SimpleGrid>
        </Section>

        <Section title={t('calls.sections.headings')}>
          <Stack gap="xs">
            {COST_HEADINGS.map((h) => {
              const cur = def.costHeadings.find((x) => x.code === h);
              return (
                <Group key={h} align="center">
                  <Checkbox w={260} label={t(`costHeadings.${h}`)} checked={!!cur} onChange={(e) => set({ costHeadings: e.currentTarget.checked ? [...def.costHeadings, { code: h, capPct: null }] : def.costHeadings.filter((x) => x.code !== h) })} />
                  {cur ? <NumberInput w={180} aria-label={t('calls.fields.cap')} placeholder={t('calls.noCap')} suffix=" %" min={0} max={100} value={cur.capPct ?? ''} onChange={(v) => set({ costHeadings: def.costHeadings.map((x) => (x.code === h ? { ...x, capPct: v === '' ? null : Number(v) } : x)) })} /> : null}
                </Group>
              );
            })}
          </Stack>
        </Section>

        <Section title={t('calls.sections.eligibility')}>
          <Stack gap="sm">
            {def.eligibilityQuestions.map((q, i) => (
              <Card key={i} withBorder padding="sm">
                <TextTriplet label={t('calls.editor.question')} value={q.text} onChange={(v) => set({ eligibilityQuestions: def.eligibilityQuestions.map((x, j) => (j === i ? { ...x, text: v } : x)) })} />
                <Group mt="xs">
                  <Checkbox label={t('calls.editor.requiredYes')} checked={q.requiredAnswer} onChange={(e) => set({ eligibilityQuestions: def.eligibilityQuestions.map((x, j) => (j === i ? { ...x, requiredAnswer: e.currentTarget.checked } : x)) })} />
                  <ActionIcon variant="subtle" color="red" aria-label={t('calls.editor.remove')} onClick={() => set({ eligibilityQuestions: def.eligibilityQuestions.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>
                </Group>
              </Card>
            ))}
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => set({ eligibilityQuestions: [...def.eligibilityQuestions, { id: `q${Date.now().toString(36)}`, text: emptyText(), requiredAnswer: true }] })}>{t('calls.editor.addQuestion')}</Button>
          </Stack>
        </Section>

        <Section title={t('calls.sections.grid')}>
          <Stack gap="sm">
            {grid.sections.map((s, i) => (
              <Card key={i} withBorder padding="sm">
                <Group align="flex-end" mb="xs">
                  <TextInput w={110} label="ID" value={s.id} onChange={(e) => setSection(i, { id: e.currentTarget.value })} />
                  <NumberInput w={130} label={t('calls.fields.threshold')} min={0} value={s.thresholdPoints ?? ''} onChange={(v) => setSection(i, { thresholdPoints: v === '' ? null : Number(v) })} />
                  <Text size="sm" fw={700}>{t('calls.editor.sectionMax', { points: sectionMaxPoints(s) })}</Text>
                  <ActionIcon variant="subtle" color="red" aria-label={t('calls.editor.remove')} onClick={() => setGrid({ sections: grid.sections.filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>
                </Group>
                <TextTriplet label={t('calls.editor.sectionTitle', { id: s.id })} value={s.title} onChange={(v) => setSection(i, { title: v })} />
                <Stack gap="xs" pl="lg" mt="sm">
                  {s.criteria.map((c, k) => (
                    <Stack key={k} gap={4} pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                      <Group align="flex-end" wrap="nowrap">
                        <TextInput w={90} label="ID" value={c.id} onChange={(e) => setCriterion(i, k, { id: e.currentTarget.value })} />
                        <NumberInput w={120} label={t('calls.fields.maxPoints')} min={0} value={c.maxPoints} onChange={(v) => setCriterion(i, k, { maxPoints: Number(v) || 0 })} />
                        <ActionIcon variant="subtle" color="red" aria-label={t('calls.editor.remove')} onClick={() => setSection(i, { criteria: s.criteria.filter((_, m) => m !== k) })}><IconTrash size={16} aria-hidden /></ActionIcon>
                      </Group>
                      <TextTriplet label={t('calls.editor.criterionTitle', { id: c.id })} value={c.title} onChange={(v) => setCriterion(i, k, { title: v })} />
                    </Stack>
                  ))}
                  <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setSection(i, { criteria: [...s.criteria, { id: `${s.id}.${s.criteria.length + 1}`, title: emptyText(), maxPoints: 5 }] })}>{t('calls.editor.addCriterion')}</Button>
                </Stack>
              </Card>
            ))}
            <Group>
              <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setGrid({ sections: [...grid.sections, { id: String(grid.sections.length + 1), title: emptyText(), thresholdPoints: null, criteria: [] }] })}>{t('calls.editor.addSection')}</Button>
              <NumberInput w={160} label={t('calls.editor.totalThreshold')} min={0} value={grid.totalThreshold ?? ''} onChange={(v) => setGrid({ totalThreshold: v === '' ? null : Number(v) })} />
              <Text fw={700} data-testid="grid-total">{t('calls.editor.gridTotal', { points: gridMaxPoints(grid) })}</Text>
            </Group>
            <EvaluationRulesFields def={def} onChange={set} errFor={errFor} problems={call.problems} />
          </Stack>
        </Section>

        <Section title={t('calls.sections.dates')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {CALL_DATE_KEYS.map((k: CallDateKey) => (
              <KosovoDateTime key={k} label={t(`calls.dates.${k}`)} value={def.dates?.[k] ?? ''} error={errFor(`dates.${k}`)} onChange={(iso) => set({ dates: { ...def.dates, [k]: iso } })} />
            ))}
          </SimpleGrid>
        </Section>

        <Section title={t('calls.requiredAttachments')}>
          <Stack gap="sm">
            {(def.requiredAttachments ?? []).map((a, i) => (
              <Card key={i} withBorder padding="sm">
                <Group align="flex-end" mb="xs">
                  <TextInput w={160} label="ID" value={a.id} onChange={(e) => set({ requiredAttachments: (def.requiredAttachments ?? []).map((x, j) => (j === i ? { ...x, id: e.currentTarget.value } : x)) })} />
                  <ActionIcon variant="subtle" color="red" aria-label={t('calls.editor.remove')} onClick={() => set({ requiredAttachments: (def.requiredAttachments ?? []).filter((_, j) => j !== i) })}><IconTrash size={16} aria-hidden /></ActionIcon>
                </Group>
                <TextTriplet label={t('calls.editor.attachmentTitle')} value={a.title} onChange={(v) => set({ requiredAttachments: (def.requiredAttachments ?? []).map((x, j) => (j === i ? { ...x, title: v } : x)) })} />
              </Card>
            ))}
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => set({ requiredAttachments: [...(def.requiredAttachments ?? []), { id: `att${(def.requiredAttachments ?? []).length + 1}`, title: emptyText() }] })}>{t('calls.editor.addAttachment')}</Button>
          </Stack>
        </Section>

        <Section title={t('calls.sections.documents')}>
          <Stack gap="xs">
            {call.documents.map((d) => <Text key={d.id} size="sm">{d.fileName} · {t(`calls.documentKinds.${d.kind}`)}{d.language ? ` · ${d.language.toUpperCase()}` : ''}</Text>)}
            <Group align="flex-end">
              <FileInput w={260} label={t('calls.editor.file')} value={docFile} onChange={setDocFile} clearable clearButtonProps={{ 'aria-label': t('common.close') }} />
              <Select w={160} label={t('calls.editor.kind')} data={(['guidelines', 'template', 'other'] as const).map((k) => ({ value: k, label: t(`calls.documentKinds.${k}`) }))} value={docKind} onChange={(v) => setDocKind(v as CallDocumentView['kind'] | null)} />
              <Select w={140} label={t('common.language')} clearable data={LANGS.map((l) => ({ value: l, label: t(`calls.editor.lang.${l}`) }))} value={docLang} onChange={setDocLang} />
              <Button disabled={!docFile} loading={upload.isPending} onClick={() => upload.mutate()}>{t('calls.editor.upload')}</Button>
            </Group>
            {upload.isError ? <ErrorAlert error={upload.error} /> : null}
          </Stack>
        </Section>
      </Stack>

      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={reasonOpen} onClose={reasonModal.close} title={t('calls.editor.amendmentTitle')}>
        <Stack>
          <Text size="sm">{t('calls.editor.amendmentHint')}</Text>
          <Textarea label={t('calls.editor.amendmentReason')} description={<PersonalDataHint />} withAsterisk autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {save.isError ? <ErrorAlert error={save.error} details={isApiError(save.error) ? save.error.details.map((d) => ({ ...d, message: `${fieldLabel(t, d.field)}: ${t(`problems.${d.code}`, { defaultValue: d.message })}` })) : undefined} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={reasonModal.close}>{t('common.cancel')}</Button>
            <Button disabled={!reason.trim()} loading={save.isPending} onClick={() => save.mutate(reason.trim())}>{t('calls.editor.saveAmendment')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The Secretariat designs a call, publishes it, amends it and moves it through its states. */
export function CallEditorPage() {
  const { id } = useParams();
  const call = useCall(id);
  if (call.isPending) return <CenteredLoader />;
  if (call.isError) return <ErrorAlert error={call.error} />;
  return <Editor key={`${call.data.id}-${call.data.version}`} call={call.data} />;
}
