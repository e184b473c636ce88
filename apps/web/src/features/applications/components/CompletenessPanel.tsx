import { APPLICATION_SECTIONS, type ApplicationContent } from '@grants/domain';
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useContentLanguage } from '../../calls/lang';
import type { CompletenessItem, RequiredAttachment } from '../../calls/types';
import { completenessLabel, problemText } from './problems';

/**
 * Section by section, what the server says is still missing or breaks a rule, in the reader's language: each
 * item names the field as the form does (a missing attachment by the title the call gives it) and leads to it
 * (`onOpen(section, field)`), where the same sentence stands next to the field.
 */
export function CompletenessPanel({ items, requiredAttachments = [], onOpen, content }: {
  items: CompletenessItem[];
  requiredAttachments?: RequiredAttachment[];
  onOpen?: (section: string, field?: string) => void;
  /** The content the items are about, for the names the applicant gave (a target group, a budget line). */
  content?: ApplicationContent;
}) {
  const { t } = useTranslation();
  const { lang, pick } = useContentLanguage();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="completeness-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id="completeness-heading">{t('applications.completeness.title')}</Title>
        <Badge color={items.length === 0 ? 'green' : 'orange'} variant="light">
          {items.length === 0 ? t('applications.completeness.complete') : t('applications.completeness.count', { count: items.length })}
        </Badge>
      </Group>
      <Stack gap="xs">
        {APPLICATION_SECTIONS.map((s) => {
          const mine = items.filter((i) => i.section === s);
          return (
            <div key={s}>
              <Group gap={6}>
                {mine.length === 0 ? <IconCircleCheck size={16} color="var(--mantine-color-green-7)" aria-hidden /> : null}
                <Text
                  size="sm"
                  fw={600}
                  c={mine.length ? '#b3400a' : undefined}
                  style={onOpen ? { cursor: 'pointer', textDecoration: 'underline' } : undefined}
                  onClick={() => onOpen?.(s)}
                  component={onOpen ? 'button' : 'span'}
                  bg="transparent"
                  bd="none"
                  p={0}
                >
                  {t(`applications.sections.${s}`)}
                  {mine.length ? ` (${mine.length})` : ''}
                </Text>
              </Group>
              {mine.length ? (
                <List size="xs" ml="md">
                  {mine.slice(0, 8).map((p, i) => {
                    const text = (
                      <>
                        <Text span size="xs" c="dimmed">{completenessLabel(t, p, requiredAttachments, pick, content)}: </Text>
                        {problemText(t, p.code, p.params, lang, p.field)}
                      </>
                    );
                    return (
                      <List.Item key={`${p.field}-${i}`}>
                        {onOpen ? (
                          <Anchor component="button" type="button" size="xs" ta="start" c="inherit" td="underline" display="inline" onClick={() => onOpen(s, p.field)}>
                            {text}
                          </Anchor>
                        ) : text}
                      </List.Item>
                    );
                  })}
                  {mine.length > 8 ? <List.Item>{t('applications.completeness.more', { count: mine.length - 8 })}</List.Item> : null}
                </List>
              ) : null}
            </div>
          );
        })}
      </Stack>
    </Card>
  );
}
