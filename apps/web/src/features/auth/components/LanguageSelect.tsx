import { LANGUAGES } from '@grants/domain';
import { Select, type SelectProps } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NATIVE_LANGUAGE_NAMES } from '../../../i18n';

/** A select of the three portal languages, each named in its own language. */
export const LanguageSelect = forwardRef<HTMLInputElement, Omit<SelectProps, 'data'>>(function LanguageSelect(props, ref) {
  const { t } = useTranslation();
  return (
    <Select
      ref={ref}
      label={t('common.language')}
      data={LANGUAGES.map((code) => ({ value: code, label: NATIVE_LANGUAGE_NAMES[code] }))}
      allowDeselect={false}
      {...props}
    />
  );
});
