import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { expenditureApi, type ExpenditureReport } from './ExpenditureApi';
import { ExpenditureDocuments } from './ExpenditureDocuments';
import { ExpenditureTable } from './ExpenditureTable';

/**
 * The Secretariat's review of a submitted report: the lines as reported with a comment box on each, a comment on
 * the report, the supporting documents (name, size, download), and Accept or Return (a return says why: on the report or on a line; the server refuses it otherwise
 * and the field it names is marked).
 */
export function ExpenditureReview({ report, onChanged }: { report: ExpenditureReport; onChanged: (r: ExpenditureReport) => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [lineComments, setLineComments] = useState<Record<string, string>>({});
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') => expenditureApi.review(report.id, {
      version: report.version, decision,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      lineComments: Object.entries(lineComments).filter(([, c]) => c.trim()).map(([lineId, c]) => ({ lineId, comment: c.trim() })),
    }),
    onSuccess: onChanged,
  });
  const fieldsAtFault = isApiError(review.error) ? review.error.details.map((d) => d.field) : [];
  return (
    <Stack gap="sm" data-testid="expenditure-review">
      <ExpenditureTable
        rows={report.lines}
        totals={report.totals}
        label={t('grants.expenditure.reviewLabel')}
        extra={{
          header: t('grants.expenditure.lineComment'),
          cell: (r) => (
            <TextInput
              size="xs"
              aria-label={t('grants.expenditure.commentOn', { line: r.description || r.lineId })}
              value={lineComments[r.lineId] ?? ''}
              maxLength={2000}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setLineComments((s) => ({ ...s, [r.lineId]: v }));
              }}
            />
          ),
        }}
      />
      <ExpenditureDocuments report={report} />
      <Textarea
        label={t('grants.expenditure.reviewComment')}
        description={<PersonalDataHint />}
        autosize
        minRows={2}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={fieldsAtFault.includes('comment') ? t('grants.expenditure.returnNeedsComment') : undefined}
      />
      {review.isError && !fieldsAtFault.includes('comment') ? <ErrorAlert error={review.error} namespace="grants.expenditure.errors" /> : null}
      <Group gap="xs">
        <Button color="green" loading={review.isPending && review.variables === 'accept'} disabled={review.isPending} onClick={() => review.mutate('accept')}>{t('grants.expenditure.accept')}</Button>
        <Button color="orange" variant="light" loading={review.isPending && review.variables === 'return'} disabled={review.isPending} onClick={() => review.mutate('return')}>{t('grants.expenditure.return')}</Button>
      </Group>
    </Stack>
  );
}
