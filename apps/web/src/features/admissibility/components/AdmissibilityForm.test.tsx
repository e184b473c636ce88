import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import { AdmissibilityForm, missingReasons } from './AdmissibilityForm';

const QUESTIONS = [{ id: 'q1', text: { en: 'Provides services in Kosovo?', sq: 'Ofron shërbime?', sr: 'Pruža usluge?' }, requiredAnswer: true }];

describe('AdmissibilityForm', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('lists administrative, eligibility and the call’s own items with translated labels', () => {
    renderPage(<AdmissibilityForm questions={QUESTIONS} initial={null} onSave={vi.fn()} />);
    expect(screen.getByText('Submitted on time')).toBeTruthy();
    expect(screen.getByText('Valid social-services licence')).toBeTruthy();
    expect(screen.getByText('Provides services in Kosovo? (required answer: yes)')).toBeTruthy();
  });

  it('refuses to save a failed item without a reason, then sends it with the reason', () => {
    const onSave = vi.fn();
    renderPage(<AdmissibilityForm questions={QUESTIONS} initial={null} onSave={onSave} />);
    const item = within(screen.getByTestId('item-valid_licence'));
    fireEvent.click(item.getByText('Fail'));
    fireEvent.click(within(screen.getByTestId('item-on_time')).getByText('Pass'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getAllByText('A failed item needs a reason.').length).toBeGreaterThan(0);
    expect(screen.getByText('1 failed item has no reason.')).toBeTruthy();

    fireEvent.change(item.getByLabelText(/Reason/), { target: { value: 'The licence expired on 1 March 2026.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith(
      [
        { itemId: 'on_time', passed: true },
        { itemId: 'valid_licence', passed: false, reason: 'The licence expired on 1 March 2026.' },
      ],
      false,
    );
  });

  it('missingReasons names failed items with blank reasons only', () => {
    expect(missingReasons({ a: { passed: false, reason: '  ' }, b: { passed: false, reason: 'x' }, c: { passed: true, reason: '' }, d: { passed: null, reason: '' } })).toEqual(['a']);
  });
});
