import { KOSOVO_MUNICIPALITIES, serbianLatinToCyrillic } from '@grants/domain';
import { Select, type SelectProps } from '@mantine/core';
import { forwardRef, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CYRILLIC } from '../../../i18n';

type Municipality = { code: string; en: string; sq: string; sr: string };

/** A municipality's name in the UI language (Serbian Cyrillic transliterated from Latin). */
export function municipalityName(code: string | null | undefined, lng: string): string {
  if (!code) return '';
  const m = (KOSOVO_MUNICIPALITIES as readonly Municipality[]).find((x) => x.code === code);
  if (!m) return code;
  if (lng === CYRILLIC) return serbianLatinToCyrillic(m.sr);
  if (lng === 'sq') return m.sq;
  if (lng === 'sr') return m.sr;
  return m.en;
}

export const MunicipalitySelect = forwardRef<HTMLInputElement, Omit<SelectProps, 'data'>>(function MunicipalitySelect(
  props,
  ref,
) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const data = useMemo(
    () =>
      (KOSOVO_MUNICIPALITIES as readonly Municipality[])
        .map((m) => ({ value: m.code, label: municipalityName(m.code, lng) }))
        .sort((a, b) => a.label.localeCompare(b.label, lng)),
    [lng],
  );
  return (
    <Select
      ref={ref}
      label={t('organization.fields.municipality')}
      placeholder={t('organization.chooseMunicipality')}
      data={data}
      searchable
      nothingFoundMessage={t('common.nothingFound')}
      allowDeselect={false}
      {...props}
    />
  );
});
