import { Alert, Button, List, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { describeFeatureError } from '../../../ui/errors';
import { useFormat } from '../../../ui/format-number';
import { notifySuccess } from '../../../ui/notify';
import { PersonalDataHint } from '../../../ui/PersonalDataHint';
import { useCloseGrant } from '../hooks';
import type { ClosureView } from '../types';

const NOTE_MAX = 4000;

/** A missing document of the grant's file in words: `agreement`, `expenditure_report:<seq>`, `addendum:<id>`. */
export function missingDocumentText(t: TFunction, code: string): string {
  const [kind, ref] = code.split(':');
  if (kind === 'expenditure_report') return t('closure.checklist.missing.expenditure_report', { seq: ref });
  if (kind === 'addendum') return t('closure.checklist.missing.addendum');
  return t('closure.checklist.missing.agreement');
}

/**
 * The closure checklist: each item met or not with its figures (the final report, the final balance settled, the
 * action points, the documents of the file, with what "documents in place" means said on screen), and for the
 * Secretariat the closing note and the close, offered only once every item is met.
 */
export function ClosureChecklistPanel({ view, manage }: { view: ClosureView; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const close = useCloseGrant(view.grantId);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const closed = view.closed;

  const submit = () => {
    if (!note.trim()) {
      setNoteError(t('closure.checklist.noteRequired'));
      return;
    }
    setNoteError(null);
    close.mutate({ version: view.version, closingNote: note.trim() }, {
      onSuccess: () => notifySuccess(t('closure.checklist.closedToast')),
      onError: (e) => {
        if (isApiError(e) && e.details.some((d) => d.field === 'closingNote')) setNoteError(t('closure.checklist.noteRequired'));
      },
    });
  };

  return (
    <section aria-labelledby="closure-title" data-testid="closure-checklist">
      <Title order={2} size="h4" mb="xs" id="closure-title">{t('closure.checklist.title')}</Title>
      <Stack gap="sm">
        <List spacing={6} size="sm" center aria-label={t('closure.checklist.title')}>
          {view.items.map((i) => (
            <List.Item
              key={i.code}
              data-testid={`closure-item-${i.code}`}
              data-met={i.met}
              icon={<ThemeIcon size={18} radius="xl" color={i.met ? 'green' : 'red'} aria-hidden>{i.met ? <IconCheck size={12} /> : <IconX size={12} />}</ThemeIcon>}
            >
              <Text size="sm" span fw={600}>{t(`closure.checklist.items.${i.code}`)}</Text>
              <Text size="sm" span>{` — ${i.met ? t('closure.checklist.met') : t('closure.checklist.unmet')}`}</Text>
              {!i.met && i.code === 'action_points_closed' ? <Text size="sm" span>{`: ${t('closure.checklist.openPoints', { count: Number(i.params.open ?? 0) })}`}</Text> : null}
              {i.code === 'documents_in_place' ? <Text size="xs" c="dimmed">{t('closure.checklist.documentsRule')}</Text> : null}
              {!i.met && i.code === 'documents_in_place' && view.missingDocuments.length ? (
                <List size="xs" withPadding data-testid="missing-documents">
                  {view.missingDocuments.map((d) => <List.Item key={d}>{missingDocumentText(t, d)}</List.Item>)}
                </List>
              ) : null}
            </List.Item>
          ))}
        </List>
        {closed ? (
          <Alert color="gray" variant="light" data-testid="closure-closed" title={t('closure.checklist.closedOn', { date: f.date(closed.closedAt) })}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{closed.closingNote}</Text>
          </Alert>
        ) : manage ? (
          <Stack gap="xs">
            <Textarea
              label={t('closure.checklist.note')}
              description={<><Text span size="xs">{t('closure.checklist.noteHelp')}</Text> <PersonalDataHint /></>}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={NOTE_MAX}
              autosize
              minRows={3}
              error={noteError}
              disabled={!view.can.close}
            />
            {!view.can.close ? <Text size="sm" c="dimmed" data-testid="close-blocked">{t('closure.checklist.blocked')}</Text> : null}
            <div>
              <Button color="red" onClick={submit} disabled={!view.can.close} loading={close.isPending}>{t('closure.checklist.close')}</Button>
            </div>
            {close.isError && !noteError ? <Alert color="red" variant="light">{describeFeatureError(t, i18n, close.error, 'closure.problems')}</Alert> : null}
          </Stack>
        ) : null}
      </Stack>
    </section>
  );
}
