import type { ComputedBudget } from '@grants/domain';
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import { BudgetTable } from './BudgetTable';
import { CompletenessPanel } from './CompletenessPanel';
import { WorkplanGrid } from './WorkplanGrid';

describe('WorkplanGrid', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('shows activities × months 1..duration and ticks months in order', () => {
    const onChange = vi.fn();
    function Harness() {
      const [rows, setRows] = useState([{ activityCode: 'A1.2', months: [2] }]);
      return (
        <WorkplanGrid
          activities={[{ code: 'A1.1', text: 'Assessment' }, { code: 'A1.2', text: 'Courses' }]}
          durationMonths={4}
          value={rows}
          onChange={(next) => {
            onChange(next);
            setRows(next);
          }}
        />
      );
    }
    renderPage(<Harness />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Activity', 'M1', 'M2', 'M3', 'M4']);
    expect((screen.getByRole('checkbox', { name: 'A1.2 in month 2' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'A1.1 in month 3' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'A1.1 in month 1' }));
    expect(onChange).toHaveBeenLastCalledWith([
      { activityCode: 'A1.1', months: [1, 3] },
      { activityCode: 'A1.2', months: [2] },
    ]);
    // unticking the last month drops the activity's row
    fireEvent.click(screen.getByRole('checkbox', { name: 'A1.2 in month 2' }));
    expect(onChange).toHaveBeenLastCalledWith([{ activityCode: 'A1.1', months: [1, 3] }]);
  });

  it('is read-only when asked', () => {
    renderPage(<WorkplanGrid activities={[{ code: 'A1', text: 'x' }]} durationMonths={2} value={[]} onChange={vi.fn()} readOnly />);
    expect((screen.getByRole('checkbox', { name: 'A1 in month 1' }) as HTMLInputElement).disabled).toBe(true);
  });
});

describe('BudgetTable', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it("shows the server's totals, not a sum worked out in the browser", () => {
    // deliberately different from 2 × €100: the table must print what the server said
    const computed: ComputedBudget = {
      lines: [{ heading: 'travel', description: 'Trips', unit: 'trip', quantity: 2, unitCostCents: 10_000, totalCents: 20_000 }],
      headings: [{ heading: 'travel', totalCents: 20_000 }],
      directCents: 20_000,
      indirectCostBp: 700,
      indirectCents: 1_400,
      totalCents: 21_400,
      coFinancingCents: 1_400,
      requestedCents: 20_000,
      coFinancingBp: 654,
    };
    const onChange = vi.fn();
    renderPage(
      <BudgetTable
        value={{ lines: [{ heading: 'travel', description: 'Trips', unit: 'trip', quantity: 5, unitCostCents: 10_000 }], coFinancingCents: 1_400, indirectCostBp: 700 }}
        onChange={onChange}
        computed={computed}
        headings={['travel', 'services']}
      />,
    );
    const totals = within(screen.getByTestId('budget-totals'));
    expect(totals.getByText('€214.00')).toBeTruthy();
    expect(screen.getByTestId('requested').textContent).toContain('€200.00');
    expect(screen.getByTestId('line-total-0').textContent).toContain('€200.00');
    expect(screen.queryByText('€500.00')).toBeNull();
  });

  it('reads unit costs typed in euros as cents', () => {
    const onChange = vi.fn();
    const empty: ComputedBudget = { lines: [], headings: [], directCents: 0, indirectCostBp: 0, indirectCents: 0, totalCents: 0, coFinancingCents: 0, requestedCents: 0, coFinancingBp: 0 };
    renderPage(
      <BudgetTable value={{ lines: [], coFinancingCents: 0, indirectCostBp: 0 }} onChange={onChange} computed={empty} headings={['travel']} />,
    );
    fireEvent.change(screen.getByLabelText('Co-financing'), { target: { value: '1.234,50' } });
    expect(onChange).toHaveBeenLastCalledWith({ lines: [], coFinancingCents: 123_450, indirectCostBp: 0 });
    fireEvent.change(screen.getByLabelText('Co-financing'), { target: { value: '12,3,4' } });
    expect(screen.getByText('Not an amount in euros')).toBeTruthy();
  });
});

describe('CompletenessPanel', () => {
  beforeAll(async () => {
    await setupI18n('sq');
  });

  it("names a missing attachment by the call's title for it in the UI language, not by its requirement id", () => {
    const requiredAttachments = [
      { id: 'A1.2', title: { en: 'Budget annex (signed)', sq: 'Aneksi i buxhetit (i nënshkruar)', sr: 'Aneks budžeta (potpisan)' } },
    ];
    renderPage(
      <CompletenessPanel
        items={[{ section: 'attachments', field: 'attachments.A1.2', code: 'attachment_missing', params: { requirementId: 'A1.2' } }]}
        requiredAttachments={requiredAttachments}
      />,
    );
    expect(screen.getByText('Shtojcat › Aneksi i buxhetit (i nënshkruar):')).toBeTruthy();
    expect(screen.queryByText(/A1 2/)).toBeNull();
  });

  it('falls back to the field path when the call does not know the requirement', () => {
    renderPage(<CompletenessPanel items={[{ section: 'attachments', field: 'attachments.gone', code: 'attachment_missing', params: { requirementId: 'gone' } }]} />);
    expect(screen.getByText('Shtojcat › gone:')).toBeTruthy();
  });
});
