import { checkIban } from '@grants/domain';
import { TextInput, type TextInputProps } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../ui/fields';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'error'> & {
  value: string;
  onChange: (value: string) => void;
  /** an error from the form or the server; the live check's own message is shown otherwise */
  error?: string;
};

/** Groups of four, the way IBANs are printed. */
export function printIban(normalized: string): string {
  return normalized.replace(/(.{4})/g, '$1 ').trim();
}

/** An IBAN input checked as you type (country, length, format, check digits). */
export const IbanInput = forwardRef<HTMLInputElement, Props>(function IbanInput({ value, onChange, error, ...props }, ref) {
  const { t } = useTranslation();
  const trimmed = value.trim();
  const check = trimmed ? checkIban(trimmed) : null;
  const liveError = check && !check.valid && trimmed.length >= 4 ? t(`iban.${check.reason ?? 'format'}`) : undefined;
  return (
    <TextInput
      ref={ref}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      autoComplete="off"
      spellCheck={false}
      placeholder="XK05 1212 0123 4567 8906"
      rightSection={check?.valid ? <IconCircleCheck size={18} color="var(--mantine-color-green-text)" aria-hidden /> : null}
      description={check?.valid ? t('iban.valid', { iban: printIban(check.normalized) }) : t('iban.hint')}
      error={fieldError({ message: error ?? liveError })}
      {...props}
    />
  );
});
