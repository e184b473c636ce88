import { Alert, Badge, Button, Card, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../fields';
import type { ReportResult } from '../logframe';
import { confirmationsOf, findingKey } from '../privacy';
import type { PrivacyConfirmation, PrivacyFinding } from '../types';

const CONTEXT = 50;

/** The passage in its sentence: up to 50 characters either side, the passage itself marked. */
export function Passage({ text, start, end }: { text: string; start: number; end: number }) {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="passage">
      {from > 0 ? '…' : ''}{text.slice(from, start)}<mark>{text.slice(start, end)}</mark>{text.slice(end, to)}{to < text.length ? '…' : ''}
    </Text>
  );
}

type Props = {
  opened: boolean;
  findings: readonly PrivacyFinding[];
  /** The free text as it is now, by field path, to show each passage where it stands. */
  texts: Readonly<Record<string, string>>;
  results: readonly ReportResult[];
  /** The field's name in words, when it is not one of the report's content (a comment). */
  labelOf?: (field: string) => string;
  onClose: () => void;
  /** The writer goes back to the form to remove the passage. */
  onRemove: (field: string) => void;
  /** Every finding confirmed: on to the final confirmation. */
  onContinue: (confirmations: PrivacyConfirmation[]) => void;
};

/**
 * Before submitting: each passage of the free text that looks like a person's data, in its field and
 * highlighted, to remove in the form or to confirm as not about a beneficiary. Continuing is possible only once
 * every passage is confirmed; the confirmations go with the submission (the server checks them again).
 */
export function PrivacyDialog({ opened, findings, texts, results, labelOf, onClose, onRemove, onContinue }: Props) {
  const { t, i18n } = useTranslation();
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!opened) setConfirmed(new Set());
  }, [opened]);
  const remaining = findings.filter((f) => !confirmed.has(findingKey(f))).length;
  const toggle = (key: string, on: boolean) =>
    setConfirmed((c) => {
      const next = new Set(c);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <Modal opened={opened} onClose={onClose} title={t('reports.privacy.title')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="privacy-dialog">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconShieldLock size={18} aria-hidden style={{ flexShrink: 0, color: 'var(--mantine-color-orange-text)' }} />
          <Text size="sm">{t('reports.privacy.intro')}</Text>
        </Group>
        {findings.map((f) => {
          const key = findingKey(f);
          return (
            <Card key={key} withBorder padding="sm" data-testid="privacy-finding">
              <Group justify="space-between" gap="xs" wrap="wrap" mb={4}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>{t('reports.privacy.inField', { field: labelOf?.(f.field) ?? fieldLabel(t, i18n.language, f.field, results) })}</Text>
                <Badge color="orange" variant="light" tt="none">{t(`reports.privacy.kind.${f.kind}`)}</Badge>
              </Group>
              <Passage text={texts[f.field] ?? f.excerpt} start={texts[f.field] !== undefined ? f.start : 0} end={texts[f.field] !== undefined ? f.end : f.excerpt.length} />
              <Group justify="space-between" gap="xs" mt="xs" wrap="wrap">
                <Checkbox label={t('reports.privacy.confirm')} checked={confirmed.has(key)} onChange={(e) => toggle(key, e.currentTarget.checked)} />
                <Button variant="subtle" size="xs" onClick={() => onRemove(f.field)}>{t('reports.privacy.remove')}</Button>
              </Group>
            </Card>
          );
        })}
        {remaining > 0 ? <Alert color="orange" variant="light" p="xs" data-testid="privacy-remaining">{t('reports.privacy.remaining', { count: remaining })}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={remaining > 0} onClick={() => onContinue(confirmationsOf(findings, confirmed))}>{t('reports.privacy.continue')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
