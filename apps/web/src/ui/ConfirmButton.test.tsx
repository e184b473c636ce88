import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../test/utils';
import { ConfirmButton } from './ConfirmButton';

describe('ConfirmButton', () => {
  it.each([
    ['en', 'Close'],
    ['sq', 'Mbyll'],
    ['sr', 'Zatvori'],
  ])('names the dialog’s close button in %s', async (lng, close) => {
    await setupI18n(lng);
    const onConfirm = vi.fn();
    renderPage(<ConfirmButton title="Withdraw?" message="Sure?" onConfirm={onConfirm}>Withdraw</ConfirmButton>);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    const dialog = await screen.findByRole('dialog');
    const buttons = Array.from(dialog.querySelectorAll('button'));
    for (const b of buttons) {
      const name = b.getAttribute('aria-label') ?? b.textContent ?? '';
      expect(name.trim()).not.toBe('');
    }
    fireEvent.click(screen.getByRole('button', { name: close }));
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
