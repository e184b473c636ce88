import { Alert, Button, Checkbox, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { codes: string[]; email: string; onDone: () => void };

/** The recovery codes, shown once: download them as .txt, and say they are saved before going on. */
export function RecoveryCodesPanel({ codes, email, onDone }: Props) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const download = () => {
    const text = `${t('security.codesFileTitle', { email })}\n\n${codes.join('\n')}\n\n${t('security.codesFileNote')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'recovery-codes.txt';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack>
      <Alert color="yellow" title={t('security.codesTitle')}>
        {t('security.codesIntro')}
      </Alert>
      <SimpleGrid cols={{ base: 2, xs: 2, sm: 2 }} spacing="xs" component="ul" aria-label={t('security.codesListLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {codes.map((c) => (
          <li key={c}>
            <Code fz="md" data-testid="recovery-code">
              {c}
            </Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
          {t('security.downloadCodes')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('security.codesOnce')}
      </Text>
      <Checkbox label={t('security.codesSaved')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Button onClick={onDone} disabled={!saved}>
        {t('security.continue')}
      </Button>
    </Stack>
  );
}
