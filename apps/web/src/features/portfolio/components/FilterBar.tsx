import { compareNsCodes, nsTitle } from '@grants/domain';
import { Button, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../ui/DateField';
import { municipalityName } from '../../organization/components/MunicipalitySelect';
import type { PortfolioFilter, PortfolioFilters } from '../types';

/** The dashboard's filter: call, Strategy objective, municipality and period; every choice kept in the URL. */
export function FilterBar({ options, filter, set, clear }: {
  options: PortfolioFilters | undefined;
  filter: PortfolioFilter;
  set: (key: keyof PortfolioFilter, value: string | null) => void;
  clear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language.startsWith('sr') ? 'sr' : i18n.language) as 'en' | 'sq' | 'sr';
  const objectives = [...(options?.objectives ?? [])].sort(compareNsCodes).map((code) => {
    const title = nsTitle(code);
    return { value: code, label: title ? `${code} ${title[lang] ?? title.en}` : code };
  });
  const any = Object.keys(filter).length > 0;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('portfolio.filter.label')} data-testid="portfolio-filters">
      <Select
        label={t('portfolio.filter.call')} placeholder={t('portfolio.filter.all')} clearable w={180}
        data={(options?.calls ?? []).map((c) => ({ value: c.id, label: c.reference }))}
        value={filter.callId ?? null} onChange={(v) => set('callId', v)}
      />
      <Select
        label={t('portfolio.filter.objective')} placeholder={t('portfolio.filter.all')} clearable searchable w={260}
        data={objectives} value={filter.objective ?? null} onChange={(v) => set('objective', v)}
      />
      <Select
        label={t('portfolio.filter.municipality')} placeholder={t('portfolio.filter.all')} clearable searchable w={200}
        data={(options?.municipalities ?? []).map((m) => ({ value: m, label: municipalityName(m, i18n.language) }))}
        value={filter.municipality ?? null} onChange={(v) => set('municipality', v)}
      />
      <DateField label={t('portfolio.filter.from')} w={150} value={filter.from ?? ''} onChange={(v) => set('from', v || null)} />
      <DateField label={t('portfolio.filter.to')} w={150} value={filter.to ?? ''} min={filter.from} onChange={(v) => set('to', v || null)} />
      {any && <Button variant="default" onClick={clear}>{t('portfolio.filter.clear')}</Button>}
    </Group>
  );
}
