import { parseEuroToCents, shareBp } from '@grants/domain';
import { ActionIcon, Alert, Anchor, Button, FileInput, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatAmountInput, useFormat } from '../../../ui/format-number';
import { grantsApi } from '../api';
import { expenditureApi, type ExpenditureReport } from './ExpenditureApi';
import { ExpenditureTable, expenditureProblemText, problemLine, type ExpenditureRow } from './ExpenditureTable';

/**
 * The organisation's expenditure report for one period: a row per approved line with what it was approved, what
 * accepted reports spent before, what it spent in this period (an amount in the reader's decimal mark), and the
 * cumulative, remaining and variance that follow as one types; the supporting documents (uploaded to the grant);
 * Save, and Submit, whose problems the server names by line and field and that are shown next to their line.
 */
export function ExpenditureReportForm({ report, onChanged }: { report: ExpenditureReport; onChanged: (r: ExpenditureReport) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(report.lines.map((l) => [l.lineId, formatAmountInput(l.spentInPeriodCents, f.lng)])));
  const [documentIds, setDocumentIds] = useState<string[]>(() => report.documents.map((d) => d.id));
  const [files, setFiles] = useState<File[]>([]);

  const parsed = useMemo(() => report.lines.map((l) => {
    const text = texts[l.lineId] ?? '';
    return text.trim() === '' ? 0 : parseEuroToCents(text);
  }), [report.lines, texts]);
  const rows: ExpenditureRow[] = report.lines.map((l, i) => {
    const cents = parsed[i] ?? 0;
    const cumulativeCents = l.spentBeforeCents + cents;
    return { ...l, spentInPeriodCents: cents, cumulativeCents, remainingCents: l.approvedCents - cumulativeCents, varianceBp: l.approvedCents === 0 ? null : shareBp(cumulativeCents - l.approvedCents, l.approvedCents), overspent: cumulativeCents > l.approvedCents };
  });
  const sum = (k: 'approvedCents' | 'spentBeforeCents' | 'spentInPeriodCents' | 'cumulativeCents') => rows.reduce((s, r) => s + r[k], 0);
  const totals = { approvedCents: sum('approvedCents'), spentBeforeCents: sum('spentBeforeCents'), spentInPeriodCents: sum('spentInPeriodCents'), cumulativeCents: sum('cumulativeCents'), remainingCents: sum('approvedCents') - sum('cumulativeCents'), varianceBp: null as number | null };
  totals.varianceBp = totals.approvedCents === 0 ? null : shareBp(totals.cumulativeCents - totals.approvedCents, totals.approvedCents);
  const unreadable = parsed.some((c) => c === null);

  const save = async (): Promise<ExpenditureReport> => {
    const uploaded: string[] = [];
    for (const file of files) uploaded.push((await grantsApi.uploadDocument(report.grantId, file)).id);
    const saved = await expenditureApi.save(report.id, {
      version: report.version,
      lines: report.lines.map((l, i) => ({ lineId: l.lineId, spentCents: parsed[i] ?? 0 })),
      documentFileIds: [...documentIds, ...uploaded],
    });
    setFiles([]);
    setDocumentIds(saved.documents.map((d) => d.id));
    onChanged(saved);
    return saved;
  };
  const saving = useMutation({ mutationFn: save });
  const submitting = useMutation({
    mutationFn: async () => {
      const saved = await save();
      return expenditureApi.submit(saved.id, saved.version);
    },
    onSuccess: onChanged,
  });
  const error = saving.error ?? submitting.error;
  const refused = isApiError(submitting.error) && submitting.error.statusCode === 422;

  const problemsOf = (i: number) => report.problems.filter((p) => problemLine(p.field) === i);
  const documentProblem = report.problems.find((p) => p.field === 'documentFileIds');
  const otherProblems = report.problems.filter((p) => problemLine(p.field) === null && p.field !== 'documentFileIds');

  return (
    <Stack gap="sm" data-testid="expenditure-form">
      <ExpenditureTable
        rows={rows}
        totals={totals}
        label={t('grants.expenditure.formLabel')}
        spentCell={(r, i) => (
          <TextInput
            size="xs"
            aria-label={t('grants.expenditure.spentOn', { line: r.description || r.lineId })}
            value={texts[r.lineId] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setTexts((s) => ({ ...s, [r.lineId]: v }));
            }}
            inputMode="decimal"
            rightSection="€"
            error={parsed[i] === null ? t('grants.expenditure.problems.not_cents') : undefined}
            styles={{ input: { textAlign: 'right', minWidth: 110 } }}
          />
        )}
        rowNote={(r, i) => (
          <>
            {r.overspent ? <Text size="xs" c="red">{t('grants.expenditure.overBy', { amount: f.money(r.cumulativeCents - r.approvedCents) })}</Text> : null}
            {problemsOf(i).map((p) => <Text key={`${p.field}-${p.code}`} size="xs" c="red" role="alert" data-testid={`problem-${r.lineId}`}>{expenditureProblemText(t, f, p)}</Text>)}
            {report.lines[i]?.comment ? <Text size="xs" c="orange" data-testid={`comment-${r.lineId}`}>{t('grants.expenditure.secretariatSays', { comment: report.lines[i]!.comment })}</Text> : null}
          </>
        )}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>{t('grants.expenditure.documents')}</Text>
        {report.documents.filter((d) => documentIds.includes(d.id)).length ? (
          <List size="sm" spacing={2}>
            {report.documents.filter((d) => documentIds.includes(d.id)).map((d) => (
              <List.Item key={d.id}>
                <Group gap={4} wrap="nowrap">
                  <Anchor href={expenditureApi.fileUrl(report.id, d.id)}>{d.fileName}</Anchor>
                  <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('grants.expenditure.removeDocument', { name: d.fileName })} onClick={() => setDocumentIds((ids) => ids.filter((x) => x !== d.id))}>
                    <IconTrash size={14} aria-hidden />
                  </ActionIcon>
                </Group>
              </List.Item>
            ))}
          </List>
        ) : null}
        <FileInput
          label={t('grants.expenditure.addDocuments')}
          description={t('grants.expenditure.documentsHint')}
          multiple
          clearable
          clearButtonProps={{ 'aria-label': t('documents.clearFile') }}
          value={files}
          onChange={(v) => setFiles(v ?? [])}
          error={documentProblem ? expenditureProblemText(t, f, documentProblem) : undefined}
        />
      </Stack>
      {otherProblems.map((p) => <Text key={`${p.field}-${p.code}`} size="sm" c="red">{`${t(`grants.expenditure.fields.${p.field}`, { defaultValue: p.field })}: ${expenditureProblemText(t, f, p)}`}</Text>)}
      {refused ? <Alert color="red" variant="light" role="alert">{t('grants.expenditure.refused')}</Alert> : error ? <ErrorAlert error={error} namespace="grants.expenditure.errors" /> : null}
      <Group gap="xs">
        <Button variant="default" loading={saving.isPending} disabled={unreadable || submitting.isPending} onClick={() => saving.mutate()}>{t('grants.expenditure.save')}</Button>
        <Button loading={submitting.isPending} disabled={unreadable || saving.isPending} onClick={() => submitting.mutate()}>{t('grants.expenditure.submit')}</Button>
      </Group>
    </Stack>
  );
}
