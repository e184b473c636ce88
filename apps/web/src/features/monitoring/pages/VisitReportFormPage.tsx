import {
  ACTION_POINT_OWNERS, ACTION_POINT_PRIORITIES, ACTIVITY_STATUS_SCALE, actionPointProblems, ratingNeedsReasons, VISIT_LABEL_MAX, VISIT_RATING_SCALE,
  VISIT_TEXT_MAX, visitReportProblems, type ActivityStatus, type VisitRating,
} from '@grants/domain';
import {
  ActionIcon, Alert, Badge, Box, Button, Card, Group, Image, List, Modal, NumberInput, Radio, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput, Title, UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCamera, IconDeviceFloppy, IconPlus, IconSend, IconShieldLock, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { CenteredLoader } from '../../../ui/CenteredLoader';
import { DateField } from '../../../ui/DateField';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { fieldError } from '../../../ui/fields';
import { useFormat } from '../../../ui/format-number';
import { PageHeader } from '../../../ui/PageHeader';
import { visitsApi } from '../api';
import { VisitTypeBadge } from '../components/VisitBadges';
import { useSubmitVisitReport, useVisit } from '../hooks';
import { SyncStatus, useVisitDraft, type DraftActionPoint, type DraftContent, type DraftPhoto, type VisitDraftApi } from '../offline';
import { detailsOf, fieldName, fieldProblems, type Detail } from '../problems';
import type { Visit, WorkPlanActivity } from '../types';

/**
 * `/visits/:id/report`: the monitor's visit report, made for a phone at a shelter with no coverage. The form's
 * state is the phone's draft (useVisitDraft: IndexedDB, sent when there is a network); <SyncStatus/> stays in
 * sight so the monitor knows what is on the phone only and what is on the server. Submitting needs the network and
 * everything sent; the server's problems (422 details) are shown next to the fields they name.
 */
export function VisitReportFormPage() {
  const { id = '' } = useParams();
  const visit = useVisit(id);
  const d = useVisitDraft(id, visit.data);
  if (visit.isPending) return <CenteredLoader />;
  if (visit.isError) return <ErrorAlert error={visit.error} />;
  if (!visit.data.can.edit || !visit.data.report) return <Navigate to={`/visits/${id}`} replace />;
  if (!d.ready || !d.draft) return <CenteredLoader />;
  if (!d.editable) return <Navigate to={`/visits/${id}`} replace />;
  return <ReportForm visit={visit.data} d={d} content={d.draft.content} points={d.draft.actionPoints} />;
}

type FormProps = { visit: Visit; d: VisitDraftApi; content: DraftContent; points: DraftActionPoint[] };

function ReportForm({ visit, d, content, points }: FormProps) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const submit = useSubmitVisitReport(visit.id);
  const [serverError, setServerError] = useState<unknown>(null);
  const [attempted, setAttempted] = useState(false);
  const [confirming, confirm] = useDisclosure(false);
  const [saving, setSaving] = useState(false);
  /** an action point being added: on the form only until it says what is to be done */
  const [newPoint, setNewPoint] = useState<DraftActionPoint | null>(null);
  const workPlan = visit.workPlan;
  const workPlanIds = useMemo(() => workPlan.map((a) => a.activityId), [workPlan]);

  // what is wrong, keyed by the form's fields: the check before submitting (on the phone, offline too), then what
  // the server said on submitting, then why it refused the last save
  const problems = useMemo(() => {
    const activityIds = content.activities.map((a) => a.activityId);
    const keys = points.map((p) => p.key);
    const local: Detail[] = attempted
      ? [
          ...visitReportProblems(content, workPlanIds, 'submit'),
          ...points.flatMap((p, i) => actionPointProblems(p, visit.date).map((x) => ({ ...x, field: `actionPoints.${i}.${x.field}` }))),
        ]
      : [];
    const merged = new Map<string, string>();
    for (const source of [fieldProblems(t, i18n, local, activityIds, keys), fieldProblems(t, i18n, detailsOf(serverError), activityIds, keys), fieldProblems(t, i18n, d.problem?.details ?? [], activityIds, keys)]) {
      for (const [k, v] of source) if (!merged.has(k)) merged.set(k, v);
    }
    return merged;
  }, [attempted, content, points, workPlanIds, visit.date, serverError, d.problem, t, i18n]);
  const err = (key: string) => fieldError({ message: problems.get(key) });

  const setContent = (change: (c: DraftContent) => DraftContent) => {
    setServerError(null);
    d.setContent(change);
  };
  const setPoints = (change: (p: DraftActionPoint[]) => DraftActionPoint[]) => {
    setServerError(null);
    d.setActionPoints(change);
  };
  /** The activities in the work plan's order (one the plan no longer has is dropped: the server refuses it). */
  const setActivity = (activityId: string, patch: { status?: ActivityStatus | null; comment?: string | null }) =>
    setContent((c) => ({
      ...c,
      activities: workPlan.map((w) => {
        const a = c.activities.find((x) => x.activityId === w.activityId) ?? { activityId: w.activityId, status: null, comment: null };
        return w.activityId === activityId ? { ...a, ...patch } : a;
      }),
    }));

  const saveNow = async () => {
    setSaving(true);
    try {
      await d.syncNow();
    } finally {
      setSaving(false);
    }
  };
  const synced = d.online && d.state === 'on_server';
  const askSubmit = () => {
    setAttempted(true);
    const local = [
      ...visitReportProblems(content, workPlanIds, 'submit'),
      ...points.flatMap((p) => actionPointProblems(p, visit.date)),
    ];
    if (local.length === 0) confirm.open();
    else document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };
  const doSubmit = () => {
    confirm.close();
    setServerError(null);
    submit.mutate(d.draft?.baseVersion ?? visit.report?.version ?? 1, {
      onSuccess: () => navigate(`/visits/${visit.id}`),
      onError: (e) => setServerError(e),
    });
  };

  const groups = useMemo(() => {
    const byResult = new Map<string, WorkPlanActivity[]>();
    for (const a of workPlan) byResult.set(a.result, [...(byResult.get(a.result) ?? []), a]);
    return [...byResult.entries()];
  }, [workPlan]);
  const rating = content.rating;
  const unplacedServer = detailsOf(serverError).length === 0 && serverError;

  return (
    <Box maw={760} style={{ minWidth: 0 }}>
      <PageHeader
        title={t('monitoring.report.title')}
        description={
          <Stack gap={4}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{visit.organizationName} · <Text span ff="monospace" size="sm">{visit.agreementNumber}</Text></Text>
            <Group gap="xs"><Text size="sm" fw={600}>{f.date(visit.date)}</Text><VisitTypeBadge type={visit.type} /></Group>
          </Stack>
        }
      />
      <Box data-testid="sync-status" style={{ position: 'sticky', top: 'var(--app-shell-header-offset, 0px)', zIndex: 20, background: 'var(--mantine-color-body)', paddingBottom: 8 }}>
        <SyncStatus {...d} />
      </Box>

      {problems.size > 0 && attempted ? (
        <Alert color="red" title={t('monitoring.report.problemsTitle')} mb="md" data-testid="report-problems">
          <List size="sm">
            {[...problems.entries()].map(([k, v]) => <List.Item key={k}>{fieldName(t, i18n, k)}: {v}</List.Item>)}
          </List>
        </Alert>
      ) : null}

      <Stack gap="xl">
        <FormSection title={t('monitoring.report.activities')} help={t('monitoring.report.activitiesHelp')}>
          {problems.get('activities') ? <Text c="red" size="sm" role="alert">{problems.get('activities')}</Text> : null}
          {workPlan.length === 0 ? <Text c="dimmed" size="sm">{t('monitoring.report.noWorkPlan')}</Text> : null}
          {groups.map(([result, activities]) => (
            <Stack key={result} gap="sm">
              <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>{result}</Title>
              {activities.map((a) => {
                const entry = content.activities.find((x) => x.activityId === a.activityId);
                return (
                  <Card key={a.activityId} withBorder padding="sm" data-testid={`activity-${a.activityId}`}>
                    <Text size="sm" fw={500} mb="xs" style={{ overflowWrap: 'anywhere' }}>{a.text}</Text>
                    <StatusPicker
                      label={t('monitoring.report.statusOf', { activity: a.text })}
                      value={entry?.status ?? null}
                      onChange={(status) => setActivity(a.activityId, { status })}
                      error={problems.get(`activity:${a.activityId}.status`)}
                    />
                    <Textarea
                      mt="xs"
                      label={t('monitoring.fields.activityComment')}
                      value={entry?.comment ?? ''}
                      onChange={(e) => setActivity(a.activityId, { comment: e.currentTarget.value || null })}
                      autosize
                      minRows={1}
                      maxLength={VISIT_TEXT_MAX}
                      error={err(`activity:${a.activityId}.comment`)}
                    />
                  </Card>
                );
              })}
            </Stack>
          ))}
        </FormSection>

        <FormSection title={t('monitoring.report.ratingTitle')}>
          <Radio.Group
            label={t('monitoring.fields.rating')}
            value={rating ? String(rating) : null}
            onChange={(v) => setContent((c) => ({ ...c, rating: Number(v) as VisitRating }))}
            error={err('rating')}
            required
          >
            <Stack gap="xs" mt="xs">
              {VISIT_RATING_SCALE.map((r) => (
                <Card key={r.value} withBorder padding="sm" style={{ borderColor: rating === r.value ? 'var(--mantine-primary-color-filled)' : undefined }}>
                  <Radio value={String(r.value)} size="md" label={`${f.count(r.value)} — ${t(`monitoring.rating.${r.key}`)}`} description={t(`monitoring.rating.${r.key}Help`)} />
                </Card>
              ))}
            </Stack>
          </Radio.Group>
          {rating && ratingNeedsReasons(rating) ? (
            <Stack gap="sm" data-testid="rating-reasons">
              <Textarea
                label={t('monitoring.fields.ratingReasons')}
                description={t('monitoring.report.ratingReasonsHelp')}
                value={content.ratingReasons ?? ''}
                onChange={(e) => setContent((c) => ({ ...c, ratingReasons: e.currentTarget.value || null }))}
                autosize
                minRows={2}
                maxLength={VISIT_TEXT_MAX}
                required
                error={err('ratingReasons')}
              />
              <Textarea
                label={t('monitoring.fields.correctiveActions')}
                description={t('monitoring.report.correctiveActionsHelp')}
                value={content.correctiveActions ?? ''}
                onChange={(e) => setContent((c) => ({ ...c, correctiveActions: e.currentTarget.value || null }))}
                autosize
                minRows={2}
                maxLength={VISIT_TEXT_MAX}
                required
                error={err('correctiveActions')}
              />
            </Stack>
          ) : null}
        </FormSection>

        <FormSection title={t('monitoring.report.findingsTitle')}>
          <Textarea
            label={t('monitoring.fields.findings')}
            value={content.findings ?? ''}
            onChange={(e) => setContent((c) => ({ ...c, findings: e.currentTarget.value || null }))}
            autosize
            minRows={3}
            maxLength={VISIT_TEXT_MAX}
            required
            error={err('findings')}
          />
          <Textarea
            label={t('monitoring.fields.recommendations')}
            value={content.recommendations ?? ''}
            onChange={(e) => setContent((c) => ({ ...c, recommendations: e.currentTarget.value || null }))}
            autosize
            minRows={2}
            maxLength={VISIT_TEXT_MAX}
            error={err('recommendations')}
          />
        </FormSection>

        <FormSection title={t('monitoring.report.peopleMet')} help={t('monitoring.report.peopleMetHint')} icon>
          <CountRows
            rows={content.peopleMet.map((p) => ({ label: p.function, count: p.count }))}
            labelName={t('monitoring.fields.personFunction')}
            countName={t('monitoring.fields.personCount')}
            min={1}
            addLabel={t('monitoring.report.addPerson')}
            removeLabel={(i) => t('monitoring.report.removePerson', { n: f.count(i + 1) })}
            testId="people-met"
            errorOf={(i, field) => problems.get(`peopleMet.${i}.${field === 'label' ? 'function' : 'count'}`)}
            onChange={(rows) => setContent((c) => ({ ...c, peopleMet: rows.map((r) => ({ function: r.label, count: r.count })) }))}
          />
        </FormSection>

        <FormSection title={t('monitoring.report.beneficiaries')} help={t('monitoring.report.beneficiariesHint')} icon>
          <CountRows
            rows={content.beneficiariesObserved.map((b) => ({ label: b.group, count: b.count }))}
            labelName={t('monitoring.fields.beneficiaryGroup')}
            countName={t('monitoring.fields.beneficiaryCount')}
            min={0}
            addLabel={t('monitoring.report.addGroup')}
            removeLabel={(i) => t('monitoring.report.removeGroup', { n: f.count(i + 1) })}
            testId="beneficiaries"
            errorOf={(i, field) => problems.get(`beneficiariesObserved.${i}.${field === 'label' ? 'group' : 'count'}`)}
            onChange={(rows) => setContent((c) => ({ ...c, beneficiariesObserved: rows.map((r) => ({ group: r.label, count: r.count })) }))}
          />
        </FormSection>

        <Photos visitId={visit.id} d={d} />

        <FormSection title={t('monitoring.report.actionPoints')} help={t('monitoring.report.actionPointsHelp')}>
          {[...points, ...(newPoint ? [newPoint] : [])].map((p, i) => (
            <ActionPointRow
              key={p.key}
              index={i}
              point={p}
              visitDate={visit.date}
              errorOf={(field) => problems.get(`actionPoint:${p.key}.${field}`)}
              onChange={(patch) => {
                if (p !== newPoint) return setPoints((ps) => ps.map((x) => (x.key === p.key ? { ...x, ...patch } : x)));
                // a new point goes into the report once it says what is to be done (a blank one the server refuses)
                const next = { ...p, ...patch };
                if (next.what.trim()) {
                  setNewPoint(null);
                  setPoints((ps) => [...ps, next]);
                } else setNewPoint(next);
              }}
              onRemove={() => (p === newPoint ? setNewPoint(null) : setPoints((ps) => ps.filter((x) => x.key !== p.key)))}
            />
          ))}
          <Button
            variant="light"
            size="md"
            leftSection={<IconPlus size={18} aria-hidden />}
            disabled={!!newPoint}
            onClick={() => setNewPoint({ key: d.newActionPointKey(), what: '', owner: 'organisation', priority: 'medium', dueDate: dayjs(visit.date).add(30, 'day').format('YYYY-MM-DD') })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('monitoring.report.addActionPoint')}
          </Button>
        </FormSection>

        {unplacedServer ? <ErrorAlert error={serverError} /> : null}

        <Card withBorder padding="sm" data-testid="report-actions">
          <Stack gap="xs">
            <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
              <Button variant="default" size="md" leftSection={<IconDeviceFloppy size={18} aria-hidden />} onClick={() => void saveNow()} loading={saving} disabled={!d.online}>
                {t('monitoring.report.saveNow')}
              </Button>
              <Button size="md" leftSection={<IconSend size={18} aria-hidden />} onClick={askSubmit} disabled={!synced} loading={submit.isPending}>
                {t('monitoring.report.submit')}
              </Button>
            </Group>
            {!d.online ? <Text size="xs" c="dimmed">{t('monitoring.report.submitOffline')}</Text> : !synced ? <Text size="xs" c="dimmed">{t('monitoring.report.submitNotSynced')}</Text> : null}
          </Stack>
        </Card>
      </Stack>

      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirming} onClose={confirm.close} title={t('monitoring.report.confirmTitle')} centered>
        <Text mb="lg">{t('monitoring.report.confirmMessage')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close}>{t('common.cancel')}</Button>
          <Button onClick={doSubmit}>{t('monitoring.report.submit')}</Button>
        </Group>
      </Modal>
    </Box>
  );
}

function FormSection({ title, help, icon, children }: { title: string; help?: string; icon?: boolean; children: ReactNode }) {
  return (
    <Stack component="section" aria-label={title} gap="sm">
      <Title order={2} size="h4">{title}</Title>
      {help ? (
        <Group gap={6} wrap="nowrap" align="flex-start">
          {icon ? <IconShieldLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} /> : null}
          <Text size="sm" c="dimmed">{help}</Text>
        </Group>
      ) : null}
      {children}
    </Stack>
  );
}

/** The four statuses as big buttons (two a row on a phone, four on a wider screen); a radio group to assistive technology. */
function StatusPicker({ label, value, onChange, error }: { label: string; value: ActivityStatus | null; onChange: (v: ActivityStatus) => void; error?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <div>
      <SimpleGrid cols={{ base: 2, xs: 4 }} spacing={6} role="radiogroup" aria-label={label} aria-invalid={error ? true : undefined}>
        {ACTIVITY_STATUS_SCALE.map((s) => {
          const selected = value === s.value;
          return (
            <UnstyledButton
              key={s.value}
              role="radio"
              aria-checked={selected}
              onClick={() => onChange(s.value)}
              data-testid={`status-${s.value}`}
              style={{
                minHeight: 48,
                padding: '6px 8px',
                borderRadius: 8,
                textAlign: 'center',
                border: `2px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
                background: selected ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default)',
                color: selected ? 'var(--mantine-color-white)' : undefined,
                fontSize: 14,
                lineHeight: 1.2,
              }}
            >
              <b>{f.count(s.value)}</b> {t(`monitoring.activityStatus.${s.key}`)}
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
      {error ? <Text c="red" size="sm" mt={4} role="alert">{error}</Text> : null}
    </div>
  );
}

type CountRow = { label: string; count: number };

function CountRows({ rows, labelName, countName, min, addLabel, removeLabel, onChange, errorOf, testId }: {
  rows: CountRow[]; labelName: string; countName: string; min: number; addLabel: string; removeLabel: (i: number) => string;
  onChange: (rows: CountRow[]) => void; errorOf: (i: number, field: 'label' | 'count') => string | undefined; testId: string;
}) {
  const set = (i: number, patch: Partial<CountRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs" data-testid={testId}>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={labelName}
            value={r.label}
            onChange={(e) => set(i, { label: e.currentTarget.value })}
            maxLength={VISIT_LABEL_MAX}
            style={{ flex: 1, minWidth: 0 }}
            error={fieldError({ message: errorOf(i, 'label') })}
          />
          <NumberInput
            label={countName}
            value={r.count}
            onChange={(v) => set(i, { count: typeof v === 'number' ? v : Number(v) || 0 })}
            min={min}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            inputMode="numeric"
            w={88}
            error={fieldError({ message: errorOf(i, 'count') })}
          />
          <ActionIcon variant="subtle" color="red" size="lg" mt={26} onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={removeLabel(i)}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="light" size="md" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => onChange([...rows, { label: '', count: min }])} style={{ alignSelf: 'flex-start' }}>
        {addLabel}
      </Button>
    </Stack>
  );
}

function ActionPointRow({ index, point, visitDate, errorOf, onChange, onRemove }: {
  index: number; point: DraftActionPoint; visitDate: string; errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftActionPoint>) => void; onRemove: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder padding="sm" data-testid={`action-point-${index}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">{t('monitoring.report.actionPointN', { n: f.count(index + 1) })}</Text>
          <ActionIcon variant="subtle" color="red" size="lg" onClick={onRemove} aria-label={t('monitoring.report.removeActionPoint', { n: f.count(index + 1) })}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
        <Textarea label={t('monitoring.fields.what')} value={point.what} onChange={(e) => onChange({ what: e.currentTarget.value })} autosize minRows={2} required error={fieldError({ message: errorOf('what') })} />
        <div>
          <Text size="sm" fw={500} mb={4} id={`ap-owner-${point.key}`}>{t('monitoring.fields.owner')}</Text>
          <SegmentedControl
            fullWidth
            size="md"
            aria-labelledby={`ap-owner-${point.key}`}
            value={point.owner}
            onChange={(v) => onChange({ owner: v as DraftActionPoint['owner'] })}
            data={ACTION_POINT_OWNERS.map((o) => ({ value: o, label: t(`monitoring.owner.${o}`) }))}
          />
          {errorOf('owner') ? <Text c="red" size="sm" role="alert">{errorOf('owner')}</Text> : null}
        </div>
        <div>
          <Text size="sm" fw={500} mb={4} id={`ap-priority-${point.key}`}>{t('monitoring.fields.priority')}</Text>
          <SegmentedControl
            fullWidth
            size="md"
            aria-labelledby={`ap-priority-${point.key}`}
            value={point.priority}
            onChange={(v) => onChange({ priority: v as DraftActionPoint['priority'] })}
            data={ACTION_POINT_PRIORITIES.map((p) => ({ value: p, label: t(`monitoring.priority.${p}`) }))}
          />
          {errorOf('priority') ? <Text c="red" size="sm" role="alert">{errorOf('priority')}</Text> : null}
        </div>
        <DateField label={t('monitoring.fields.dueDate')} value={point.dueDate} onChange={(v) => onChange({ dueDate: v })} min={visitDate} required error={fieldError({ message: errorOf('dueDate') })} />
      </Stack>
    </Card>
  );
}

/** A photo's object URL while it is shown (freed afterwards). */
function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob || typeof URL.createObjectURL !== 'function') return undefined;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}

function Photos({ visitId, d }: { visitId: string; d: VisitDraftApi }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const add = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) await d.addPhoto(file, null);
    if (input.current) input.current.value = '';
  };
  return (
    <FormSection title={t('monitoring.report.photos')}>
      <Alert color="orange" icon={<IconShieldLock size={18} aria-hidden />} data-testid="photo-reminder">{t('monitoring.report.photoReminder')}</Alert>
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden data-testid="photo-input" aria-label={t('monitoring.report.addPhoto')} onChange={(e) => void add(e.currentTarget.files)} />
      <Button size="md" variant="light" leftSection={<IconCamera size={18} aria-hidden />} onClick={() => input.current?.click()} style={{ alignSelf: 'flex-start' }}>
        {t('monitoring.report.addPhoto')}
      </Button>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        {d.photos.map((p) => <LocalPhoto key={p.clientKey} photo={p} d={d} />)}
        {d.serverPhotos.map((p) => (
          <Card key={p.id} withBorder padding={6} data-testid="photo" data-state="on_server">
            {d.online ? <Image src={visitsApi.photoUrl(visitId, p.id)} alt={p.caption ?? t('monitoring.report.photo')} h={110} fit="cover" radius="sm" /> : <Box h={110} bg="gray.1" />}
            <Badge mt={4} size="sm" color="green" variant="light" tt="none">{t('monitoring.report.photoOnServer')}</Badge>
            {p.caption ? <Text size="xs" mt={2} style={{ overflowWrap: 'anywhere' }}>{p.caption}</Text> : null}
          </Card>
        ))}
      </SimpleGrid>
    </FormSection>
  );
}

function LocalPhoto({ photo, d }: { photo: DraftPhoto; d: VisitDraftApi }) {
  const { t } = useTranslation();
  const url = useObjectUrl(photo.blob);
  const [caption, setCaption] = useState(photo.caption ?? '');
  const state = photo.problem ? 'refused' : photo.uploaded ? 'on_server' : 'device_only';
  return (
    <Card withBorder padding={6} data-testid="photo" data-state={state}>
      {url ? <Image src={url} alt={photo.caption ?? t('monitoring.report.photo')} h={110} fit="cover" radius="sm" data-testid="photo-thumbnail" /> : <Box h={110} bg="gray.1" />}
      <Badge mt={4} size="sm" tt="none" variant="light" color={state === 'on_server' ? 'green' : state === 'refused' ? 'red' : 'yellow'} data-testid="photo-state">
        {t(`monitoring.report.photoState.${state}`)}
      </Badge>
      {photo.uploaded ? (
        photo.caption ? <Text size="xs" mt={2} style={{ overflowWrap: 'anywhere' }}>{photo.caption}</Text> : null
      ) : (
        <TextInput size="xs" mt={4} label={t('monitoring.fields.caption')} value={caption} maxLength={500} onChange={(e) => setCaption(e.currentTarget.value)} onBlur={() => void d.setPhotoCaption(photo.clientKey, caption)} />
      )}
      <Button mt={4} size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => void d.removePhoto(photo.clientKey)}>
        {t('monitoring.report.removePhoto')}
      </Button>
    </Card>
  );
}
