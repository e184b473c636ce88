import { LANGUAGES, serbianLatinToCyrillic } from '@grants/domain';
import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconFileCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NATIVE_LANGUAGE_NAMES } from '../../../i18n';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { useContentLanguage } from '../../calls/lang';
import { evaluationApi } from '../api';
import type { Declaration, DeclarationLanguage } from '../types';

type Props = { declaration: Declaration; onSigned: (d: Declaration) => void };

/**
 * The declaration of impartiality and confidentiality of one call, in the evaluator's language (the other two a
 * click away). Signing it records the language it was read in; until then the call's applications do not exist
 * for the evaluator.
 */
export function DeclarationForm({ declaration, onSigned }: Props) {
  const { t } = useTranslation();
  const { lang, cyrillic } = useContentLanguage();
  const [language, setLanguage] = useState<DeclarationLanguage>(lang);
  const [accepted, setAccepted] = useState(false);
  const [tried, setTried] = useState(false);
  const sign = useMutation({ mutationFn: () => evaluationApi.sign(declaration.call.id, language), onSuccess: onSigned });
  const raw = declaration.text[language] ?? '';
  const text = language === 'sr' && cyrillic ? serbianLatinToCyrillic(raw) : raw;
  const missing = tried && !accepted;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="declaration-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Group gap="xs" wrap="nowrap">
            <IconFileCertificate aria-hidden />
            <Title order={2} size="h4" id="declaration-title">{t('evaluation.declaration.title')}</Title>
          </Group>
          <SegmentedControl
            size="xs"
            aria-label={t('evaluation.declaration.readIn')}
            value={language}
            onChange={(v) => setLanguage(v as DeclarationLanguage)}
            data={LANGUAGES.map((l) => ({ value: l, label: NATIVE_LANGUAGE_NAMES[l] }))}
          />
        </Group>
        <Text size="sm" c="dimmed">{t('evaluation.declaration.intro')}</Text>
        <Card withBorder bg="var(--mantine-color-gray-0)" padding="md">
          <Text lang={language === 'sr' ? (cyrillic ? 'sr-Cyrl' : 'sr-Latn') : language} style={{ whiteSpace: 'pre-line' }} data-testid="declaration-text">
            {text}
          </Text>
        </Card>
        <Checkbox
          label={t('evaluation.declaration.accept')}
          checked={accepted}
          required
          onChange={(e) => setAccepted(e.currentTarget.checked)}
          error={missing ? <span role="alert">{t('evaluation.declaration.acceptRequired')}</span> : undefined}
        />
        {sign.isError ? <ErrorAlert error={sign.error} namespace="evaluation.errors" /> : null}
        <Group justify="flex-end">
          <Button
            loading={sign.isPending}
            onClick={() => {
              setTried(true);
              if (accepted) sign.mutate();
            }}
          >
            {t('evaluation.declaration.sign')}
          </Button>
        </Group>
        <Alert color="gray" variant="light">{t('evaluation.declaration.after')}</Alert>
      </Stack>
    </Card>
  );
}
