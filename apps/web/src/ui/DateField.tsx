import { ActionIcon, TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { datePlaceholder, formatDateInput, parseDateInput } from './format-date-input';

export type DateFieldProps = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'defaultValue'> & {
  /** The date as YYYY-MM-DD, or '' for none. */
  value: string | null | undefined;
  /** Called with YYYY-MM-DD once what is typed is a real date, and with '' once the field is emptied. */
  onChange: (iso: string) => void;
  /** Earliest / latest date the calendar offers (YYYY-MM-DD). */
  min?: string;
  max?: string;
};

/**
 * A calendar date in the portal's language (31/03/2027, 31.03.2027, 31.03.2027.), typed or picked from the
 * calendar button, whatever language the browser itself runs in: Chromium shows <input type="date"> in the
 * browser's format and ignores the page's lang. The value in and out is YYYY-MM-DD, as the API takes it.
 */
export function DateField({ value, onChange, min, max, error, readOnly, disabled, label, description, ...rest }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [text, setText] = useState(() => formatDateInput(value, lng));
  const [invalid, setInvalid] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  // a new value from outside, or a new language, is shown in the language's notation; what the reader is
  // typing (the same date, or not a date yet) is left alone
  const shownLng = useRef(lng);
  useEffect(() => {
    const lngChanged = shownLng.current !== lng;
    shownLng.current = lng;
    setText((current) => {
      const typed = current.trim() ? parseDateInput(current, lng) : '';
      if (!lngChanged && (typed === (value ?? '') || (typed === null && !value))) return current;
      return formatDateInput(value || typed || '', lng) || current;
    });
  }, [value, lng]);

  const pattern = datePlaceholder(lng);
  const type = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setInvalid(false);
      onChange('');
      return;
    }
    const iso = parseDateInput(next, lng);
    if (iso) {
      setInvalid(false);
      if (iso !== value) onChange(iso);
    }
  };
  const blur = () => {
    if (!text.trim()) return;
    const iso = parseDateInput(text, lng);
    if (iso) setText(formatDateInput(iso, lng));
    else setInvalid(true);
  };
  const openCalendar = () => {
    const el = picker.current;
    if (!el) return;
    try {
      el.showPicker();
    } catch {
      el.focus();
      el.click();
    }
  };

  const shownError: ReactNode = invalid ? <span role="alert">{t('dateField.invalid', { pattern })}</span> : error;
  const inactive = readOnly || disabled;

  return (
    <TextInput
      {...rest}
      label={label}
      description={description ?? t('dateField.hint', { pattern })}
      value={text}
      placeholder={pattern}
      inputMode="numeric"
      autoComplete="off"
      readOnly={readOnly}
      disabled={disabled}
      error={shownError}
      onChange={(e) => type(e.currentTarget.value)}
      onBlur={blur}
      rightSectionPointerEvents={inactive ? 'none' : 'all'}
      rightSection={
        inactive ? null : (
          <>
            <ActionIcon variant="subtle" onClick={openCalendar} aria-label={t('dateField.calendar')} title={t('dateField.calendar')}>
              <IconCalendar size={18} aria-hidden />
            </ActionIcon>
            <input
              ref={picker}
              type="date"
              tabIndex={-1}
              aria-hidden
              data-testid="date-field-picker"
              min={min}
              max={max}
              value={value ?? ''}
              onChange={(e) => {
                const iso = e.currentTarget.value;
                setText(formatDateInput(iso, lng));
                setInvalid(false);
                onChange(iso);
              }}
              style={{ position: 'absolute', width: 1, height: 1, opacity: 0, pointerEvents: 'none', right: 0, bottom: 0 }}
            />
          </>
        )
      }
    />
  );
}
