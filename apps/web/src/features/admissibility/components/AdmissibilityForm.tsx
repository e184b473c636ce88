import { admissibilityItems, type EligibilityQuestion } from '@grants/domain';
import { Alert, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../ui/ConfirmButton';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { useContentLanguage } from '../../calls/lang';
import type { AdmissibilityView } from '../../calls/types';

export type AnswerState = { passed: boolean | null; reason: string };
export type AdmissibilityAnswerBody = { itemId: string; passed: boolean; reason?: string };

type Props = {
  questions: EligibilityQuestion[];
  initial: AdmissibilityView | null;
  readOnly?: boolean;
  busy?: boolean;
  onSave: (answers: AdmissibilityAnswerBody[], decide: boolean) => void;
};

/** The items a failed answer lacks a reason for (the same rule the API applies). */
export function missingReasons(answers: Record<string, AnswerState>): string[] {
  return Object.entries(answers)
    .filter(([, a]) => a.passed === false && !a.reason.trim())
    .map(([id]) => id);
}

/** The checklist: administrative items, eligibility items and the call's own questions, each passed or failed (with a reason). */
export function AdmissibilityForm({ questions, initial, readOnly, busy, onSave }: Props) {
  const { t } = useTranslation();
  const { pick } = useContentLanguage();
  const items = admissibilityItems(questions);
  const [answers, setAnswers] = useState<Record<string, AnswerState>>(() =>
    Object.fromEntries(items.map((i) => {
      const a = initial?.answers.find((x) => x.itemId === i.id);
      return [i.id, { passed: a ? a.passed : null, reason: a?.reason ?? '' }];
    })),
  );
  const [showErrors, setShowErrors] = useState(false);
  const missing = missingReasons(answers);
  const unanswered = items.filter((i) => answers[i.id]?.passed === null).length;

  const label = (id: string) => {
    if (id.startsWith('question:')) {
      const q = questions.find((x) => `question:${x.id}` === id);
      return q ? `${pick(q.text)} (${t('admissibility.requiredAnswer', { answer: q.requiredAnswer ? t('admissibility.yes') : t('admissibility.no') })})` : id;
    }
    return t(`admissibility.items.${id}`);
  };
  const body = (): AdmissibilityAnswerBody[] =>
    items
      .filter((i) => answers[i.id]?.passed !== null)
      .map((i) => {
        const a = answers[i.id];
        return a.passed ? { itemId: i.id, passed: true } : { itemId: i.id, passed: false, reason: a.reason.trim() };
      });
  const submit = (decide: boolean) => {
    setShowErrors(true);
    if (missing.length > 0) return;
    onSave(body(), decide);
  };
  const groups = [
    { kind: 'administrative', title: t('admissibility.groups.administrative') },
    { kind: 'eligibility', title: t('admissibility.groups.eligibility') },
    { kind: 'call_question', title: t('admissibility.groups.call_question') },
  ] as const;

  return (
    <Stack gap="md">
      {groups.map((g) => {
        const mine = items.filter((i) => i.kind === g.kind);
        if (mine.length === 0) return null;
        return (
          <Card key={g.kind} withBorder padding="md" component="fieldset">
            <Title order={3} size="h5" mb="sm" component="legend">{g.title}</Title>
            <Stack gap="sm">
              {mine.map((i) => {
                const a = answers[i.id];
                const err = showErrors && a.passed === false && !a.reason.trim();
                return (
                  <Stack key={i.id} gap={4} data-testid={`item-${i.id}`}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Text size="sm" id={`label-${i.id}`}>{label(i.id)}</Text>
                      <SegmentedControl
                        style={{ flexShrink: 0 }}
                        size="xs"
                        aria-labelledby={`label-${i.id}`}
                        disabled={readOnly}
                        value={a.passed === null ? '' : a.passed ? 'pass' : 'fail'}
                        data={[
                          { value: 'pass', label: t('admissibility.pass') },
                          { value: 'fail', label: t('admissibility.fail') },
                        ]}
                        onChange={(v) => setAnswers((s) => ({ ...s, [i.id]: { ...s[i.id], passed: v === 'pass' } }))}
                      />
                    </Group>
                    {a.passed === false ? (
                      <Textarea
                        label={t('admissibility.reason')}
                        description={<PersonalDataHint />}
                        withAsterisk
                        autosize
                        readOnly={readOnly}
                        value={a.reason}
                        error={err ? <span role="alert">{t('admissibility.reasonRequired')}</span> : undefined}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setAnswers((s) => ({ ...s, [i.id]: { ...s[i.id], reason: v } }));
                        }}
                      />
                    ) : null}
                  </Stack>
                );
              })}
            </Stack>
          </Card>
        );
      })}
      {showErrors && missing.length > 0 ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">{t('admissibility.fixReasons', { count: missing.length })}</Alert>
      ) : null}
      {!readOnly ? (
        <Group justify="flex-end">
          <Button variant="default" loading={busy} onClick={() => submit(false)}>{t('admissibility.save')}</Button>
          <ConfirmButton
            color="blue"
            title={t('admissibility.decideTitle')}
            message={unanswered > 0 ? t('admissibility.decideIncomplete', { count: unanswered }) : t('admissibility.decideConfirm')}
            confirmLabel={t('admissibility.decide')}
            onConfirm={() => submit(true)}
            loading={busy}
          >
            {t('admissibility.decide')}
          </ConfirmButton>
        </Group>
      ) : null}
    </Stack>
  );
}
