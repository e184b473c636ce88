import { LANGUAGES } from '@grants/domain';
import { Button, Group, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe, useUpdateMe } from '../../features/auth/hooks';
import type { Language, Script } from '../../features/auth/types';
import { applyLanguage, fromUiLanguage, NATIVE_LANGUAGE_NAMES } from '../../i18n';
import { describeError } from '../errors';
import { notifyError } from '../notify';

/**
 * English / Shqip / Srpski, and for Srpski a Latin / Cyrillic toggle. Logged in, the choice
 * is saved on the account (PATCH /api/users/me); logged out, i18next keeps it in localStorage.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();
  const { language, script } = fromUiLanguage(i18n.language);
  const currentName = language === 'sr' && script === 'cyrillic' ? 'Српски' : NATIVE_LANGUAGE_NAMES[language];

  const choose = async (nextLanguage: Language, nextScript: Script) => {
    await applyLanguage(nextLanguage, nextScript);
    if (me && (me.language !== nextLanguage || me.script !== nextScript)) {
      updateMe.mutate(
        { language: nextLanguage, script: nextScript },
        { onError: (e) => notifyError(describeError(t, e)) },
      );
    }
  };

  return (
    <Group gap={6} wrap="nowrap">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            c="dark"
            size="compact-md"
            leftSection={<IconLanguage size={18} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('common.languageCurrent', { name: currentName })}
          >
            <Text span inherit lang={i18n.language} visibleFrom="xs">
              {currentName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {LANGUAGES.map((code) => (
            <Menu.Item
              key={code}
              lang={code}
              onClick={() => void choose(code, code === 'sr' ? script : 'latin')}
              rightSection={code === language ? <IconCheck size={14} aria-hidden /> : null}
              aria-current={code === language ? 'true' : undefined}
            >
              {NATIVE_LANGUAGE_NAMES[code]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {language === 'sr' ? (
        <Button.Group aria-label={t('common.script')}>
          <Button
            size="compact-sm"
            variant={script === 'latin' ? 'filled' : 'default'}
            aria-pressed={script === 'latin'}
            lang="sr-Latn"
            onClick={() => void choose('sr', 'latin')}
            aria-label="Latinica"
            title="Latinica"
          >
            <ScriptName full="Latinica" short="Lat" />
          </Button>
          <Button
            size="compact-sm"
            variant={script === 'cyrillic' ? 'filled' : 'default'}
            aria-pressed={script === 'cyrillic'}
            lang="sr-Cyrl"
            onClick={() => void choose('sr', 'cyrillic')}
            aria-label="Ћирилица"
            title="Ћирилица"
          >
            <ScriptName full="Ћирилица" short="Ћир" />
          </Button>
        </Button.Group>
      ) : null}
    </Group>
  );
}

/** A script's name, shortened on a phone so that the header's language and script choices fit in 360 px. */
function ScriptName({ full, short }: { full: string; short: string }) {
  return (
    <>
      <Text span inherit visibleFrom="sm">{full}</Text>
      <Text span inherit hiddenFrom="sm" aria-hidden>{short}</Text>
    </>
  );
}
