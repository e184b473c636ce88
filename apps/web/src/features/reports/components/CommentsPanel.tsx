import { NARRATIVE_REPORT_SECTIONS } from '@grants/domain';
import { Button, Card, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useFormat } from '../../../ui/format-number';
import { useCommentReport } from '../hooks';
import { scanTexts } from '../privacy';
import type { PrivacyConfirmation, PrivacyFinding, ReportComment } from '../types';
import { PrivacyDialog } from './PrivacyDialog';

/** The conversation on a report handed in (the grant's monitor, the organisation, the Secretariat), appended, with a box to add to it. */
export function CommentsPanel({ reportId, comments, mayComment }: { reportId: string; comments: readonly ReportComment[]; mayComment: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const comment = useCommentReport(reportId);
  const [text, setText] = useState('');
  const [section, setSection] = useState<string | null>(null);
  const [findings, setFindings] = useState<PrivacyFinding[] | null>(null);
  const own = comments.filter((c) => c.kind !== 'review');
  const send = (confirmations: PrivacyConfirmation[] = []) =>
    comment.mutate(
      { text: text.trim(), section, confirmations: confirmations.map(({ kind, excerptHash }) => ({ kind, excerptHash })) },
      { onSuccess: () => { setText(''); setSection(null); } },
    );
  /** A comment carries no personal data of a victim either: the passages found are confirmed first. */
  const check = async () => {
    const found = await scanTexts({ text: text.trim() });
    if (found.length > 0) setFindings(found);
    else send();
  };
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="comments-title" data-testid="comments">
      <Title order={2} size="h5" id="comments-title" mb="xs">{t('reports.comments.title')}</Title>
      <Stack gap="xs">
        {own.length === 0 ? <Text size="sm" c="dimmed">{t('reports.comments.none')}</Text> : own.map((c) => (
          <div key={c.id} data-testid="comment">
            <Text size="xs" c="dimmed">{t('reports.comments.by', { name: c.authorName, date: f.dateTime(c.createdAt) })}{c.section ? ` · ${t(`reports.sections.${c.section}`)}` : ''}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.text}</Text>
          </div>
        ))}
        {mayComment ? (
          <Stack gap="xs">
            <Textarea label={t('reports.comments.add')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
            <Select
              label={t('reports.comments.section')}
              data={NARRATIVE_REPORT_SECTIONS.map((s) => ({ value: s, label: t(`reports.sections.${s}`) }))}
              value={section}
              onChange={setSection}
              placeholder={t('reports.comments.anySection')}
              clearable
            />
            {comment.isError ? <ErrorAlert error={comment.error} namespace="reports.problems" /> : null}
            <Group>
              <Button variant="light" disabled={!text.trim()} loading={comment.isPending} onClick={() => void check()}>
                {t('reports.comments.send')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
      <PrivacyDialog
        opened={findings !== null}
        findings={findings ?? []}
        texts={{ text: text.trim() }}
        results={[]}
        labelOf={() => t('reports.comments.add')}
        onClose={() => setFindings(null)}
        onRemove={() => setFindings(null)}
        onContinue={(c) => {
          setFindings(null);
          send(c);
        }}
      />
    </Card>
  );
}
