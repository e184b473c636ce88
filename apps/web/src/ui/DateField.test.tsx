import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../test/utils';
import { DateField } from './DateField';

function Harness({ initial, onChange }: { initial: string; onChange: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField label="Start" value={value} onChange={(v) => { setValue(v); onChange(v); }} />
      <output data-testid="value">{value}</output>
    </>
  );
}

describe('DateField', () => {
  it.each([
    ['en', '31/03/2027', '01/04/2027', 'DD/MM/YYYY', 'Choose the date in a calendar'],
    ['sq', '31.03.2027', '1.4.2027', 'DD.MM.VVVV', 'Zgjidhni datën në kalendar'],
    ['sr', '31.03.2027.', '01.04.2027.', 'DD.MM.GGGG.', 'Izaberite datum u kalendaru'],
    ['sr-Cyrl', '31.03.2027.', '01.04.2027.', 'ДД.ММ.ГГГГ.', 'Изаберите датум у календару'],
  ])('shows and reads dates in %s, not in the browser’s mm/dd/yyyy', async (lng, shown, typed, pattern, calendar) => {
    await setupI18n(lng);
    const onChange = vi.fn();
    renderPage(<Harness initial="2027-03-31" onChange={onChange} />);
    const input = screen.getByRole('textbox', { name: 'Start' }) as HTMLInputElement;
    expect(input.value).toBe(shown);
    expect(input.getAttribute('placeholder')).toBe(pattern);
    expect(screen.getByRole('button', { name: calendar })).toBeTruthy();

    fireEvent.change(input, { target: { value: typed } });
    expect(onChange).toHaveBeenLastCalledWith('2027-04-01');
    expect(screen.getByTestId('value').textContent).toBe('2027-04-01');
    fireEvent.blur(input);
    expect(input.value).toBe(shown.replace('31.03', '01.04').replace('31/03', '01/04'));
  });

  it('says what is wrong with a date that does not exist, and keeps the last good value', async () => {
    await setupI18n('sq');
    const onChange = vi.fn();
    renderPage(<Harness initial="2027-03-31" onChange={onChange} />);
    const input = screen.getByRole('textbox', { name: 'Start' });
    fireEvent.change(input, { target: { value: '31.04.2027' } });
    fireEvent.blur(input);
    expect(screen.getByRole('alert').textContent).toBe('Shkruani një datë të vërtetë si DD.MM.VVVV');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByTestId('value').textContent).toBe('2027-03-31');
    // emptied: no date
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith('');
  });

  it('takes the date the calendar picked', async () => {
    await setupI18n('sr');
    const onChange = vi.fn();
    renderPage(<Harness initial="" onChange={onChange} />);
    fireEvent.change(screen.getByTestId('date-field-picker'), { target: { value: '2027-05-09' } });
    expect(onChange).toHaveBeenLastCalledWith('2027-05-09');
    expect((screen.getByRole('textbox', { name: 'Start' }) as HTMLInputElement).value).toBe('09.05.2027.');
  });
});
