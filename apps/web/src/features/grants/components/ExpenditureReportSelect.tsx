import { Select } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format-number';
import { useGrantExpenditure } from './ExpenditureApi';

/**
 * The expenditure report a tranche request rests on: the grant's submitted or accepted reports, the latest chosen
 * first (only accepted spending counts towards the 70 % rule; the tranche's conditions show the figure).
 */
export function ExpenditureReportSelect({ grantId, value, onChange }: { grantId: string; value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useGrantExpenditure(grantId);
  const reports = Array.isArray(q.data?.reports) ? q.data.reports.filter((r) => r.status === 'submitted' || r.status === 'accepted') : [];
  const latest = reports.length ? reports[reports.length - 1]!.id : null;
  const picked = useRef(false);
  useEffect(() => {
    // the latest report is proposed once; the reader may clear it
    if (picked.current || !latest) return;
    picked.current = true;
    if (value === null) onChange(latest);
  }, [latest, value, onChange]);
  return (
    <Select
      label={t('grants.expenditure.requestOn')}
      description={reports.length ? t('grants.expenditure.requestOnHint') : t('grants.expenditure.requestOnNone')}
      data={reports.map((r) => ({ value: r.id, label: `${t('grants.expenditure.reportNo', { seq: r.seq })} · ${f.date(r.periodStart)} – ${f.date(r.periodEnd)} · ${t(`grants.expenditure.status.${r.status}`)}` }))}
      value={value}
      onChange={onChange}
      clearable
      disabled={!reports.length}
      data-testid="request-expenditure-report"
    />
  );
}
