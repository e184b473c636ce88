import { serbianLatinToCyrillic, type ApplicationContent } from '@grants/domain';
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n';
import { renderPage, setupI18n } from '../../../test/utils';
import type { CompletenessItem } from '../../calls/types';
import { FieldProblemsProvider } from './fieldProblems';
import { nsOptionCodes } from './NsObjectiveField';
import { completenessLabel, problemText } from './problems';
import { LogframeSection } from './Sections';

const LOGFRAME: ApplicationContent['logframe'] = {
  overallObjective: 'Survivors reintegrate',
  specificObjectives: [
    { text: 'Safe accommodation and counselling', nsObjective: 'III.2.7', results: [] },
    { text: 'Work and income', results: [] },
  ],
};

function Editor({ priorities, problems = [], onChange }: { priorities: string[]; problems?: CompletenessItem[]; onChange?: (v: ApplicationContent['logframe']) => void }) {
  const [value, setValue] = useState(LOGFRAME);
  return (
    <FieldProblemsProvider items={problems}>
      <LogframeSection
        value={value}
        priorityObjectives={priorities}
        onChange={(v) => {
          setValue(v);
          onChange?.(v);
        }}
      />
    </FieldProblemsProvider>
  );
}

describe('nsOptionCodes', () => {
  it('offers each priority and the action plan’s activities under it, in Strategy order', () => {
    const codes = nsOptionCodes(['III.4', 'III.2']);
    expect(codes.slice(0, 3)).toEqual(['III.2', 'III.2.1', 'III.2.2']);
    expect(codes).toContain('III.2.12');
    expect(codes.indexOf('III.2.10')).toBeGreaterThan(codes.indexOf('III.2.9'));
    expect(codes.slice(-5)).toEqual(['III.4', 'III.4.1', 'III.4.2', 'III.4.3', 'III.4.4']);
    expect(codes).toHaveLength(1 + 12 + 1 + 4);
    expect(codes).not.toContain('III.2.13');
    expect(codes).not.toContain('III.1');
  });

  it('opens a strategic objective into its specific objectives and their activities; ignores what is not a code', () => {
    const codes = nsOptionCodes(['I', 'junk']);
    expect(codes[0]).toBe('I');
    expect(codes).toEqual(expect.arrayContaining(['I.1', 'I.1.6', 'I.2', 'I.2.4', 'I.3', 'I.3.2']));
    expect(codes.every((c) => c === 'I' || c.startsWith('I.'))).toBe(true);
    expect(nsOptionCodes(['III.2.4'])).toEqual(['III.2.4']);
    expect(nsOptionCodes([])).toEqual([]);
  });
});

describe('the National Strategy objective of a specific objective', () => {
  it('is chosen from the call’s priorities and the activities under them, labelled with the objective’s title', async () => {
    await setupI18n('en');
    const onChange = vi.fn();
    renderPage(<Editor priorities={['III.2', 'III.4']} onChange={onChange} />);
    const selects = screen.getAllByRole('textbox', { name: /National Strategy objective/ });
    expect(selects).toHaveLength(2);
    // the stored tag is shown with its title; the second one waits for a choice
    expect((selects[0] as HTMLInputElement).value).toMatch(/^III\.2\.7 — \S/);
    expect((selects[1] as HTMLInputElement).value).toBe('');
    expect(screen.getAllByText(/the call has several/).length).toBeGreaterThan(0);
    fireEvent.click(selects[1]);
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option').map((o) => o.textContent);
    expect(options[0]).toMatch(/^III\.2 — /);
    expect(options).toContainEqual(expect.stringMatching(/^III\.4\.3 — /));
    expect(options).toHaveLength(18);
    fireEvent.click(within(listbox).getByRole('option', { name: /^III\.4\.3 — / }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({
      specificObjectives: [expect.objectContaining({ nsObjective: 'III.2.7' }), expect.objectContaining({ text: 'Work and income', nsObjective: 'III.4.3' })],
    }));
  });

  it('shows the server’s problem beside the field, in words that say why', async () => {
    await setupI18n('en');
    renderPage(
      <Editor
        priorities={['III.2', 'III.4']}
        problems={[
          { section: 'logframe', field: 'logframe.specificObjectives.1.nsObjective', code: 'required' },
          { section: 'logframe', field: 'logframe.specificObjectives.0.nsObjective', code: 'outside_call_priorities', params: { priorities: 'III.2, III.4' } },
        ]}
      />,
    );
    expect(screen.getByText(/Choose the National Strategy objective this specific objective serves: the call has several priorities/)).toBeTruthy();
    expect(screen.getByText(/outside the call's priorities \(III\.2, III\.4\)/)).toBeTruthy();
  });

  it('names the field and words its problems in every language', async () => {
    for (const lng of ['en', 'sq', 'sr'] as const) {
      await setupI18n(lng);
      const t = i18n.t.bind(i18n);
      const label = completenessLabel(t, { field: 'logframe.specificObjectives.1.nsObjective' }, [], (x) => x.en);
      expect(label).toContain(t('applications.logframe.nsObjective'));
      expect(label).toContain('2');
      for (const code of ['required', 'unknown_ns_code', 'outside_call_priorities']) {
        const text = problemText(t, code, { priorities: 'III.2' }, lng, 'logframe.specificObjectives.0.nsObjective');
        expect(text).not.toBe(t('errors.unknown'));
        expect(text.length).toBeGreaterThan(20);
      }
    }
  });

  it('with a single priority, may stay empty and says it counts there', async () => {
    await setupI18n('en');
    renderPage(<Editor priorities={['III.4']} />);
    const selects = screen.getAllByRole('textbox', { name: /National Strategy objective/ });
    expect(selects[0]?.hasAttribute('required') || selects[0]?.getAttribute('aria-required') === 'true').toBe(false);
    expect(screen.queryByText(/the call has several/)).toBeNull();
    expect(screen.getAllByText(/Left empty, it counts under the call's priority/)).toHaveLength(2);
  });

  it('read-only, shows the tag as text in the reader’s language and script', async () => {
    await setupI18n('sr-Cyrl');
    renderPage(<LogframeSection value={LOGFRAME} onChange={() => undefined} readOnly />);
    const shown = screen.getAllByTestId('ns-objective');
    expect(shown).toHaveLength(2);
    expect(shown[0].textContent).toContain('III.2.7 — ');
    expect(shown[0].textContent).toContain(serbianLatinToCyrillic('Cilj Nacionalne strategije'));
    expect(shown[0].textContent).not.toMatch(/[a-z]{3}/); // no Latin words left
    expect(shown[1].textContent).toContain(serbianLatinToCyrillic('nije vezan za sopstveni cilj'));
    expect(screen.queryByRole('textbox', { name: /Strategij|Стратегиј/ })).toBeNull();
  });
});
