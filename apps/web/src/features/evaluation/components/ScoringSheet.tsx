import {
  gridMaxPoints, sectionMaxPoints, SHEET_COMMENT_MAX, sheetProblems, sheetTotals, toKosovoLocal,
  type EvaluationGrid, type GridSection, type SheetComments, type SheetScores,
} from '@grants/domain';
import { Alert, Badge, Button, Card, Group, Modal, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { separators } from '../../../ui/format-number';
import { describeFeatureError, errorText } from '../../../ui/errors';
import { useContentLanguage } from '../../calls/lang';
import { evaluationApi } from '../api';
import { usePoints } from '../format';
import type { Assignment, SaveSheetAnswer } from '../types';
import { useSheetAutosave, type SheetSaveStatus } from '../useSheetAutosave';

/** The message for a sheet problem (the codes of sheetProblems, which the API also answers with). */
export function sheetProblemText(t: TFunction, code: string, max?: number): string {
  return t(`evaluation.sheet.problems.${code}`, { max: max ?? '', defaultValue: errorText(t, code) });
}

function SaveState({ status, savedAt, error }: { status: SheetSaveStatus; savedAt: Date | null; error: unknown }) {
  const { t, i18n } = useTranslation();
  const time = savedAt ? `${toKosovoLocal(savedAt).time} ${t('calls.kosovoTime')}` : '';
  const text =
    status === 'saving' ? t('evaluation.sheet.saving')
      : status === 'pending' ? t('evaluation.sheet.pending')
        : status === 'error' ? `${t('evaluation.sheet.notSaved')} ${describeFeatureError(t, i18n, error, 'evaluation.errors')}`
          : status === 'conflict' ? t('evaluation.sheet.conflict')
            : savedAt ? t('evaluation.sheet.savedAt', { time }) : t('evaluation.sheet.autosave');
  return (
    <Text size="sm" c={status === 'error' || status === 'conflict' ? 'red.8' : status === 'saved' ? 'teal.9' : 'dimmed'} role="status" aria-live="polite" data-testid="sheet-save-state">
      {text}
    </Text>
  );
}

type SectionProps = {
  section: GridSection;
  grid: EvaluationGrid;
  scores: SheetScores;
  comments: SheetComments;
  subtotal: number;
  errorFor: (field: string, max?: number) => string | undefined;
  onScore: (criterionId: string, value: number | null) => void;
  onComment: (text: string) => void;
};

function SheetSection({ section, grid, scores, comments, subtotal, errorFor, onScore, onComment }: SectionProps) {
  const { t, i18n } = useTranslation();
  const { pick } = useContentLanguage();
  const points = usePoints();
  const max = sectionMaxPoints(section);
  const commentError = errorFor(`comments.${section.id}`);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`section-title-${section.id}`} data-testid={`section-${section.id}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Title order={3} size="h5" id={`section-title-${section.id}`}>{pick(section.title)}</Title>
        <Badge variant="light" size="lg" tt="none" data-testid={`subtotal-${section.id}`} aria-label={t('evaluation.sheet.subtotalLabel', { points: points(subtotal), max: points(max) })}>
          {points(subtotal)} / {points(max)}
        </Badge>
      </Group>
      <Stack gap="sm">
        {section.thresholdPoints !== null ? (
          <Text size="xs" c="dimmed">{t('evaluation.sheet.threshold', { points: points(section.thresholdPoints) })}</Text>
        ) : null}
        {section.criteria.map((c) => {
          const v = scores[c.id];
          const err = errorFor(`scores.${c.id}`, c.maxPoints);
          return (
            <Group key={c.id} justify="space-between" align="flex-start" wrap="nowrap" gap="md">
              <Stack gap={2} style={{ flex: 1 }}>
                <Text size="sm" id={`criterion-${c.id}`}>
                  <Text span ff="monospace" c="dimmed">{c.id}</Text> {pick(c.title)}
                </Text>
                {c.guidance ? <Text size="xs" c="dimmed">{pick(c.guidance)}</Text> : null}
              </Stack>
              <NumberInput
                w={130}
                style={{ flexShrink: 0 }}
                aria-labelledby={`criterion-${c.id}`}
                description={t('evaluation.sheet.maxPoints', { max: points(c.maxPoints) })}
                min={0}
                max={c.maxPoints}
                step={grid.halfPoints ? 0.5 : 1}
                allowDecimal={grid.halfPoints}
                decimalSeparator={separators(i18n.language).decimal}
                allowNegative={false}
                clampBehavior="blur"
                value={v ?? ''}
                error={err ? <span role="alert">{err}</span> : undefined}
                onChange={(value) => {
                  if (value === '') onScore(c.id, null);
                  else if (typeof value === 'number' && Number.isFinite(value)) onScore(c.id, value);
                }}
              />
            </Group>
          );
        })}
        <Textarea
          label={t('evaluation.sheet.comment')}
          description={t('evaluation.sheet.commentHint')}
          withAsterisk
          autosize
          minRows={3}
          maxLength={SHEET_COMMENT_MAX}
          value={comments[section.id] ?? ''}
          error={commentError ? <span role="alert">{commentError}</span> : undefined}
          onChange={(e) => onComment(e.currentTarget.value)}
        />
      </Stack>
    </Card>
  );
}

type Props = {
  assignment: Assignment;
  /** After each save: keep the cached assignment in step. */
  onSaved?: (sheet: { scores: SheetScores; comments: SheetComments }, answer: SaveSheetAnswer) => void;
  onSubmitted: (a: Assignment) => void;
  /** Fetch the sheet as the server holds it and start again from there. */
  onReload: () => void;
};

/**
 * The scoring sheet of one assignment: points per criterion (whole or half, up to each maximum), a comment per
 * section, subtotals and the running total. Saves itself as a draft; submitting locks it.
 */
export function ScoringSheet({ assignment, onSaved, onSubmitted, onReload }: Props) {
  const { t } = useTranslation();
  const points = usePoints();
  const grid = assignment.call.grid;
  const auto = useSheetAutosave({
    assignmentId: assignment.id,
    initial: { scores: assignment.sheet?.scores ?? {}, comments: assignment.sheet?.comments ?? {} },
    version: assignment.version,
    onSaved,
  });
  const [checked, setChecked] = useState(false);
  const [confirming, confirm] = useDisclosure(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);

  const totals = sheetTotals(grid, auto.scores);
  const max = gridMaxPoints(grid);
  // out-of-range and half-point problems show as soon as they are typed; missing ones after a try to submit
  const problems = sheetProblems(grid, auto.scores, auto.comments, checked ? 'submit' : 'draft');
  const local = new Map(problems.map((p) => [p.field, p.code]));
  const errorFor = (field: string, maxPoints?: number) => {
    const code = local.get(field) ?? auto.fieldErrors[field];
    if (!code) return undefined;
    return sheetProblemText(t, code === 'required' && field.startsWith('comments.') ? 'comment_required' : code, maxPoints);
  };
  const submitProblems = sheetProblems(grid, auto.scores, auto.comments, 'submit');

  const trySubmit = () => {
    setChecked(true);
    setSubmitError(null);
    if (submitProblems.length > 0) return;
    confirm.open();
  };

  const submit = async () => {
    confirm.close();
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await auto.flush())) return;
      const a = await evaluationApi.submit(assignment.id, auto.version());
      onSubmitted(a);
    } catch (e) {
      if (isApiError(e) && e.statusCode === 409) auto.markConflict(e);
      else {
        if (isApiError(e) && e.details.length > 0) auto.setFieldErrors(Object.fromEntries(e.details.filter((d) => d.field).map((d) => [d.field, d.code])));
        setSubmitError(e);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack gap="md" data-testid="scoring-sheet">
      <Paper withBorder p="sm" pos="sticky" top={60} style={{ zIndex: 2 }}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700} data-testid="sheet-total" aria-live="polite">
            {t('evaluation.sheet.total', { points: points(totals.total), max: points(max) })}
          </Text>
          <SaveState status={auto.status} savedAt={auto.savedAt} error={auto.error} />
        </Group>
        {grid.halfPoints ? <Text size="xs" c="dimmed">{t('evaluation.sheet.halfPoints')}</Text> : null}
      </Paper>
      {auto.status === 'conflict' ? (
        <Alert color="red" variant="light" title={t('evaluation.sheet.conflictTitle')} role="alert">
          <Text size="sm" mb="xs">{t('evaluation.sheet.conflictText')}</Text>
          <Button size="xs" onClick={onReload}>{t('evaluation.sheet.reload')}</Button>
        </Alert>
      ) : null}
      {grid.sections.map((s) => (
        <SheetSection
          key={s.id}
          section={s}
          grid={grid}
          scores={auto.scores}
          comments={auto.comments}
          subtotal={totals.sections[s.id] ?? 0}
          errorFor={errorFor}
          onScore={auto.setScore}
          onComment={(text) => auto.setComment(s.id, text)}
        />
      ))}
      {checked && submitProblems.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" data-testid="sheet-problems">
          {t('evaluation.sheet.fixFirst', { count: submitProblems.length })}
        </Alert>
      ) : null}
      {submitError ? <ErrorAlert error={submitError} namespace="evaluation.errors" details={[]} /> : null}
      <Group justify="flex-end">
        <Button leftSection={<IconSend size={16} aria-hidden />} loading={submitting} disabled={auto.status === 'conflict'} onClick={trySubmit}>
          {t('evaluation.sheet.submit')}
        </Button>
      </Group>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={confirming} onClose={confirm.close} title={t('evaluation.sheet.confirmTitle')} centered>
        <Text mb="xs">{t('evaluation.sheet.confirmText', { points: points(totals.total), max: points(max) })}</Text>
        <Text mb="lg" fw={600}>{t('evaluation.sheet.confirmLock')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={confirm.close}>{t('common.cancel')}</Button>
          <Button onClick={() => void submit()}>{t('evaluation.sheet.confirmSubmit')}</Button>
        </Group>
      </Modal>
    </Stack>
  );
}
