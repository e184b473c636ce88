import { DEFAULT_DECLARATION_TEXT } from '@grants/domain';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderPage, setupI18n } from '../../../test/utils';
import type { CallDefinition } from '../../calls/types';
import { GRID } from '../test/fixtures';
import { effectiveTieBreak, EvaluationRulesFields, withCleanEvaluationRules } from './EvaluationRulesFields';

const DEF = { grid: GRID } as CallDefinition;

function Harness({ onDef }: { onDef: (d: CallDefinition) => void }) {
  const [def, setDef] = useState<CallDefinition>(DEF);
  return (
    <EvaluationRulesFields
      def={def}
      onChange={(patch) => setDef((d) => {
        const next = { ...d, ...patch };
        onDef(next);
        return next;
      })}
      errFor={() => undefined}
    />
  );
}

describe('EvaluationRulesFields', () => {
  beforeAll(async () => {
    await setupI18n('en');
  });

  it('shows the defaults the server applies and sets the rules the Secretariat chooses', async () => {
    const onDef = vi.fn();
    renderPage(<Harness onDef={onDef} />);
    expect((screen.getByRole('textbox', { name: 'Consolidation of the sheets' }) as HTMLInputElement).value).toBe('Mean of all sheets');
    expect((screen.getByRole('textbox', { name: /Tie-break section/ }) as HTMLInputElement).value).toBe('relevance · Relevance');
    expect((screen.getByLabelText(/Reserve list size/) as HTMLInputElement).value).toBe('5');
    expect(screen.getByLabelText('Evaluators\' declaration (Albanian)').getAttribute('placeholder')).toBe(DEFAULT_DECLARATION_TEXT.sq);

    fireEvent.click(screen.getByRole('textbox', { name: 'Consolidation of the sheets' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Mean of the two closest sheets' }));
    expect(onDef).toHaveBeenLastCalledWith(expect.objectContaining({ consolidationRule: 'two_closest' }));

    fireEvent.click(screen.getByRole('textbox', { name: /Tie-break section/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'None: the earlier submission first' }));
    expect(onDef).toHaveBeenLastCalledWith(expect.objectContaining({ tieBreakSectionId: null }));

    fireEvent.change(screen.getByLabelText('Evaluators\' declaration (English)'), { target: { value: 'I declare.' } });
    expect(onDef).toHaveBeenLastCalledWith(expect.objectContaining({ declarationText: { en: 'I declare.', sq: '', sr: '' } }));
  });

  it('words the problems that block publication on their fields', () => {
    renderPage(
      <EvaluationRulesFields
        def={{ ...DEF, tieBreakSectionId: 'gone', declarationText: { en: 'Mine', sq: '', sr: '' } }}
        onChange={vi.fn()}
        errFor={() => undefined}
        problems={[{ field: 'tieBreakSectionId', code: 'unknown_section' }, { field: 'declarationText.sq', code: 'required' }, { field: 'texts.title', code: 'required' }]}
      />,
    );
    expect(screen.getByText('This section is not in the grid: choose another or none.')).toBeTruthy();
    expect(screen.getAllByText('Write the declaration in all three languages, or leave all three empty.')).toHaveLength(1);
  });

  it('sends no declaration when all three languages are empty, and names relevance as the default tie-break', () => {
    expect(withCleanEvaluationRules({ ...DEF, declarationText: { en: ' ', sq: '', sr: '' } }).declarationText).toBeNull();
    const own = { en: 'a', sq: 'b', sr: 'c' };
    expect(withCleanEvaluationRules({ ...DEF, declarationText: own }).declarationText).toBe(own);
    expect(effectiveTieBreak(DEF)).toBe('relevance');
    expect(effectiveTieBreak({ ...DEF, tieBreakSectionId: null })).toBeNull();
    expect(effectiveTieBreak({ grid: { ...GRID, sections: GRID.sections.slice(1) } })).toBeNull();
  });
});
